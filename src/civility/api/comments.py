"""/api/articles/{slug}/comments: the published thread, and posting a comment.

Posting is one of the posting service's doors: it parses the JSON (the
schema, the reader's token) into a submission, calls ``posting.submit`` and
renders the outcome: 201 when the comment is decided at once (published or
rejected), 202 when it is held for a moderator (accepted, its fate not known
yet), a refusal in the one error shape with its own status.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from ninja import Router, Status
from ninja.responses import NinjaJSONEncoder

from civility.abuse.rate_limits import client_ip
from civility.articles.models import Article
from civility.comments.models import Comment
from civility.posting.service import submit
from civility.posting.submission import Door, Sender, Submission
from civility.readers import api as readers
from civility.threads import cache, payload, tree
from civility.threads.visitor import Visitor

from .articles import article_pk, get_article
from .pagination import paginate
from .readers import READER_HEADER, visitor_of
from .schemas import CommentIn, ErrorOut, PostedOut, ThreadPage, posting_responses
from .statements import statement_url

router = Router(tags=["comments"])


@router.get(
    "/{slug}/comments",
    response={200: ThreadPage, 304: None, 404: ErrorOut, 422: ErrorOut},
    summary="The published thread: replies under their comment, picks first, 50 a page",
    description=(
        "Top-level comments, 50 a page, editors' picks first, then by `sort` (oldest, "
        "newest, reactions); each with its published replies, oldest first. A reply whose "
        "comment is no longer published comes at the top level (`parent_gone`). With the "
        "reader's token in `X-Civility-Reader` (from any write's `reader`), the reader's "
        "reactions (`reacted`) and their own held or rejected comments (`own`), in place. "
        "Served from the shared thread cache (docs/deployment.md), never stale after a "
        "decision: each answer carries an ETag and Last-Modified, and a request with "
        "If-None-Match or If-Modified-Since is answered 304 when nothing changed."
    ),
)
def thread(request: HttpRequest, slug: str, page: int = 1, sort: str = ""):
    article_id = article_pk(slug)
    if page < 1:
        paginate(Comment.objects.none(), page)  # the one error for a bad page (422)
    sort = tree.choose_sort(sort)
    reader = visitor_of(request)

    def published():
        return payload.published_part(Article.objects.get(pk=article_id), sort=sort, page=page)

    if reader is None:
        return cache.respond(request, article_id, "api", (page, sort), lambda: _render(published()))
    # The reader's own part is laid over the cached published part, per request.
    current = cache.version(article_id)
    params = (page, sort, reader.reporter(), reader.own)
    found = cache.validators(current, article_id, "api-reader", params)
    if (answer := cache.not_modified(request, found)) is None:
        part = cache.cached(article_id, "api-part", (page, sort), published, current=current)
        mine = payload.with_reader(Article.objects.get(pk=article_id), part, reader)
        answer = cache.set_validators(
            HttpResponse(_render(mine), content_type="application/json; charset=utf-8"), found
        )
    patch_vary_headers(answer, (READER_HEADER,))
    return answer


def _render(data: dict) -> bytes:
    # As django-ninja renders a response: validated by its schema, then JSON.
    return json.dumps(ThreadPage.model_validate(data).model_dump(), cls=NinjaJSONEncoder).encode()


@router.post(
    "/{slug}/comments",
    response=posting_responses(PostedOut),
    summary="Post a comment; it is moderated before anyone sees it",
)
def post(request: HttpRequest, slug: str, payload: CommentIn):
    article = get_article(slug, tags=False)
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
            parent=payload.parent_id,  # a reply: to a published comment of this article
            reader=reader,
            notify=payload.notify,
            ip_address=client_ip(request),
            sender=Sender.of(request),
        )
    )
    # A refusal answers in the one error shape (web/api.py), in English as
    # the API always speaks; the reader's pages translate by its code.
    outcome.raise_refusal()
    # The reader's token, listing this comment: the thread shows it back to them.
    who = (visitor_of(request) or Visitor.fresh()).with_comment(outcome.comment.pk)
    return Status(
        outcome.http_status,
        {
            **outcome.to_json(),
            "statement_url": statement_url(request, outcome.comment),
            "reader": who.token(),
        },
    )
