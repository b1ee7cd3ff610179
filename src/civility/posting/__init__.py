"""The one door every comment comes in by.

However a comment arrives (the article page's form, the JSON API, the
embeddable widget, or the pre-submit check that stores nothing), the door
that received it parses its own input into a ``Submission`` and calls
``submit``; ``submit`` runs the one ordered list of checks (``steps.py``:
the site's own around the engine's), writes through the comment actions, and
answers one ``Outcome`` carrying the reader's message and the HTTP status.
Each door only renders that outcome. docs/life-of-a-comment.md follows one
comment through it; docs/pipeline.md shows the whole list.
"""
