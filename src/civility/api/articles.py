"""/api/articles: list, read, and (with the import token) create or update."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from civility.articles.importer import import_articles
from civility.articles.models import Article
from civility.errors import NotFound

from .auth import ImportToken
from .pagination import paginate
from .schemas import ArticleIn, ArticleOut, ArticlePage, ErrorOut, ImportOut

router = Router(tags=["articles"])


def article_json(article: Article, full: bool = False) -> dict:
    data = {
        "slug": article.slug,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "language": article.language,
        "tags": [tag.name for tag in article.tags.all()],
        "comments_open": article.comments_open,
        "url": article.get_absolute_url(),
    }
    if full:
        data |= {
            "dateline": article.dateline,
            "body": article.body,
            "external_id": article.external_id,
        }
    return data


def article_pk(slug: str) -> int:
    """The article's id for its slug, in one indexed query (404 article_not_found)."""
    pk = Article.objects.shown().filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise NotFound("No such article.", code="article_not_found")
    return pk


def get_article(slug: str, *, tags: bool = True) -> Article:
    """The article shown under ``slug`` (404 article_not_found); ``tags=False``
    for a door that only posts to it (one query, not two: posting never reads
    the tags)."""
    found = Article.objects.shown().filter(slug=slug)
    article = (found.prefetch_related("tags") if tags else found).first()
    if article is None:
        raise NotFound("No such article.", code="article_not_found")
    return article


@router.get("", response={200: ArticlePage, 422: ErrorOut}, summary="Articles, newest first")
def list_articles(request: HttpRequest, page: int = 1):
    meta, items = paginate(Article.objects.shown().prefetch_related("tags"), page)
    return {**meta, "articles": [article_json(a) for a in items]}


@router.get("/{slug}", response={200: ArticleOut, 404: ErrorOut}, summary="One article")
def read_article(request: HttpRequest, slug: str):
    return article_json(get_article(slug), full=True)


@router.post(
    "",
    auth=ImportToken(),
    response={200: ImportOut, 201: ImportOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Create or update an article (import token)",
)
def upsert_article(request: HttpRequest, payload: ArticleIn):
    report = import_articles(payload.dict())
    if report.created:
        return Status(201, {"slug": report.created[0], "result": "created"})
    if report.updated:
        return Status(200, {"slug": report.updated[0], "result": "updated"})
    return Status(200, {"slug": report.unchanged[0], "result": "unchanged"})
