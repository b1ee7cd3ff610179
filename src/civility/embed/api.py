"""/api/embed: the widget's routes (docs/embedding.md).

- ``GET /api/embed/thread?article=ID&url=URL&lang=xx&page=N&sort=S``: the
  article, the widget's words in the page's language, a fresh form token and
  a page of the thread (replies nested, picks first, reaction counts; sorted
  oldest, newest or by reactions). 404 ``article_not_found`` when no article
  has that id or URL yet.
- ``POST /api/embed/articles``: create the article from the page's metadata
  (when the site allows it), answered like the thread.
- ``POST /api/embed/articles/{slug}/comments``: post a comment, one of the
  posting service's doors: parsed as the article page's form is (honeypot
  and signed timestamp, then the form's fields), then ``posting.submit``,
  whose outcome and messages come in the page's language. ``parent_id``
  makes it a reply.
- ``POST /api/embed/comments/{id}/reports``: report a published comment
  under a guideline it breaks (threads/reports.py).
- ``POST`` / ``DELETE /api/embed/comments/{id}/reaction``: the reader's one
  reaction to a comment, or taking it back (threads/reactions.py).

The reader: the widget sends no cookies, so who a reader is travels in a
signed token (threads/visitor.py) that every write answers with (``reader``)
and the widget keeps in its local storage and sends back in the
``X-Civility-Reader`` header. With it the thread shows the reader's own held
or rejected comments and their reactions; reports and reactions count once
per reader. The published part of a thread is cached for everyone
(threads/payload.py); the reader's part is laid over it per request.

Writes answer only a configured site (the ``Origin`` header); cors.py
explains why that, and not a cookie token, is the CSRF defence here.
"""

from __future__ import annotations

import functools
import time
from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Router, Status

from civility.abuse import bots
from civility.abuse.rate_limits import client_ip
from civility.api.readers import READER_HEADER, published_comment, visitor_of
from civility.api.schemas import ErrorOut, posting_responses
from civility.articles.models import Article
from civility.errors import CivilityError, NotFound, PermissionDenied, RateLimited
from civility.i18n import error_message
from civility.posting import steps
from civility.posting.form import CommentForm
from civility.posting.service import submit
from civility.posting.submission import Door, Sender
from civility.readers import api as readers
from civility.threads import cache, payload, reactions, reports, tree
from civility.threads.counts import count_text, published_counts
from civility.threads.visitor import Visitor

from . import articles, interface
from .models import EmbedSite
from .schemas import (
    EmbedCommentIn,
    EmbedOut,
    EmbedPostedOut,
    FormErrorsOut,
    PageIn,
    ReactionIn,
    ReactionOut,
    ReportedOut,
    ReportIn,
)

router = Router(tags=["embed"])

# Django's form error codes, as the actions name the same failures.
# An article created from a page waits for an editor (embed/articles.py).
HELD_MESSAGE = "Comments open on this page once an editor has approved it."
FORM_CODES = {"required": "required", "invalid": "invalid_email", "max_length": "too_long"}


def translated(view):
    """Raise errors with their message in the language the view chose.

    The API's handler renders an error after the view has returned, outside
    ``translation.override``; so the message is translated here, by code
    (civility/i18n.py), while the page's language is still active.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except CivilityError as error:
            error.message = error_message(error)
            raise

    return wrapper


def require_site(request: HttpRequest) -> EmbedSite:
    site = EmbedSite.objects.for_origin(request.headers.get("Origin"))
    if site is None:
        raise PermissionDenied(
            _("This site may not embed comments."), code="origin_not_allowed", field="origin"
        )
    return site


@router.get(
    "/thread",
    response={200: EmbedOut, 404: ErrorOut, 422: ErrorOut},
    summary="The widget's article, words, form token and a page of its thread",
)
def thread(
    request: HttpRequest,
    response: HttpResponse,
    article: str = "",
    url: str = "",
    lang: str = "",
    page: int = 1,
    sort: str = "",
):
    with translation.override(interface.choose_language(lang)):
        found = _find(article, url)
    # A page in a language Civility lacks gets the article's language.
    language = interface.choose_language(lang, found)
    with translation.override(language):
        if found is None:
            return _thread(found, page, sort, None)
        reader = visitor_of(request)
        # Conditional GET: the thread's version, the page, the sort, the
        # language, the reader (their own comments and reactions are in it) and
        # the form token's age (a copy older than half its life is sent anew).
        current = cache.version(found.pk)
        renewed = max(60, settings.CIVILITY_FORM_MAX_AGE_SECONDS // 2)
        since = int(time.time() // renewed * renewed)
        mine = (reader.reporter(), reader.own) if reader else ()
        params = (page, tree.choose_sort(sort), language, mine)
        validators = cache.validators(current, found.pk, "embed", params, since=since)
        patch_vary_headers(response, (READER_HEADER,))
        if (answer := cache.not_modified(request, validators)) is not None:
            patch_vary_headers(answer, (READER_HEADER,))
            return answer
        cache.set_validators(response, validators)
        return _thread(found, page, sort, reader, current)


# The count script asks for a page's headlines at once; more is not a page.
MAX_COUNTS = 100


@router.get(
    "/counts",
    response={200: dict},
    summary="Published comment counts for the count script (static/civility/count.js)",
)
def counts(request: HttpRequest, lang: str = ""):
    """``?article=ID&article=ID2`` (publisher ids or slugs) → each one's count
    and its text in the page's language ("3 comments"); an unknown id counts 0.

    Open to readers, as the thread is (public numbers); a browser lets only the
    widget's sites read it (embed/cors.py)."""
    wanted = list(dict.fromkeys(request.GET.getlist("article")))[:MAX_COUNTS]
    found = {key: articles.find_article(key, "") for key in wanted}
    numbers = published_counts(a.pk for a in found.values() if a is not None)
    with translation.override(interface.choose_language(lang)):
        answer = {}
        for key, article in found.items():
            n = numbers.get(article.pk, 0) if article is not None else 0
            answer[key] = {"count": n, "text": count_text(n)}
    return {"counts": answer}


@translated
def _find(article: str, url: str) -> Article | None:
    return articles.find_article(article, url)


@translated
def _thread(found: Article | None, page: int, sort: str, reader, current=None):
    if found is None:
        raise NotFound(_("No such article."), code="article_not_found", field="article")
    if found.held:
        raise NotFound(HELD_MESSAGE, code="article_held", field="article")
    return embed_payload(found, page, current, sort=sort, reader=reader)


@router.post(
    "/articles",
    response={
        200: EmbedOut,
        201: EmbedOut,
        202: ErrorOut,
        400: ErrorOut,
        403: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Create the page's article on first use (when the site allows it)",
)
def create_article(request: HttpRequest, payload: PageIn):
    with translation.override(interface.choose_language(payload.lang)):
        return _create_article(request, payload)


@translated
def _create_article(request: HttpRequest, payload: PageIn):
    site = require_site(request)
    article, created = articles.create_article(
        site,
        article=payload.article,
        url=payload.url,
        title=payload.title,
        description=payload.description,
        language=interface.choose_language(payload.lang, None)
        if payload.lang.strip()
        else site.language,
        ip=client_ip(request),
    )
    if article.held:
        # Accepted, not shown: an editor approves the article first (issue 12, item 5).
        error = NotFound(HELD_MESSAGE, code="article_held", field="article")
        return Status(202, error.to_json())
    return Status(201 if created else 200, embed_payload(article, 1))


@router.post(
    "/articles/{slug}/comments",
    response=posting_responses(EmbedPostedOut, {403: ErrorOut, 422: FormErrorsOut}),
    summary="Post a comment from the widget; moderated before anyone sees it",
)
def post_comment(request: HttpRequest, slug: str, payload: EmbedCommentIn):
    article = Article.objects.filter(slug=slug).first()
    with translation.override(interface.choose_language(payload.lang, article)):
        return _post_comment(request, article, payload)


@translated
def _post_comment(request: HttpRequest, article: Article | None, payload: EmbedCommentIn):
    site = require_site(request)
    if article is None:
        raise NotFound(_("No such article."), code="article_not_found", field="article")
    # A signed-in reader posts under the token's name and e-mail (401 for a bad token).
    reader = readers.reader_from(request, payload.reader_token)
    data = {
        "author_name": reader.name if reader else payload.author_name,
        "author_email": reader.email if reader else payload.author_email,
        "text": payload.text,
    }
    form = CommentForm(data)
    valid = form.is_valid()
    # The article page's order (pages/comment_form.py): bots first, then the form.
    bots.check_form({"website": payload.website, "issued": payload.issued})
    if not valid:
        errors = form_errors(form)
        return Status(422, {"error": errors[0], "errors": errors})
    sender = Sender.of(request, allowed=site.origin_list())
    submission = form.submission(
        Door.WIDGET, article, reader=reader, ip=client_ip(request), sender=sender
    )
    outcome = submit(replace(submission, parent=payload.parent_id))
    outcome.raise_refusal()  # translated by the decorator, rendered in the one shape
    # The reader's token now lists this comment: held or rejected, it is shown
    # back to them alone, in place, until it is decided (threads/visitor.py).
    who = visitor_of(request) or Visitor.fresh()
    answer = outcome.to_json()
    answer["reader"] = who.with_comment(outcome.comment.pk).token() if outcome.comment else ""
    return Status(outcome.http_status, answer)


def form_errors(form: CommentForm) -> list[dict]:
    """Every field's first error, in the form's field order."""
    errors = []
    for field, problems in form.errors.as_data().items():
        problem = problems[0]
        text = problem.message % problem.params if problem.params else problem.message
        # The form's one code-less error is clean_text's all-blank comment.
        code = problem.code or ("required" if field == "text" else "invalid")
        errors.append(
            {
                "code": FORM_CODES.get(code, code),
                "message": str(text),
                "field": None if field == "__all__" else field,
            }
        )
    return errors


def embed_payload(
    article: Article, page: int, current=None, *, sort: str = "", reader: Visitor | None = None
) -> dict:
    """Everything the widget renders, in the active language.

    The thread's published part comes from the shared thread cache
    (threads/cache.py, threads/payload.py); the reader's part is laid over it
    and the form token made for each answer.
    """
    sort = tree.choose_sort(sort)
    part = cache.cached(
        article.pk,
        "embed",
        (page, sort),
        lambda: payload.published_part(article, sort=sort, page=page),
        current=current,
    )
    return {
        "article": {
            "slug": article.slug,
            "title": article.title,
            "language": article.language,
            "comments_open": part["open"],
            "url": article.get_absolute_url(),
        },
        "interface": interface.interface(),
        "form": {
            "issued": bots.form_timestamp(),
            "name_max": steps.NAME_MAX,
            "email_max": steps.EMAIL_MAX,
            "text_max": CommentForm().text_max,
            # The seed's form: a name and the comment; the e-mail when the site asks.
            "email_required": steps.email_required(False),
        },
        "thread": payload.with_reader(article, part, reader),
    }


# --- reports and reactions ----------------------------------------------------------


@router.post(
    "/comments/{comment_id}/reports",
    response={
        200: ReportedOut,
        201: ReportedOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Report a published comment under the guideline it breaks",
)
def report(request: HttpRequest, comment_id: int, payload: ReportIn):
    with translation.override(_comment_language(comment_id, payload.lang)):
        return _report(request, comment_id, payload)


@translated
def _report(request: HttpRequest, comment_id: int, payload: ReportIn):
    _reader_write(request)
    who = visitor_of(request) or Visitor.fresh()
    try:
        outcome = reports.report_comment(
            published_comment(comment_id),
            clause_id=payload.clause_id,
            visitor=who,
            ip=client_ip(request),
        )
    except RateLimited as error:  # the article page's words (pages/thread_actions.py)
        error.message = _("You have sent many reports in a short time; please try again later.")
        raise
    if outcome.created:
        message = _("Thank you, a moderator will look at it.")
    else:  # counted once per reader: saying so is all a second report gets
        message = _("You have already reported this comment; a moderator will look at it.")
    answer = {"reported": outcome.created, "message": message, "reader": who.token()}
    return Status(201 if outcome.created else 200, answer)


REACTION_RESPONSES = {
    200: ReactionOut,
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    415: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


@router.post(
    "/comments/{comment_id}/reaction",
    response=REACTION_RESPONSES,
    summary="Add the reader's reaction to a published comment (once per reader)",
)
def react(request: HttpRequest, comment_id: int, payload: ReactionIn):
    return _react(request, comment_id, payload, on=True)


@router.delete(
    "/comments/{comment_id}/reaction",
    response=REACTION_RESPONSES,
    summary="Take the reader's reaction back",
)
def unreact(request: HttpRequest, comment_id: int, lang: str = ""):
    return _react(request, comment_id, ReactionIn(lang=lang), on=False)


def _react(request: HttpRequest, comment_id: int, payload: ReactionIn, *, on: bool):
    with translation.override(_comment_language(comment_id, payload.lang)):
        return _reaction(request, comment_id, on)


@translated
def _reaction(request: HttpRequest, comment_id: int, on: bool):
    _reader_write(request, body=request.method != "DELETE")
    who = visitor_of(request) or Visitor.fresh()
    try:
        state = reactions.react(
            published_comment(comment_id), visitor=who, on=on, ip=client_ip(request)
        )
    except RateLimited as error:
        error.message = _("Too many reactions from your connection; please try again later.")
        raise
    return {**state.to_json(), "reader": who.token()}


def _reader_write(request: HttpRequest, *, body: bool = True) -> EmbedSite:
    """A reader's write from the widget: a configured site's page, sending JSON."""
    site = require_site(request)
    if body:
        Sender.of(request, allowed=site.origin_list()).check()
    return site


def _comment_language(comment_id: int, requested: str) -> str:
    article = None
    if 0 < comment_id < 2**63:
        article = Article.objects.filter(comments__pk=comment_id).first()
    return interface.choose_language(requested, article)
