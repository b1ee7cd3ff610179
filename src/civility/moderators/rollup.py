"""The dashboard's daily roll-up: each past day's figures, counted once, read by stats.py.

A day is the site's (``CIVILITY_TIME_ZONE``), keyed by the comments'
*posting* day, as every chart groups them. ``roll_day`` (re)writes one past
day from the live tables with the very code the dashboard uses for today
(``stats.live``), so a rolled day and a live one cannot disagree; it is
idempotent (the day's rows are deleted and written again in one
transaction). Today is never rolled: the dashboard counts it live.

A later change to a past day's comments (a moderator decides a comment
posted last week, an undo, a notice upheld, a comment deleted) bumps that
day's ``version`` in the same transaction (``on_decision_saved``,
``on_comment_deleted``, connected in apps.py); its rows then count only
after the day is rolled again: by the nightly task, by ``civility
dashboard rollup``, or by the dashboard itself, which rolls up to
``stats.LAZY_DAYS`` such days per request and counts any others live.
``roll_day`` writes only if the version it read before counting is still
the day's when it writes (a change committed meanwhile leaves the day to
be rolled again), so a race never leaves a wrong day marked current.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Min
from django.tasks import task
from django.utils import timezone

from civility.background.retries import retried
from civility.comments.models import Comment

from .models import DashboardCount, DashboardDay

# The nightly task looks this far back for days to (re)roll: the
# dashboard's longest window (dashboard.DAYS).
NIGHTLY_DAYS = 90


def site_zone():
    return timezone.get_default_timezone()


def site_today(now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now(), site_zone()).date()


def day_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, site_zone()).date()


def start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the site's zone, as an aware time."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=site_zone())


def mark_changed(day: dt.date) -> None:
    """A past day's comments changed: its rolled rows no longer count (one upsert).

    An upsert rather than an update: if a roll of that day is writing its
    first row at this moment, PostgreSQL makes this wait for it, then bumps
    the version it wrote.
    """
    table = connection.ops.quote_name(DashboardDay._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, version) VALUES (%s, 1) "
            f"ON CONFLICT (day) DO UPDATE SET version = {table}.version + 1",
            [connection.ops.adapt_datefield_value(day)],
        )


def _changed(comment: Comment | None) -> None:
    if comment is None or comment.created_at is None:
        return
    day = day_of(comment.created_at)
    if day < site_today():
        mark_changed(day)


def on_decision_saved(sender, instance, created, **kwargs) -> None:
    """A decision on a comment posted before today: that day is rolled again."""
    if created and not kwargs.get("raw"):
        _changed(instance.comment)


def on_comment_deleted(sender, instance, **kwargs) -> None:
    _changed(instance)


def roll_day(day: dt.date):
    """Count ``day`` from the live tables and store it; returns its ``stats.Figures``.

    Refuses today and later (they are still changing).
    """
    from . import stats

    if day >= site_today():
        raise ValueError(f"{day} is not a past day")
    DashboardDay.objects.get_or_create(day=day)
    version = DashboardDay.objects.values_list("version", flat=True).get(day=day)
    found = stats.live(
        Comment.objects.filter(
            created_at__gte=start_of(day), created_at__lt=start_of(day + dt.timedelta(days=1))
        )
    )
    with transaction.atomic():
        marker = DashboardDay.objects.select_for_update().get(day=day)
        if marker.version != version:
            return found  # changed while counted: rolled again later
        DashboardCount.objects.filter(day=day).delete()
        DashboardCount.objects.bulk_create(
            [
                DashboardCount(
                    day=day, figure=figure, key=key, column=column, article_id=article, n=n
                )
                for figure, key, column, article, n in found.rows()
            ]
        )
        marker.rolled_version = version
        marker.rolled_at = timezone.now()
        marker.wait_median, marker.wait_p90 = found.waits_of(day)
        marker.save()
    return found


def days_to_roll(*, since: dt.date, force: bool = False) -> list[dt.date]:
    """The past days from ``since`` that have no current roll-up (all of them if ``force``)."""
    today = site_today()
    days = [since + dt.timedelta(days=i) for i in range((today - since).days)]
    if force:
        return days
    current = {
        d.day for d in DashboardDay.objects.filter(day__gte=since, day__lt=today) if d.current
    }
    return [d for d in days if d not in current]


def first_day() -> dt.date | None:
    first = Comment.objects.aggregate(first=Min("created_at"))["first"]
    return day_of(first) if first is not None else None


def roll(*, since: dt.date | None = None, days: int = NIGHTLY_DAYS, force: bool = False) -> int:
    """Roll every past day from ``since`` (else the last ``days``) that needs it; how many."""
    if since is None:
        since = site_today() - dt.timedelta(days=days)
    rolled = 0
    for day in days_to_roll(since=since, force=force):
        roll_day(day)
        rolled += 1
    return rolled


@retried(max_attempts=5)
@task()
def rollup_task(days: int = NIGHTLY_DAYS) -> int:
    """The nightly roll-up: yesterday, and any day of the last ``days`` changed since."""
    return roll(days=days)
