"""A Perspective-compatible endpoint: ``POST /v1alpha1/comments:analyze``.

Clients written for Google's Perspective API (Coral Talk among them) point
their endpoint setting at Civility and get our guideline scores in
Perspective's shapes (docs/perspective.md).
"""
