"""Reader pages: the home page, an article with its comments, a tag's articles.

Read-only views. Posting a comment is ``comment_form.py``, which always
redirects back here; what the reader typed and the errors come along
(``kept.py``).
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from civility.articles.models import RTL_LANGUAGES, Article, Tag
from civility.comments import vocabulary
from civility.comments.models import Comment, CommentStatus
from civility.i18n import interface_language
from civility.posting.form import CommentForm
from civility.threads import cache, tree, visitor
from civility.threads.counts import with_counts

from .kept import kept_form

# Approved comments per page under an article; past this, ?page=2 and so on.
COMMENTS_PER_PAGE = 50
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
    return response


class _Counted:
    """What a Paginator needs to number pages: the count alone (the rows are cached)."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count


def published_page(article: Article, raw_page) -> Page:
    """A page of the article's published comments, from the shared thread cache.

    get_page: a bad or too-large ?page= shows the nearest real page, not a 404,
    so an old link to a thread that shrank still lands somewhere useful.
    """
    current = cache.version(article.pk)
    count = cache.cached(
        article.pk,
        "page-count",
        (),
        lambda: Comment.objects.thread(article).count(),
        current=current,
    )
    paginator = Paginator(_Counted(count), COMMENTS_PER_PAGE)
    try:
        number = paginator.validate_number(raw_page)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    rows = cache.cached(
        article.pk, "page", (number,), lambda: _rows(article, number), current=current
    )
    return Page(rows, number, paginator)


def _rows(article: Article, number: int) -> list[dict]:
    start = (number - 1) * COMMENTS_PER_PAGE
    fields = ("pk", "author_name", "erased_at", "created_at", "language", "text")
    return list(Comment.objects.thread(article)[start : start + COMMENTS_PER_PAGE].values(*fields))


def own_comments(request: HttpRequest, article: Article) -> list[dict]:
    """This browser's own comments on the article that are not published: held
    ("awaiting moderation") or rejected (with the clause's message), shown only
    to it, where a published one would be (after the last page's comments).

    The signed reader cookie (threads/visitor.py) lists the comments this
    browser posted; a comment once published shows in the thread itself.
    """
    found = tree.own_unpublished(article, visitor.from_request(request))
    shown = []
    for comment in found.filter(erased_at__isnull=True):
        decision = comment.latest_decision
        status = CommentStatus(comment.status)
        shown.append(
            {
                "pk": comment.pk,
                "author_name": comment.author_name,
                "created_at": comment.created_at,
                "language": comment.language,
                "text": comment.text,
                "held": status == CommentStatus.PENDING,
                "message": vocabulary.reader_message(
                    status, getattr(decision, "clause_id", "") or ""
                ),
            }
        )
    return shown


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
    comments_page = published_page(article, request.GET.get("page"))
    context = {
        # Laid over the cached published page, per request: never cached.
        "own_comments": own_comments(request, article) if not comments_page.has_next() else [],
        "article": article,
        "paragraphs": article.paragraphs(),
        "tags": tags_in_order(article),
        "comments_page": comments_page,
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
