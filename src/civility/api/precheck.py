"""POST /api/articles/{slug}/precheck: the pre-submit warning, nothing stored.

Answers ``{"warnings": [{"clause_id", "message", "quotes": [...]}]}``, an
empty list when the text seems fine (posting/warnings.py). The posting
service's PRECHECK door: the same list as a post, nothing stored. The messages are
in the article's language: they are shown to the reader under the form, as
the outcome of a post is. Rate-limited per IP address
(``CIVILITY_RATE_LIMIT_PRECHECK``), apart from the posting limits, so that a
reader who pauses often never uses up their comments.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema

from civility.abuse.rate_limits import client_ip
from civility.posting.service import submit
from civility.posting.submission import Door, Sender, Submission

from .articles import get_article
from .schemas import ErrorOut

router = Router(tags=["comments"])


class PrecheckIn(Schema):
    text: str = ""


class WarningOut(Schema):
    clause_id: str
    message: str
    quotes: list[str]


class PrecheckOut(Schema):
    warnings: list[WarningOut]


@router.post(
    "/{slug}/precheck",
    response={
        200: PrecheckOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Would this comment seem to break a guideline? Nothing is stored",
    url_name="precheck",
)
def check(request: HttpRequest, slug: str, payload: PrecheckIn):
    article = get_article(slug, tags=False)
    with translation.override(article.language or "en"):
        outcome = submit(
            Submission(
                door=Door.PRECHECK,
                article=article,
                text=payload.text,
                ip_address=client_ip(request),
                sender=Sender.of(request),
            )
        )
    outcome.raise_refusal()
    return {"warnings": [w.to_json() for w in outcome.warnings]}
