"""The comment form's defences against bots (the article page's form and the widget's).

- **The honeypot**: a field people never see and bots fill in.
- **The signed timestamp**: proof that the form was loaded from this site (a
  bot that posts without loading the page has none), not too long ago, and
  optionally not too quickly (``CIVILITY_FORM_MIN_SECONDS``). One token
  serves at most ``FORM_USES`` posts: a bot that loads the widget once must
  not post all day on one signature (each rendering of the page's form and
  each answer of the widget's thread carries a fresh one).

Checked by those two doors while they parse their input, before the
posting service runs (the JSON API has neither: its clients are programs by
design; the rate limits apply to every door just the same).
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches

from civility.errors import ValidationFailed

FORM_SALT = "civility.comments.form-timestamp"
HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "issued"
# A few, not one: a reader who corrects a refused post (a name too long, a
# rate limit) sends the same page's token again. Counted per token in the
# shared cache (Redis with several servers), atomically as the rate limits are.
FORM_USES = 3
USES_KEY_PREFIX = "civility:form-uses:"


class FormRefused(ValidationFailed):
    """The comment form was not sent by a person from our page: 400, not 422."""

    status = 400


def form_timestamp(now: float | None = None) -> str:
    """A signed "this form was issued at" value for the comment form."""
    now = time.time() if now is None else now
    # A nonce after the time: two readers who load the page in the same
    # second get two tokens, each with its own FORM_USES.
    return signing.Signer(salt=FORM_SALT).sign(f"{int(now)}.{secrets.token_urlsafe(9)}")


def check_form(data, *, now: float | None = None) -> None:
    """Refuse a form post that a person on this site's page did not send.

    Raises ValidationFailed (400, no field: the message shows above the form).
    """
    now = time.time() if now is None else now
    # Any value at all: people never see the field, so even spaces come from a bot.
    if data.get(HONEYPOT_FIELD):
        raise FormRefused(
            "This form could not be accepted. Please reload the page and try again.",
            code="form_honeypot",
        )
    raw = data.get(TIMESTAMP_FIELD) or ""
    try:
        issued = int(signing.Signer(salt=FORM_SALT).unsign(raw).partition(".")[0])
    except (signing.BadSignature, ValueError):
        raise FormRefused(
            "This form was not loaded from our page. Please reload the page and try again.",
            code="form_unsigned",
        ) from None
    age = now - issued
    if age > settings.CIVILITY_FORM_MAX_AGE_SECONDS or age < -60:
        raise FormRefused(
            "This form has expired. Your text is kept below: please post it again.",
            code="form_expired",
        )
    if age < settings.CIVILITY_FORM_MIN_SECONDS:
        raise FormRefused(
            "That was sent very quickly. Please check your comment and post it again.",
            code="form_too_fast",
        )
    if _uses(raw) > FORM_USES:
        # Spent: to the reader this is an expired form (the page and the
        # widget both fetch a fresh token on form_expired; the text is kept).
        raise FormRefused(
            "This form has expired. Your text is kept below: please post it again.",
            code="form_expired",
        )


def _uses(token: str) -> int:
    """Count one use of ``token``; the count so far, this one included."""
    key = USES_KEY_PREFIX + hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    timeout = int(settings.CIVILITY_FORM_MAX_AGE_SECONDS) + 120
    cache = caches["default"]
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1
