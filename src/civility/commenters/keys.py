"""A commenter's key: HMAC-SHA256 of their normalised e-mail address.

One key per mailbox however it is spelled (``Alice+news@Example.com`` and
``alice@example.com``; Gmail's dots), because abuse/identity.py decides what
"the same mailbox" means for every limit, and the desk must agree with the
limits. Keyed (under a key derived from the secret key), so that the key of
a known address cannot be looked up in a list of hashes; never shown, never
exported. Changing the secret key starts every commenter's history afresh.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from civility.abuse import identity

_KEY_LABEL = b"civility.commenters.email-key"


def _secret() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), _KEY_LABEL, hashlib.sha256).digest()


def email_key(address: object) -> str:
    """The key of the mailbox ``address`` reaches; "" when it is not an address."""
    normal = identity.email(address)
    local, at, domain = normal.rpartition("@")
    if not (local and at and domain):
        return ""
    return hmac.new(_secret(), normal.encode(), hashlib.sha256).hexdigest()
