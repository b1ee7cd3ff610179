"""/api/embed: the widget's routes (docs/embedding.md).

- ``GET /api/embed/thread?article=ID&url=URL&lang=xx&page=N``: the article,
  the widget's words in the page's language, a fresh form token and a page
  of the published thread. 404 ``article_not_found`` when no article has
  that id or URL yet.
- ``POST /api/embed/articles``: create the article from the page's metadata
  (when the site allows it), answered like the thread.
- ``POST /api/embed/articles/{slug}/comments``: post a comment, one of the
  posting service's doors: parsed as the article page's form is (honeypot
  and signed timestamp, then the form's fields), then ``posting.submit``,
  whose outcome and messages come in the page's language.

Writes answer only a configured site (the ``Origin`` header); cors.py
explains why that, and not a cookie token, is the CSRF defence here.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status

from civility import sitetime
from civility.abuse import bots
from civility.abuse.rate_limits import client_ip
from civility.api.pagination import paginate
from civility.api.schemas import ErrorOut, posting_responses
from civility.articles.models import Article
from civility.comments.models import Comment
from civility.errors import CivilityError, NotFound, PermissionDenied
from civility.i18n import error_message
from civility.posting import steps
from civility.posting.form import CommentForm
from civility.posting.service import submit
from civility.posting.submission import Door, Sender
from civility.readers import api as readers
from civility.threads import cache
from civility.threads.counts import count_text, published_counts

from . import articles, interface
from .models import EmbedSite
from .schemas import (
    EmbedCommentIn,
    EmbedOut,
    EmbedPostedOut,
    FormErrorsOut,
    PageIn,
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
):
    with translation.override(interface.choose_language(lang)):
        found = _find(article, url)
    # A page in a language Civility lacks gets the article's language.
    language = interface.choose_language(lang, found)
    with translation.override(language):
        if found is None:
            return _thread(found, page)
        # Conditional GET: the thread's version, the page, the language, and the
        # form token's age (a copy older than half its life is sent anew).
        current = cache.version(found.pk)
        renewed = max(60, settings.CIVILITY_FORM_MAX_AGE_SECONDS // 2)
        since = int(time.time() // renewed * renewed)
        validators = cache.validators(current, found.pk, "embed", (page, language), since=since)
        if (answer := cache.not_modified(request, validators)) is not None:
            return answer
        cache.set_validators(response, validators)
        return _thread(found, page, current)


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
def _thread(found: Article | None, page: int, current=None):
    if found is None:
        raise NotFound(_("No such article."), code="article_not_found", field="article")
    if found.held:
        raise NotFound(HELD_MESSAGE, code="article_held", field="article")
    return embed_payload(found, page, current)


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
    outcome = submit(
        form.submission(Door.WIDGET, article, reader=reader, ip=client_ip(request), sender=sender)
    )
    outcome.raise_refusal()  # translated by the decorator, rendered in the one shape
    return Status(outcome.http_status, outcome.to_json())


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


def embed_payload(article: Article, page: int, current=None) -> dict:
    """Everything the widget renders, in the active language.

    The thread comes from the shared thread cache (threads/cache.py); the
    form token is made for each answer.
    """
    return {
        "article": {
            "slug": article.slug,
            "title": article.title,
            "language": article.language,
            "comments_open": article.comments_open,
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
        "thread": cache.cached(
            article.pk, "embed", (page,), lambda: _thread_part(article, page), current=current
        ),
    }


def _thread_part(article: Article, page: int) -> dict:
    comments = Comment.objects.thread(article).only(
        "id", "author_name", "text", "language", "created_at", "erased_at"
    )
    meta, items = paginate(comments, page)
    return {
        **meta,
        "comments": [
            {
                "id": c.pk,
                "author_name": "" if c.erased_at else c.author_name,
                "erased": c.erased_at is not None,
                "text": c.text,
                "language": c.language or "",
                "created_at": c.created_at,
                # As the article page shows it: in the site's zone, saying which.
                "created_display": sitetime.shown(c.created_at),
            }
            for c in items
        ],
    }
