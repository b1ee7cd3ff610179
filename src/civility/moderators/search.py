"""Search in every list of the desk: text, author, article, clause, dates.

One ``Search`` read from the query string, applied the same way to the held
queue and to the decided lists, so a moderator finds a comment by what they
remember of it wherever it is. An author given as an e-mail address is
matched by its commenter key (every spelling of that mailbox), never shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Abs, Cast
from django.http import HttpRequest

from civility.articles.models import Article
from civility.commenters.keys import email_key
from civility.comments.models import DecisionRecord

from .models import QueueOrder

FIELD_MAX = 200
# A title search names at most this many articles (the newest); a slug names one.
ARTICLE_MATCHES = 200


@dataclass(frozen=True)
class Search:
    q: str = ""
    author: str = ""
    article: str = ""
    clause: str = ""
    since: str = ""  # YYYY-MM-DD, posted on or after
    until: str = ""  # YYYY-MM-DD, posted on or before
    by: str = ""  # decided lists: "system" or "person"
    order: str = ""  # the held queue: QueueOrder

    @classmethod
    def from_request(cls, request: HttpRequest, clause_ids, default_order: str = "") -> Search:
        get = request.GET
        clause = get.get("clause", "")
        by = get.get("by", "")
        order = get.get("order", "") or default_order
        return cls(
            q=get.get("q", "").strip()[:FIELD_MAX],
            author=get.get("author", "").strip()[:FIELD_MAX],
            article=get.get("article", "").strip()[:FIELD_MAX],
            clause=clause if clause in clause_ids else "",
            since=_date(get.get("since", "")),
            until=_date(get.get("until", "")),
            by=by if by in ("system", "person") else "",
            order=order if order in QueueOrder.values else QueueOrder.OLDEST,
        )

    @property
    def active(self) -> bool:
        return any(
            (self.q, self.author, self.article, self.clause, self.since, self.until, self.by)
        )

    def article_ids(self) -> list[int]:
        """The article its slug names (the thread's "Moderate this thread" link, the
        article menu), else the newest ARTICLE_MATCHES whose title holds the words.

        Looked up first, on the articles alone: joined into the list's query,
        "slug or title" read all 20,000 articles' titles for every page of a
        one-article list (40 ms of its 126).
        """
        exact = list(Article.objects.filter(slug=self.article).values_list("pk", flat=True))
        if exact:
            return exact
        titled = Article.objects.filter(title__icontains=self.article)
        return list(
            titled.order_by("-published", "-id").values_list("pk", flat=True)[:ARTICLE_MATCHES]
        )

    def query(self, **changes) -> str:
        """The query string of this search (with ``changes``), for links and pages."""
        values = {**asdict(self), **changes}
        return urlencode({k: v for k, v in values.items() if v})

    def apply(self, comments):
        """``comments`` narrowed to this search (not ordered)."""
        if self.q:
            comments = comments.filter(text__icontains=self.q)
        if self.author:
            key = email_key(self.author) if "@" in self.author else ""
            comments = comments.filter(
                Q(commenter__email_key=key) if key else Q(author_name__icontains=self.author)
            )
        if self.article:
            comments = comments.filter(article_id__in=self.article_ids())
        if self.since:
            comments = comments.filter(created_at__date__gte=self.since)
        if self.until:
            comments = comments.filter(created_at__date__lte=self.until)
        if self.clause:
            # The clause a decision cites: the engine's first reason, or the
            # one a person chose.
            citing = DecisionRecord.objects.filter(clause_id=self.clause, comment=OuterRef("pk"))
            comments = comments.filter(pk__in=Subquery(citing.values("comment_id")))
        return comments


def _date(raw: str) -> str:
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        return ""


def held_order(comments, order: str):
    """The held queue in the moderator's order: oldest first, or most uncertain
    first (the engine's overall score nearest 0.5, then oldest)."""
    if order != QueueOrder.UNCERTAIN:
        return comments.order_by("created_at", "id")
    system = DecisionRecord.objects.filter(comment=OuterRef("pk"), actor__isnull=True).order_by(
        "-created_at", "-id"
    )
    violation = Cast(KT("scores__violation"), FloatField())
    score = Subquery(system.annotate(v=violation).values("v")[:1])
    return comments.annotate(engine_score=score).order_by(
        Abs(F("engine_score") - Value(0.5)).asc(nulls_last=True), "created_at", "id"
    )
