"""Who a reader is without an account: a random key their browser keeps.

Reports are counted once per reader, a reaction once per reader per
comment, and a reader sees their own held comment until it is decided. None
of that needs an account: the server gives the browser a random key and the
list of the comments it posted, signed so that neither can be forged, and
the browser sends the token back. The article page keeps it in a cookie
(``COOKIE``, HttpOnly, SameSite=Lax); the widget, which sends no cookies to
another site, in its local storage. A reader who clears them becomes a new
reader, which is why reports are also counted once per address and rate
limited (reports.py).

The key is never stored: reports keep a keyed hash of it, reactions a keyed
hash of it *with the comment* (so one reader's reactions cannot be linked).
A signed-in reader (docs/sign-in.md) is known by the publisher's account
instead (``for_reader``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace

from django.conf import settings
from django.core import signing

COOKIE = "civility_reader"
# A year: the key only counts reports and reactions; nothing else hangs on it.
MAX_AGE = 365 * 24 * 3600
# The reader's own comments shown back to them: the most recent ones.
OWN_COMMENTS = 20
_SALT = "civility.threads.visitor"
_HASH_LABEL = b"civility.threads.visitor-hash"


@dataclass(frozen=True)
class Visitor:
    """A reader's browser: its key, and the comments it posted (newest last)."""

    key: str
    own: tuple[int, ...] = ()
    new: bool = False  # the key was made for this request: give it to the browser

    @classmethod
    def fresh(cls) -> Visitor:
        return cls(key=secrets.token_urlsafe(18), new=True)

    @classmethod
    def from_token(cls, token: str | None) -> Visitor:
        """The visitor a token names; a fresh one for no token or a forged, old one."""
        if token:
            try:
                data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
                key = str(data["k"])
                own = tuple(int(i) for i in data.get("m", ()))[-OWN_COMMENTS:]
                if 16 <= len(key) <= 64:
                    return cls(key=key, own=own)
            except (signing.BadSignature, KeyError, TypeError, ValueError):
                pass
        return cls.fresh()

    @classmethod
    def for_reader(cls, reader, token: str | None = None) -> Visitor:
        """A signed-in reader: known by their account, whatever browser they use."""
        own = cls.from_token(token).own if token else ()
        return cls(key=f"reader:{reader.pk}", own=own)

    def token(self) -> str:
        return signing.dumps({"k": self.key, "m": list(self.own)}, salt=_SALT, compress=True)

    def with_comment(self, comment_id: int) -> Visitor:
        own = tuple(i for i in self.own if i != comment_id) + (int(comment_id),)
        return replace(self, own=own[-OWN_COMMENTS:], new=True)

    def reporter(self) -> str:
        """The keyed hash a report keeps of this reader."""
        return _hash(f"report\n{self.key}")

    def reaction_of(self, comment_id: int) -> str:
        """The keyed hash a reaction keeps: this reader and this comment together."""
        return _hash(f"reaction\n{comment_id}\n{self.key}")


def _hash(value: str) -> str:
    key = hmac.new(settings.SECRET_KEY.encode(), _HASH_LABEL, hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def from_request(request) -> Visitor:
    """The page's visitor, from its cookie."""
    return Visitor.from_token(request.COOKIES.get(COOKIE))


def remember(response, visitor: Visitor, *, secure: bool = False) -> None:
    """Give the page's visitor token to the browser (only when it changed)."""
    if visitor.new:
        response.set_cookie(
            COOKIE,
            visitor.token(),
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=secure or bool(getattr(settings, "HTTPS", False)),
        )
