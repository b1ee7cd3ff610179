"""/api/articles/{slug}/comments: the published thread, and posting a comment.

Posting is one of the posting service's doors: it parses the JSON (the
schema, the reader's token) into a submission, calls ``posting.submit`` and
renders the outcome: 201 when the comment is decided at once (published or
rejected), 202 when it is held for a moderator (accepted, its fate not known
yet), a refusal in the one error shape with its own status.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from ninja import Router, Status
from ninja.responses import NinjaJSONEncoder

from civility.abuse.rate_limits import client_ip
from civility.comments.models import Comment, CommentStatus
from civility.posting.service import submit
from civility.posting.submission import Door, Sender, Submission
from civility.readers import api as readers
from civility.threads import cache

from .articles import article_pk, get_article
from .pagination import paginate
from .schemas import CommentIn, ErrorOut, PostedOut, ThreadPage, posting_responses
from .statements import statement_url

router = Router(tags=["comments"])


@router.get(
    "/{slug}/comments",
    response={200: ThreadPage, 304: None, 404: ErrorOut, 422: ErrorOut},
    summary="Published comments, oldest first, 50 a page",
    description=(
        "Served from the shared thread cache (docs/deployment.md), never stale after a "
        "decision: each answer carries an ETag and Last-Modified, and a request with "
        "If-None-Match or If-Modified-Since is answered 304 when nothing changed."
    ),
)
def thread(request: HttpRequest, slug: str, page: int = 1):
    article_id = article_pk(slug)
    if page < 1:
        paginate(Comment.objects.none(), page)  # the one error for a bad page (422)
    return cache.respond(
        request, article_id, "api", (page,), lambda: _thread_body(article_id, page)
    )


def _thread_body(article_id: int, page: int) -> bytes:
    queryset = Comment.objects.filter(article_id=article_id, status=CommentStatus.APPROVED)
    queryset = queryset.order_by("created_at", "id").only(
        "id", "author_name", "text", "created_at", "parent_id"
    )
    meta, items = paginate(queryset, page)
    data = {
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
    # As django-ninja renders a response: validated by its schema, then JSON.
    return json.dumps(ThreadPage.model_validate(data).model_dump(), cls=NinjaJSONEncoder).encode()


@router.post(
    "/{slug}/comments",
    response=posting_responses(PostedOut),
    summary="Post a comment; it is moderated before anyone sees it",
)
def post(request: HttpRequest, slug: str, payload: CommentIn):
    article = get_article(slug)
    # A signed-in reader (a valid token, else 401) posts under the token's
    # name and e-mail; a guest under the ones typed (docs/sign-in.md).
    reader = readers.reader_from(request, payload.reader_token)
    outcome = submit(
        Submission(
            door=Door.API,
            article=article,
            author_name=reader.name if reader else payload.author_name,
            author_email=reader.email if reader else payload.author_email,
            text=payload.text,
            parent=payload.parent_id,
            reader=reader,
            notify=payload.notify,
            ip_address=client_ip(request),
            sender=Sender.of(request),
        )
    )
    # A refusal answers in the one error shape (web/api.py), in English as
    # the API always speaks; the reader's pages translate by its code.
    outcome.raise_refusal()
    return Status(
        outcome.http_status,
        {**outcome.to_json(), "statement_url": statement_url(request, outcome.comment)},
    )
