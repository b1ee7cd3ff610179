"""POST /api/articles/{slug}/precheck: the pre-submit warning, nothing stored.

Answers ``{"warnings": [{"clause_id", "message", "quotes": [...]}]}``, an
empty list when the text seems fine (comments/precheck.py). The messages are
in the article's language: they are shown to the reader under the form, as
the outcome of a post is. Rate-limited per IP address
(``CIVILITY_RATE_LIMIT_PRECHECK``), apart from the posting limits, so that a
reader who pauses often never uses up their comments.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema

from civility.comments import guards
from civility.comments.precheck import precheck
from civility.errors import ArticleClosed, ValidationFailed

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
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Would this comment seem to break a guideline? Nothing is stored",
    url_name="precheck",
)
def check(request: HttpRequest, slug: str, payload: PrecheckIn):
    article = get_article(slug)
    if not article.comments_open:
        raise ArticleClosed(field="article")
    max_chars = settings.CIVILITY_COMMENT_MAX_CHARS
    if len(payload.text) > max_chars:
        raise ValidationFailed(
            f"Your comment can be {max_chars:,} characters at most (it has {len(payload.text):,}).",
            field="text",
            code="too_long",
        )
    ip = guards.client_ip(request)
    if ip:
        guards.hit("precheck", ip, settings.CIVILITY_RATE_LIMIT_PRECHECK)
    with translation.override(article.language or "en"):
        warnings = [w.to_json() for w in precheck(article, payload.text)]
    return {"warnings": warnings}
