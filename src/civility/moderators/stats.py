"""The dashboard's numbers: one function per chart, each a ``Chart`` of labels and series.

The same ``Chart`` feeds the page (Chart.js draws it), its data table (for
screen readers and for print) and its CSV download, so the three never
disagree. Everything is counted over the comments posted in the window
(the last ``days`` days, by posting time), from the decision log: its
whole past days from the daily roll-up (rollup.py, written by the same
``live`` counting), its first partial day and today live (``figures``).
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
import threading
from collections import Counter, defaultdict, namedtuple
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.guidelines import site_policy

from . import rollup
from .models import DashboardCount, DashboardDay
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

    def table_body(self) -> SafeString:
        """The data table's rows as HTML: a 90-day window is a thousand cells, and
        as template loops they were a fifth of the dashboard's time. Numbers are
        localised as ``{{ cell }}`` did; a day without a value shows "–"."""
        return mark_safe(
            "".join(
                f'<tr><th scope="row"><bdi>{_cell(label)}</bdi></th>'
                + "".join(f"<td>{'–' if v is None else _cell(v)}</td>" for v in values)
                + "</tr>"
                for label, *values in self.rows()
            )
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "labels": self.labels,
            "series": self.series,
        }


def _cell(value) -> str:
    return html.escape(str(localize(value)))


# Past days the dashboard rolls itself, per request, when the nightly roll-up
# has not (or a later decision made them stale): each costs what counting it
# live costs, plus one short write; the others are counted live, uncached.
LAZY_DAYS = 2

_reading = threading.local()


@contextmanager
def one_reading():
    """The charts drawn inside share one reading of the figures (the dashboard)."""
    _reading.figures = {}
    try:
        yield
    finally:
        del _reading.figures


def _status_label(status) -> str:
    return _(CommentStatus(status).label)


Decision = namedtuple("Decision", "status actor_id suggested clause_id created_at")


@dataclass
class Figures:
    """Everything the charts count, over some comments: added up over days.

    ``outcome`` is per posting day (day, decided by a person, status); the
    others are over the whole window: (key, status or column). Articles are
    counted by id (``article_ids``) and the most commented named once, at the
    end (``titles``), so a renamed article needs no new roll-up. Hours to a person's decision
    do not add up: live days keep the hours (``waits``), rolled days their
    two quantiles (``quantiles``).
    """

    outcome: Counter = field(default_factory=Counter)
    clause: Counter = field(default_factory=Counter)
    language: Counter = field(default_factory=Counter)
    article_ids: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    agreement: Counter = field(default_factory=Counter)
    suggested: Counter = field(default_factory=Counter)
    waits: dict = field(default_factory=lambda: defaultdict(list))
    quantiles: dict = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        for name in ("outcome", "clause", "language", "article_ids", "titles"):
            getattr(self, name).update(getattr(other, name))
        self.agreement.update(other.agreement)
        self.suggested.update(other.suggested)
        for day, hours in other.waits.items():
            self.waits[day].extend(hours)
        self.quantiles.update(other.quantiles)

    def waits_of(self, day: dt.date) -> tuple[float | None, float | None]:
        """Median and 90th percentile of the hours to a person's decision, posted on ``day``."""
        if day in self.quantiles:
            return self.quantiles[day]
        hours = self.waits.get(day, [])
        return _quantile(hours, 0.5), _quantile(hours, 0.9)

    def rows(self):
        """One day's figures as roll-up rows: (figure, key, column, article id, n)."""
        for (_day, person, status), n in self.outcome.items():
            yield "outcome", "person" if person else "system", status, None, n
        for figure in ("clause", "language", "agreement", "suggested"):
            for (key, column), n in getattr(self, figure).items():
                yield figure, key, str(column), None, n
        for (article, status), n in self.article_ids.items():
            yield "article", "", status, article, n

    def name_articles(self) -> None:
        """Name the TOP_ARTICLES most commented articles (and any tied with the last):
        ``titles`` is keyed by ((title, article id), status), two articles of one
        title kept apart."""
        from civility.articles.models import Article

        totals = Counter()
        for (article, _status), n in self.article_ids.items():
            totals[article] += n
        named = set(totals)
        if len(totals) > TOP_ARTICLES:
            floor = sorted(totals.values(), reverse=True)[TOP_ARTICLES - 1]
            named = {article for article, total in totals.items() if total >= floor}
        titles = dict(Article.objects.filter(pk__in=named).values_list("pk", "title"))
        for (article, status), n in self.article_ids.items():
            if article in named:
                self.titles[((titles.get(article) or "", article), status)] += n
        self.article_ids.clear()


def live(comments) -> Figures:
    """Count ``comments`` (a Comment queryset) from the live tables.

    Two reads by index, whatever the table's size: the comments (by posting
    time) and their decisions (by comment); counted here. (Counted in the
    database, "did a person decide" hashed all 130,000 people's decisions
    of a million-comment site for every day counted: 0.4 s a day.)
    """
    found = Figures()
    posted = {}
    for comment_id, created_at, status, language, article_id in comments.order_by().values_list(
        "id", "created_at", "status", "language", "article_id"
    ):
        posted[comment_id] = (created_at, status)
        found.language[(language or "", status)] += 1
        found.article_ids[(article_id, status)] += 1
    history = defaultdict(list)
    # Unordered (sorted here): the planner then walks the comments by posting time.
    for comment_id, decision_id, *fields in (
        DecisionRecord.objects.filter(comment__in=comments.order_by().values("id"))
        .order_by()
        .values_list(
            "comment_id", "id", "status", "actor_id", "suggested", "clause_id", "created_at"
        )
    ):
        history[comment_id].append((fields[-1], decision_id, Decision(*fields)))
    for comment_id, rows in history.items():
        history[comment_id] = [decision for _at, _id, decision in sorted(rows)]
    for comment_id, (created_at, status) in posted.items():
        decisions = history.get(comment_id, [])
        day = rollup.day_of(created_at)
        person = any(d.actor_id is not None for d in decisions)
        found.outcome[(day, person, status)] += 1
        if decisions and decisions[-1].clause_id:
            # The clause the latest decision cites (none: published clean, not counted).
            found.clause[(decisions[-1].clause_id, status)] += 1
        if person:
            _count_person(found, day, created_at, decisions)
    return found


def _count_person(found: Figures, day: dt.date, posted: dt.datetime, decisions: list) -> None:
    """A comment a person decided: the hours to it, and the engine beside the person."""
    first = next(d for d in decisions if d.actor_id is not None)
    found.waits[day].append((first.created_at - posted).total_seconds() / 3600)
    system = next((d for d in reversed(decisions) if d.actor_id is None), None)
    human = next(d for d in reversed(decisions) if d.actor_id is not None)
    if system is None:
        return
    engine = system.clause_id or system.suggested or "approve"
    if human.status == CommentStatus.APPROVED:
        found.agreement[(engine, 0)] += 1
    elif human.status == CommentStatus.REJECTED:
        found.agreement[(engine, 1 if human.clause_id == system.clause_id else 2)] += 1
    if system.suggested:
        found.suggested[(system.suggested, human.status)] += 1


def _rolled(days: list[dt.date], markers: dict) -> Figures:
    """The rolled days' figures: three reads of the roll-up's index."""
    found = Figures()
    if not days:
        return found
    counts = DashboardCount.objects.filter(day__in=days)
    for day, key, column, n in counts.filter(figure="outcome").values_list(
        "day", "key", "column", "n"
    ):
        found.outcome[(day, key == "person", column)] += n
    for figure, key, column, n in (
        counts.filter(figure__in=("clause", "language", "agreement", "suggested"))
        .values_list("figure", "key", "column")
        .annotate(total=Sum("n"))
        .values_list("figure", "key", "column", "total")
    ):
        getattr(found, figure)[(key, int(column) if figure == "agreement" else column)] += n
    # By id, not by title: grouping 90 days' rows by their articles' titles
    # joined and sorted 10,000 rows of text (30 ms at a million comments);
    # only the most commented are named, once (``name_articles``).
    for article_id, column, n in (
        counts.filter(figure="article")
        .values_list("article_id", "column")
        .annotate(total=Sum("n"))
        .values_list("article_id", "column", "total")
    ):
        found.article_ids[(article_id, column)] += n
    for day in days:
        found.quantiles[day] = (markers[day].wait_median, markers[day].wait_p90)
    return found


def figures(days: int) -> Figures:
    """The window's figures: its whole past days from the roll-up, the rest counted live.

    The window is the last ``days`` days by posting time, as it always was:
    its first, partial day and today are counted live, and so is any past
    day without a current roll-up (``LAZY_DAYS`` of those are rolled here).
    """
    memo = getattr(_reading, "figures", None)
    if memo is not None and days in memo:
        return memo[days]
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    today, first = rollup.site_today(now), rollup.day_of(since)
    whole = [
        first + dt.timedelta(days=i)
        for i in range((today - first).days)
        if rollup.start_of(first + dt.timedelta(days=i)) >= since
    ]
    markers = {m.day: m for m in DashboardDay.objects.filter(day__gte=first, day__lt=today)}
    current = [d for d in whole if d in markers and markers[d].current]
    missing = [d for d in whole if d not in markers or not markers[d].current]
    lazily = missing[len(missing) - LAZY_DAYS :] if LAZY_DAYS > 0 else []
    found = _rolled(current, markers)
    for day in lazily:
        found.add(rollup.roll_day(day))
    found.add(live(Comment.objects.filter(_outside(since, sorted(current + lazily)))))
    found.name_articles()
    if memo is not None:
        memo[days] = found
    return found


def _outside(since: dt.datetime, covered: list[dt.date]) -> Q:
    """Posted since ``since`` but on none of the ``covered`` days: index ranges, OR-ed."""
    ranges, low = [], since
    for day in covered:
        start = rollup.start_of(day)
        if start > low:
            ranges.append(Q(created_at__gte=low, created_at__lt=start))
        low = max(low, rollup.start_of(day + dt.timedelta(days=1)))
    ranges.append(Q(created_at__gte=low))
    q = ranges[0]
    for more in ranges[1:]:
        q |= more
    return q


def _days(days: int) -> list[dt.date]:
    today = rollup.site_today()
    return [today - dt.timedelta(days=d) for d in range(days - 1, -1, -1)]


def _ranked(counts: dict) -> list:
    """Most counted first; equal counts by key, so that every reading orders them alike."""
    totals = {k: sum(counts[k].values()) for k in counts}
    return sorted(counts, key=lambda k: (-totals[k], str(k)))


def per_day(days: int) -> Chart:
    found = figures(days)
    counts = Counter()
    for (day, _person, status), n in found.outcome.items():
        counts[(day, status)] += n
    labels = _days(days)
    return Chart(
        "per-day",
        _("Comments per day, by outcome"),
        "stacked",
        [d.isoformat() for d in labels],
        [{"label": _status_label(s), "data": [counts[(d, s)] for d in labels]} for s in STATUSES],
        unit=_("day"),
    )


def _grouped(pairs: Counter, labels_of=None, limit: int | None = None):
    counts = defaultdict(Counter)
    for (value, status), n in pairs.items():
        counts[value or ""][status] += n
    keys = _ranked(counts)
    if limit:
        keys = keys[:limit]
    labels = [labels_of(k) if labels_of else (k or "–") for k in keys]
    series = [{"label": _status_label(s), "data": [counts[k][s] for k in keys]} for s in STATUSES]
    return labels, series


def per_clause(days: int) -> Chart:
    """Comments by the clause their latest decision cites (none: published clean)."""
    counts = defaultdict(Counter)
    for (clause_id, status), n in figures(days).clause.items():
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
    from .holds import language_name

    labels, series = _grouped(figures(days).language, labels_of=language_name)
    return Chart(
        "per-language", _("Comments per language"), "stacked", labels, series, unit=_("language")
    )


def per_article(days: int) -> Chart:
    labels, series = _grouped(
        figures(days).titles, labels_of=lambda key: key[0] or "–", limit=TOP_ARTICLES
    )
    return Chart(
        "per-article",
        _("Comments per article (the %(n)d most commented)") % {"n": TOP_ARTICLES},
        "stacked",
        labels,
        series,
        unit=_("article"),
    )


def automated_share(days: int) -> Chart:
    """Per day of posting: the share of comments decided without a person."""
    total, automatic = Counter(), Counter()
    for (day, person, status), n in figures(days).outcome.items():
        total[day] += n
        if not person and status != CommentStatus.PENDING:
            automatic[day] += n
    days_ = _days(days)
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
    found = figures(days)
    days_ = _days(days)
    waits = [found.waits_of(d) for d in days_]
    return Chart(
        "time-to-decision",
        _("Hours from posting to a person's decision"),
        "line",
        [d.isoformat() for d in days_],
        [
            {"label": _("median"), "data": [w[0] for w in waits]},
            {"label": _("90th percentile"), "data": [w[1] for w in waits]},
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
    counts = defaultdict(Counter)
    for (engine, i), n in figures(days).agreement.items():
        counts[engine][i] += n
    keys = _ranked(counts)
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
    counts = figures(days).suggested
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
