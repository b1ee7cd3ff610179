"""Reader pages: the home page, an article with its comments, a tag's articles.

Read-only views. Posting a comment is ``comment_form.py``, which always
redirects back here; what the reader typed and the errors come along
(``kept.py``).
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from civility import sitetime
from civility.articles.models import RTL_LANGUAGES, Article, Tag
from civility.comments import roles
from civility.comments.models import Comment, CommentStatus
from civility.comments.vocabulary import clause_label
from civility.i18n import interface_language
from civility.posting.form import CommentForm
from civility.posting.steps import reply_depth
from civility.threads import reactions, reports, tree, visitor
from civility.threads.counts import with_counts

from .kept import kept_form

# Top-level comments per page under an article (their replies come along);
# past this, ?page=2 and so on.
COMMENTS_PER_PAGE = tree.PER_PAGE
# The reader's order of the thread (oldest, newest, most reacted) persists here.
SORT_COOKIE = "civility_sort"
SORT_MAX_AGE = 365 * 24 * 3600
ARTICLES_PER_PAGE = 30


def home(request: HttpRequest) -> HttpResponse:
    articles = Paginator(
        Article.objects.shown().order_by("-published", "-created_at"), ARTICLES_PER_PAGE
    )
    page = articles.get_page(request.GET.get("page"))
    listed = with_counts(page.object_list)
    return render(request, "articles/home.html", {"articles": listed, "page_obj": page})


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = Paginator(
        tag.articles.filter(held=False).order_by("-published", "-created_at"), ARTICLES_PER_PAGE
    )
    page = articles.get_page(request.GET.get("page"))
    return render(
        request,
        "articles/tag.html",
        {"tag": tag, "articles": with_counts(page.object_list), "page_obj": page},
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.shown(), slug=slug)
    # The form's error messages speak the article's language, as the page does.
    with translation.override(article.language):
        form, status, retry_after = kept_form(request, article)
    response = render_article(request, article, form, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    chosen = request.GET.get("sort")
    if chosen in tree.SORTS and chosen != request.COOKIES.get(SORT_COOKIE):
        response.set_cookie(
            SORT_COOKIE, chosen, max_age=SORT_MAX_AGE, samesite="Lax", secure=request.is_secure()
        )
    return response


def chosen_sort(request: HttpRequest) -> str:
    """The reader's order: ?sort= when given, else the one they chose before."""
    return tree.choose_sort(request.GET.get("sort") or request.COOKIES.get(SORT_COOKIE))


def thread_page_of(article: Article, comment: Comment) -> int:
    """The page a new top-level comment is on, oldest (or most reacted) first: the last."""
    return max(1, math.ceil(tree.top_level_count(article) / COMMENTS_PER_PAGE))


def _target(request: HttpRequest, name: str) -> int | None:
    """A comment id the page was asked to act on (?reply=, ?report=)."""
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def reply_target(request: HttpRequest, article: Article, thread) -> Comment | None:
    """The published comment ?reply= names, if it may be answered: as the page
    shows it (its Reply link), or, on another page of the thread, a published
    comment of this article no deeper than a reply may go (``CIVILITY_REPLY_DEPTH``,
    counted as posting/steps.py counts it)."""
    pk = _target(request, "reply")
    if pk is None or not thread.open:
        return None
    shown = _find(thread.entries, pk)
    if shown is not None:
        return shown.comment if shown.can_reply and not shown.own else None
    parent = Comment.objects.filter(pk=pk, article=article, status=CommentStatus.APPROVED).first()
    if parent is None:
        return None
    limit = int(getattr(settings, "CIVILITY_REPLY_DEPTH", 1))
    return parent if reply_depth(parent) <= limit else None


def _find(entries, pk: int):
    for entry in entries:
        if entry.id == pk:
            return entry
        if (found := _find(entry.replies, pk)) is not None:
            return found
    return None


def _prepare(entries) -> None:
    """What each comment's markup needs, worked out here once per comment rather
    than by template tags (a page of the thread shows a hundred comments and
    their replies): its time as readers and as machines read it, and its
    forms' addresses."""
    react = reverse("comments:react", args=[0]).replace("/0/", "/{}/")
    report = reverse("comments:report", args=[0]).replace("/0/", "/{}/")

    def walk(level):
        for entry in level:
            comment = entry.comment
            comment.shown_at = sitetime.shown(comment.created_at)
            comment.machine_at = timezone.localtime(comment.created_at).isoformat()
            comment.react_url = react.format(comment.pk)
            comment.report_url = report.format(comment.pk)
            walk(entry.replies)

    walk(entries)


def report_choices() -> list[dict]:
    """The guidelines a reader may say a comment breaks: id and short label
    (translated by the template, in the page's language)."""
    return [{"id": c.id, "label": clause_label(c.id)} for c in reports.reportable_clauses()]


SORT_LABELS = {
    "oldest": _("Oldest first"),
    "newest": _("Newest first"),
    "reactions": _("Most reacted"),
}


def tags_in_order(article: Article) -> list[Tag]:
    """The article's tags in the order the publisher gave them (Aleppo, Syria, ...)."""
    links = Article.tags.through.objects.filter(article=article).select_related("tag")
    return [link.tag for link in links.order_by("id")]


def render_article(
    request: HttpRequest, article: Article, form: CommentForm, *, status: int = 200
) -> HttpResponse:
    """The article page with its approved comments and the comment form.

    The whole page speaks the article's language, whatever the browser asks
    for: a Sorani article gets a Sorani interface, guidelines and messages.
    """
    with translation.override(article.language):
        return _render_article(request, article, form, status=status)


def _render_article(
    request: HttpRequest, article: Article, form: CommentForm, *, status: int
) -> HttpResponse:
    # The published layout comes from the shared cache; the reader's reactions
    # and own unpublished comments are laid over it per request (threads/tree.py).
    thread = tree.cached_thread_page(
        article,
        sort=chosen_sort(request),
        page=request.GET.get("page"),
        visitor=visitor.from_request(request),
        per_page=COMMENTS_PER_PAGE,
    )
    _prepare(thread.entries)
    replying_to = reply_target(request, article, thread)
    context = {
        "thread": thread,
        "comments_page": thread.page,
        "sorts": [(key, SORT_LABELS[key]) for key in tree.SORTS],
        "reaction_label": reactions.label(),
        "replying_to": replying_to,
        # A moderator reading the page: a way to the desk, filtered to this
        # article, where its comments are featured and the thread closed.
        "desk_url": (
            reverse("moderators:approved") + f"?article={article.slug}"
            if request.user.is_authenticated and roles.is_moderator(request.user)
            else ""
        ),
        # Reply and Report links stay on the comment's page of the thread.
        "page_param": f"page={thread.page.number}&" if thread.page.number > 1 else "",
        "report_id": _target(request, "report"),
        "thread_message": any("thread-outcome" in m.tags for m in messages.get_messages(request)),
        "report_clauses": report_choices() if _target(request, "report") else [],
        "article": article,
        "paragraphs": article.paragraphs(),
        "tags": tags_in_order(article),
        "form": form,
        # The page speaks the article's language: lang for fonts, hyphenation
        # and screen readers; dir so Arabic and Sorani read right to left.
        "page_lang": article.language,
        "page_dir": article.direction,
    }
    # Should a language lack its compiled catalog, the labels and headings
    # fall back to English inside a Sorani or Arabic page: they then get their
    # own lang and dir, or a screen reader reads them with the wrong voice and
    # the full stops land on the wrong side.
    ui_lang = interface_language()
    if ui_lang != article.language:
        context["ui_lang"] = ui_lang
        context["ui_dir"] = "rtl" if ui_lang in RTL_LANGUAGES else "ltr"
    return render(request, "articles/article.html", context, status=status)
