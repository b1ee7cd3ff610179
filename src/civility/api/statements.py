"""GET /api/statements/{token}: the author's statements of reasons, with CIVILITY_DSA.

The token is the signed link the author got when posting (``statement_url``
in the POST answer); the answer is what the page shows (pages/law.py), read
from the same ``civility.law.statements``. 404 when the law's side is off.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from civility import law
from civility.errors import NotFound
from civility.law import statements

from .schemas import ErrorOut

router = Router(tags=["statements"])


class StatementsOut(Schema):
    comment_id: int
    status: str
    statements: list[dict]


def statement_url(request: HttpRequest, comment) -> str | None:
    """The author's page for a comment just posted, when the law's side is on."""
    if not law.enabled():
        return None
    token = statements.token_for(comment)
    return request.build_absolute_uri(reverse("comments:statement", args=[token]))


@router.get(
    "/{token}",
    response={200: StatementsOut, 404: ErrorOut},
    summary="Statements of reasons for the author's own comment (CIVILITY_DSA)",
)
def get_statements(request: HttpRequest, token: str):
    comment = statements.comment_for(token) if law.enabled() else None
    if comment is None:
        raise NotFound("No such comment.", code="comment_not_found")
    return {
        "comment_id": comment.pk,
        "status": comment.status,
        "statements": [statements.to_json(s) for s in statements.statements_for(comment)],
    }
