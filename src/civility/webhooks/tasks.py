"""The outbox's driver and the moderator alerts, as background tasks.

The outbox itself is unchanged: ``outbox.on_decision_saved`` writes the
deliveries in the decision's transaction, and enqueues ``send_webhooks`` in
that same transaction (background/enqueue.py), so a committed decision
always has a task that will send its events. The task sends whatever is due
(``delivery.deliver_due``: claims with a lease, so two workers or two tasks
never send one row twice), then schedules itself for the earliest delivery
still waiting for a retry. A receiver that is down is the delivery's
business (its attempts, its back-off, failed after
CIVILITY_WEBHOOK_MAX_ATTEMPTS, "Retry now" in the admin); the task itself
is retried only when it fails, e.g. the database went away mid-round.

Alerts: a comment held for review schedules ``send_alerts`` for the minute
it becomes overdue; the alert lists every comment then overdue and not yet
announced (``alerts.send_held_alerts``), so many held comments still make
one message, and each comment is announced once.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from civility import rows
from civility.background.enqueue import with_commit
from civility.background.retries import retried
from civility.comments.models import CommentStatus

from . import alerts, delivery
from .models import Delivery, DeliveryStatus


@retried(max_attempts=5)
@task()
def send_webhooks() -> dict:
    """Send the deliveries that are due; schedule the next retry, if any."""
    outcome = delivery.deliver_due()
    schedule_next_retry()
    return dict(outcome)


def schedule_next_retry(now=None) -> None:
    now = now or timezone.now()
    upcoming = (
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__gt=now)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if upcoming is not None:
        with_commit(send_webhooks, run_after=upcoming)


@retried(max_attempts=5)
@task()
def send_alerts() -> int:
    """E-mail moderators about the comments now overdue (once each)."""
    return alerts.send_held_alerts()


def on_decision_saved(sender, instance, created, **kwargs) -> None:
    """Schedule the alert for when a held comment becomes overdue.

    Receiver for DecisionRecord's post_save (apps.py), so it runs inside the
    transaction that stores the decision, as the outbox does: with the
    database backend the task row commits with the comment, and a crash
    between the commit and an enqueue cannot lose the alert. A comment
    returned to the queue is counted from its first posting (as the alert's
    query does), so it may be due at once.

    One task per minute is enough, since a run announces every comment then
    overdue: the time is rounded up to the next whole minute (an alert is at
    most a minute later than the comment's own line), and a minute whose
    task this process has already committed, and that is still in the
    table, is not scheduled again. Enqueuing cost 1.6 ms under SQLite's
    write lock, on every held post, and left one task row per held comment
    for the worker (docs/deployment.md).
    """
    if not created or kwargs.get("raw"):
        return
    minutes = settings.CIVILITY_ALERT_HELD_MINUTES
    if not minutes or instance.status != CommentStatus.PENDING:
        return
    # A second past the line, so the query (created_at <= now - minutes) sees it.
    due = instance.comment.created_at + timedelta(minutes=minutes, seconds=1)
    if due <= timezone.now():
        with_commit(send_alerts)
        return
    due = _whole_minute_after(due)
    if _alerts_queued.holds(due):
        return
    queued = with_commit(send_alerts, run_after=due)
    if queued is not None:
        transaction.on_commit(lambda: _alerts_queued.remember(due, queued.id))


def _whole_minute_after(moment: datetime) -> datetime:
    start = moment.replace(second=0, microsecond=0)
    return start if start == moment else start + timedelta(minutes=1)


class _QueuedAlerts:
    """The alert tasks this process committed, by their minute (the database backend's rows)."""

    def __init__(self) -> None:
        self._ids: dict[datetime, object] = {}
        self._lock = threading.Lock()

    def holds(self, due: datetime) -> bool:
        with self._lock:
            task_id = self._ids.get(due)
        # Still in the table: a flushed or pruned table has lost it, so enqueue again.
        return (
            task_id is not None and rows.first_pk(DBTaskResult, {"id =": task_id}, "id") is not None
        )

    def remember(self, due: datetime, task_id) -> None:
        with self._lock:
            now = timezone.now()
            self._ids = {d: i for d, i in self._ids.items() if d > now}
            self._ids[due] = task_id


_alerts_queued = _QueuedAlerts()
