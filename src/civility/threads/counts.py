"""How many published comments each article has: for article lists, tag pages
and the count script publishers put next to their headlines
(static/civility/count.js, ``GET /api/embed/counts``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from django.utils.translation import ngettext

from civility.comments.models import Comment


def published_counts(article_ids: Iterable[int]) -> dict[int, int]:
    """{article id: published comments}, one query; 0 for none."""
    ids = list(article_ids)
    found = dict(
        Comment.objects.approved()
        .filter(article_id__in=ids)
        .values_list("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    return {pk: found.get(pk, 0) for pk in ids}


def with_counts(articles):
    """The articles, each with ``comment_count`` set (for a list's template)."""
    articles = list(articles)
    counts = published_counts(a.pk for a in articles)
    for article in articles:
        article.comment_count = counts[article.pk]
    return articles


def count_text(count: int) -> str:
    """'3 comments' in the active language."""
    return ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}
