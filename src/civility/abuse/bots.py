"""The comment form's defences against bots (the article page's form and the widget's).

- **The honeypot**: a field people never see and bots fill in.
- **The signed timestamp**: proof that the form was loaded from this site (a
  bot that posts without loading the page has none), not too long ago, and
  optionally not too quickly (``CIVILITY_FORM_MIN_SECONDS``).

Checked by those two doors while they parse their input, before the
posting service runs (the JSON API has neither: its clients are programs by
design; the rate limits apply to every door just the same).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

from civility.errors import ValidationFailed

FORM_SALT = "civility.comments.form-timestamp"
HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "issued"


class FormRefused(ValidationFailed):
    """The comment form was not sent by a person from our page: 400, not 422."""

    status = 400


def form_timestamp(now: float | None = None) -> str:
    """A signed "this form was issued at" value for the comment form."""
    now = time.time() if now is None else now
    return signing.Signer(salt=FORM_SALT).sign(str(int(now)))


def check_form(data, *, now: float | None = None) -> None:
    """Refuse a form post that a person on this site's page did not send.

    Raises ValidationFailed (400, no field: the message shows above the form).
    """
    now = time.time() if now is None else now
    if (data.get(HONEYPOT_FIELD) or "").strip():
        raise FormRefused(
            "This form could not be accepted. Please reload the page and try again.",
            code="form_honeypot",
        )
    raw = data.get(TIMESTAMP_FIELD) or ""
    try:
        issued = int(signing.Signer(salt=FORM_SALT).unsign(raw))
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
