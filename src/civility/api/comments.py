"""/api/articles/{slug}/comments: the published thread, and posting a comment.

Posting answers 201 when the comment is decided at once (published or
rejected) and 202 when it is held for a moderator, as a comment server
should: the reader's comment was accepted, its fate is not known yet.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from civility.comments import guards
from civility.comments.actions import post_comment
from civility.comments.models import Comment
from civility.readers import api as readers

from .articles import get_article
from .pagination import paginate
from .schemas import CommentIn, ErrorOut, PostedOut, ThreadPage

router = Router(tags=["comments"])


@router.get(
    "/{slug}/comments",
    response={200: ThreadPage, 404: ErrorOut, 422: ErrorOut},
    summary="Published comments, oldest first, 50 a page",
)
def thread(request: HttpRequest, slug: str, page: int = 1):
    article = get_article(slug)
    queryset = Comment.objects.thread(article).only(
        "id", "author_name", "text", "created_at", "parent_id"
    )
    meta, items = paginate(queryset, page)
    return {
        **meta,
        "comments": [
            {
                "id": c.pk,
                "author_name": c.author_name,
                "text": c.text,
                "created_at": c.created_at,
                "parent_id": c.parent_id,
            }
            for c in items
        ],
    }


@router.post(
    "/{slug}/comments",
    response={
        201: PostedOut,
        202: PostedOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Post a comment; it is moderated before anyone sees it",
)
def post(request: HttpRequest, slug: str, payload: CommentIn):
    article = get_article(slug)
    # A signed-in reader (a valid token, else 401) posts under the token's
    # name and e-mail; a guest under the ones typed (docs/sign-in.md).
    reader = readers.reader_from(request, payload.reader_token)
    name = reader.name if reader else payload.author_name
    email = reader.email if reader else payload.author_email
    ip = guards.client_ip(request)
    guards.check_posting(ip=ip, email=email, text=payload.text)
    posted = post_comment(
        article=article,
        author_name=name,
        author_email=email,
        text=payload.text,
        parent=payload.parent_id,
        ip_address=ip,
        reader=reader,
        notify=payload.notify,
    )
    status = 202 if posted.outcome == "held" else 201
    return Status(
        status,
        {
            "id": posted.comment.pk,
            "status": posted.comment.status,
            "outcome": posted.outcome,
            "message": posted.message,
            "reasons": posted.reasons,
        },
    )
