"""How many published comments each article has: for article lists, tag pages
and the count script publishers put next to their headlines
(static/civility/count.js, ``GET /api/embed/counts``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import ngettext

from .tree import count_comments


def published_counts(article_ids: Iterable[int]) -> dict[int, int]:
    """{article id: published comments}, one query; 0 for none (tree.count_comments)."""
    return count_comments(list(article_ids))


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
