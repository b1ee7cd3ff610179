"""The dashboard's numbers: one function per chart, each a ``Chart`` of labels and series.

The same ``Chart`` feeds the page (Chart.js draws it), its data table (for
screen readers and for print) and its CSV download, so the three never
disagree. Everything is counted over the comments posted in the window
(the last ``days`` days, by posting time), from the decision log.
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
from collections import Counter, defaultdict, namedtuple
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.guidelines import site_policy

from .presentation import clause_label

STATUSES = (CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.REJECTED)
SUGGESTIONS = ("approve", "review", "reject")
TOP_ARTICLES = 10


@dataclass
class Chart:
    id: str
    title: str
    kind: str  # "bar", "stacked" (stacked bars) or "line"
    labels: list[str]
    series: list[dict] = field(default_factory=list)  # [{"label", "data": [numbers]}]
    unit: str = ""
    note: str = ""

    def rows(self) -> list[list]:
        """Label, then one value per series: the CSV's and the data table's rows."""
        return [
            [label, *(s["data"][i] for s in self.series)] for i, label in enumerate(self.labels)
        ]

    def header(self) -> list[str]:
        return [self.unit or _("label"), *(s["label"] for s in self.series)]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "labels": self.labels,
            "series": self.series,
        }


def window(days: int):
    since = timezone.now() - dt.timedelta(days=days)
    return Comment.objects.filter(created_at__gte=since), since


def _status_label(status) -> str:
    return _(CommentStatus(status).label)


def per_day(days: int) -> Chart:
    comments, since = window(days)
    counts = Counter()
    for day, status, n in (
        comments.annotate(day=TruncDate("created_at"))
        .values_list("day", "status")
        .annotate(n=Count("id"))
        .values_list("day", "status", "n")
    ):
        counts[(day, status)] += n
    today = timezone.localdate()
    labels = [today - dt.timedelta(days=d) for d in range(days - 1, -1, -1)]
    return Chart(
        "per-day",
        _("Comments per day, by outcome"),
        "stacked",
        [d.isoformat() for d in labels],
        [{"label": _status_label(s), "data": [counts[(d, s)] for d in labels]} for s in STATUSES],
        unit=_("day"),
    )


def _grouped(comments, field_name: str, labels_of=None, limit: int | None = None):
    counts = defaultdict(Counter)
    for value, status, n in (
        comments.values_list(field_name, "status")
        .annotate(n=Count("id"))
        .values_list(field_name, "status", "n")
    ):
        counts[value or ""][status] += n
    keys = sorted(counts, key=lambda k: -sum(counts[k].values()))
    if limit:
        keys = keys[:limit]
    labels = [labels_of(k) if labels_of else (k or "–") for k in keys]
    series = [{"label": _status_label(s), "data": [counts[k][s] for k in keys]} for s in STATUSES]
    return labels, series


def per_clause(days: int) -> Chart:
    """Comments by the clause their latest decision cites (none: published clean)."""
    comments, _since = window(days)
    latest = DecisionRecord.objects.filter(comment=OuterRef("pk")).order_by("-created_at", "-id")
    counts = defaultdict(Counter)
    # Counted in the database: a month of a big site is tens of thousands of comments.
    for clause_id, status, n in (
        comments.annotate(clause=Subquery(latest.values("clause_id")[:1]))
        .exclude(clause="")
        .values_list("clause", "status")
        .annotate(n=Count("id"))
        .values_list("clause", "status", "n")
    ):
        counts[clause_id][status] += n
    ids = [c.id for c in site_policy.clauses() if c.id in counts] + sorted(
        k for k in counts if k not in {c.id for c in site_policy.clauses()}
    )
    return Chart(
        "per-clause",
        _("Comments per guideline cited"),
        "stacked",
        [_(clause_label(c)) for c in ids],
        [{"label": _status_label(s), "data": [counts[c][s] for c in ids]} for s in STATUSES],
        unit=_("guideline"),
    )


def per_language(days: int) -> Chart:
    comments, _since = window(days)
    from .holds import language_name

    labels, series = _grouped(comments, "language", labels_of=language_name)
    return Chart(
        "per-language", _("Comments per language"), "stacked", labels, series, unit=_("language")
    )


def per_article(days: int) -> Chart:
    comments, _since = window(days)
    labels, series = _grouped(comments, "article__title", limit=TOP_ARTICLES)
    return Chart(
        "per-article",
        _("Comments per article (the %(n)d most commented)") % {"n": TOP_ARTICLES},
        "stacked",
        labels,
        series,
        unit=_("article"),
    )


Decision = namedtuple("Decision", "status actor_id suggested clause_id created_at")
_reading = threading.local()


@contextmanager
def one_reading():
    """The charts drawn inside share one reading of the decision history (the dashboard)."""
    _reading.history = {}
    try:
        yield
    finally:
        del _reading.history


def _people_decided():
    return Exists(DecisionRecord.objects.filter(comment=OuterRef("pk"), actor__isnull=False))


def _history(days: int):
    """Per comment in the window that a person decided: its decisions, oldest first.

    Only those: the charts below read a person's decision beside the system's
    (a comment no person decided counts in ``automated_share``'s query).
    """
    memo = getattr(_reading, "history", None)
    if memo is not None and days in memo:
        return memo[days]
    comments, _since = window(days)
    decided = comments.filter(_people_decided())
    rows = defaultdict(list)
    for comment_id, *fields in (
        DecisionRecord.objects.filter(comment__in=decided)
        .order_by("comment_id", "created_at", "id")
        .values_list("comment_id", "status", "actor_id", "suggested", "clause_id", "created_at")
    ):
        rows[comment_id].append(Decision(*fields))
    posted = dict(decided.values_list("id", "created_at"))
    if memo is not None:
        memo[days] = rows, posted
    return rows, posted


def automated_share(days: int) -> Chart:
    """Per day of posting: the share of comments decided without a person."""
    comments, _since = window(days)
    total, automatic = Counter(), Counter()
    for day, status, person, n in (
        comments.annotate(day=TruncDate("created_at"), person=_people_decided())
        .values_list("day", "status", "person")
        .annotate(n=Count("id"))
        .values_list("day", "status", "person", "n")
    ):
        total[day] += n
        if not person and status != CommentStatus.PENDING:
            automatic[day] += n
    today = timezone.localdate()
    days_ = [today - dt.timedelta(days=d) for d in range(days - 1, -1, -1)]
    return Chart(
        "automated",
        _("Share decided automatically (%)"),
        "line",
        [d.isoformat() for d in days_],
        [
            {
                "label": _("decided automatically"),
                "data": [
                    round(100 * automatic[d] / total[d], 1) if total[d] else None for d in days_
                ],
            }
        ],
        unit=_("day"),
    )


def time_to_decision(days: int) -> Chart:
    """Per day of posting: hours from posting to a person's first decision, median and p90."""
    rows, posted = _history(days)
    waits = defaultdict(list)
    for comment_id, decisions in rows.items():
        human = next((d for d in decisions if d.actor_id is not None), None)
        if human is not None:
            day = timezone.localtime(posted[comment_id]).date()
            waits[day].append((human.created_at - posted[comment_id]).total_seconds() / 3600)
    today = timezone.localdate()
    days_ = [today - dt.timedelta(days=d) for d in range(days - 1, -1, -1)]
    return Chart(
        "time-to-decision",
        _("Hours from posting to a person's decision"),
        "line",
        [d.isoformat() for d in days_],
        [
            {"label": _("median"), "data": [_quantile(waits[d], 0.5) for d in days_]},
            {"label": _("90th percentile"), "data": [_quantile(waits[d], 0.9) for d in days_]},
        ],
        unit=_("day"),
    )


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 2)
    cut = statistics.quantiles(sorted(values), n=100, method="inclusive")
    return round(cut[int(q * 100) - 1], 2)


AGREEMENT_SERIES = (
    gettext_noop("a person approved"),
    gettext_noop("a person rejected under the same guideline"),
    gettext_noop("a person rejected under another guideline"),
)


def agreement(days: int) -> Chart:
    """Per guideline the engine cited: what the person who decided then did."""
    rows, _posted = _history(days)
    counts = defaultdict(Counter)
    for decisions in rows.values():
        system = next((d for d in reversed(decisions) if d.actor_id is None), None)
        human = next((d for d in reversed(decisions) if d.actor_id is not None), None)
        if system is None or human is None:
            continue
        engine = system.clause_id or system.suggested or "approve"
        if human.status == CommentStatus.APPROVED:
            counts[engine][0] += 1
        elif human.status == CommentStatus.REJECTED:
            counts[engine][1 if human.clause_id == system.clause_id else 2] += 1
    keys = sorted(counts, key=lambda k: -sum(counts[k].values()))
    return Chart(
        "agreement",
        _("The engine and the moderators: per guideline the engine cited, what a person decided"),
        "stacked",
        [_(clause_label(k)) for k in keys],
        [
            {"label": _(name), "data": [counts[k][i] for k in keys]}
            for i, name in enumerate(AGREEMENT_SERIES)
        ],
        unit=_("guideline the engine cited"),
    )


def suggestion_matrix(days: int) -> Chart:
    """Engine suggested X (rows), person decided Y (columns): counts."""
    rows, _posted = _history(days)
    counts = Counter()
    for decisions in rows.values():
        system = next((d for d in reversed(decisions) if d.actor_id is None), None)
        human = next((d for d in reversed(decisions) if d.actor_id is not None), None)
        if system is not None and human is not None and system.suggested:
            counts[(system.suggested, human.status)] += 1
    return Chart(
        "suggested-decided",
        _("Engine suggested (rows), a person decided (columns)"),
        "bar",
        [_(s.capitalize()) for s in SUGGESTIONS],
        [
            {"label": _status_label(st), "data": [counts[(s, st)] for s in SUGGESTIONS]}
            for st in (CommentStatus.APPROVED, CommentStatus.REJECTED)
        ],
        unit=_("engine suggested"),
    )


CHARTS = {
    "per-day": per_day,
    "per-clause": per_clause,
    "per-language": per_language,
    "per-article": per_article,
    "automated": automated_share,
    "time-to-decision": time_to_decision,
    "agreement": agreement,
    "suggested-decided": suggestion_matrix,
}
