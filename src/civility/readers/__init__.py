"""Readers known by a token the publisher's own site signs (docs/sign-in.md).

Guests keep the name and e-mail form. A site with its own accounts passes a
signed JWT (HS256 or RS256) with each comment; the reader is then known
across comments, and the trust rules may hold new readers or publish the
comments of readers with enough approved ones that the engine would hold.
"""
