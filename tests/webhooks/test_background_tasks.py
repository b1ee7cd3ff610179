"""Background work through django.tasks on the database backend, and its worker.

The outbox's sending, the reader's e-mail and the moderators' alert are
tasks (civility/background, webhooks/tasks.py): queued in the decision's own
transaction, run by the worker (`civility worker`; here its batch mode),
retried with back-off, and left in the admin's dead letter when every
attempt failed. On SQLite and on PostgreSQL (./run test).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import transaction
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from civility.background.models import FailedTask
from civility.cli import main
from civility.comments import actions, notifications
from civility.comments.models import NotificationRequest
from civility.webhooks.models import Delivery, DeliveryStatus

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SEND_WEBHOOKS = "civility.webhooks.tasks.send_webhooks"
SEND_EMAIL = "civility.comments.notifications.send_decision_email"
SEND_ALERTS = "civility.webhooks.tasks.send_alerts"


def queued(path: str):
    return DBTaskResult.objects.filter(task_path=path)


def test_a_decision_queues_its_webhooks_in_its_own_transaction(
    post, endpoint, receiver, moderator, database_tasks
):
    receiver.start()
    posted = post(decision="review")
    assert queued(SEND_WEBHOOKS).count() == 1  # with the comment's first decision
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.decide(posted.comment, status="approved", actor=moderator)
        assert queued(SEND_WEBHOOKS).count() == 2
        raise RuntimeError("the request failed after deciding")
    assert queued(SEND_WEBHOOKS).count() == 1  # no task outlives its decision

    actions.decide(posted.comment, status="approved", actor=moderator)
    database_tasks()
    assert sorted(e["type"] for e in receiver.events()) == [
        "comment.approved",
        "comment.created",
        "comment.held",
    ]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert set(queued(SEND_WEBHOOKS).values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }


def test_a_receiver_that_is_down_gets_a_later_task_at_its_retry_time(
    post, endpoint, receiver, database_tasks
):
    post(decision="approve")  # the receiver is not started: connection refused
    database_tasks()
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    (later,) = queued(SEND_WEBHOOKS).filter(status=TaskResultStatus.READY)
    first_retry = Delivery.objects.order_by("next_attempt_at").first().next_attempt_at
    assert later.run_after == first_retry > timezone.now()

    receiver.start()
    # Thirty seconds later (the rows' clocks moved back instead of the world's).
    Delivery.objects.update(next_attempt_at=timezone.now())
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    database_tasks()
    assert len(receiver.events()) == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}


def test_a_failing_email_is_retried_with_backoff_then_kept_in_the_dead_letter(
    post, moderator, database_tasks, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.CIVILITY_ALERT_HELD_MINUTES = 0
    posted = post("A fair point about the ceasefire.", decision="review", notify=True)
    # The reader opened the confirmation link (notifications.confirm).
    NotificationRequest.objects.filter(comment=posted.comment).update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(posted.comment, status="approved", actor=moderator)
    (task,) = queued(SEND_EMAIL)

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(notifications, "send_mail", refused)
    started = timezone.now()
    database_tasks()
    task.refresh_from_db()
    # Failed once: back in the queue after 30 seconds, its error kept.
    assert task.status == TaskResultStatus.READY and len(task.worker_ids) == 1
    assert started + dt.timedelta(seconds=29) < task.run_after < started + dt.timedelta(minutes=1)
    assert "ConnectionRefusedError" in task.traceback
    database_tasks()  # not due yet: nothing runs
    task.refresh_from_db()
    assert len(task.worker_ids) == 1

    for _ in range(4):
        DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
        database_tasks()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and len(task.worker_ids) == 5
    assert list(FailedTask.objects.values_list("pk", flat=True)) == [task.pk]
    assert mail.outbox == []

    # The dead letter in the admin: listed, and run again once the server is back.
    monkeypatch.undo()
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/background/failedtask/")
    assert page.status_code == 200 and b"send_decision_email" in page.content
    answer = client.post(
        "/admin/background/failedtask/",
        {"action": "run_again", "_selected_action": [str(task.pk)]},
    )
    assert answer.status_code == 302
    database_tasks()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [posted.comment.author_email]
    assert not FailedTask.objects.exists()


def test_a_held_comment_schedules_the_alert_for_when_it_is_overdue(
    post, moderator, database_tasks, django_capture_on_commit_callbacks, settings
):
    settings.CIVILITY_ALERT_HELD_MINUTES = 60
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        recent = post(
            "Held half an hour ago.", decision="review", now=now - dt.timedelta(minutes=30)
        )
        post("Published at once.", decision="approve")
    (later,) = queued(SEND_ALERTS)
    due = recent.comment.created_at + dt.timedelta(minutes=60)
    # The next whole minute after the line: one task a minute serves every comment due in it.
    assert due < later.run_after <= due + dt.timedelta(seconds=61)
    assert later.run_after.second == 0 and later.run_after.microsecond == 0
    database_tasks()
    assert mail.outbox == [] and queued(SEND_ALERTS).get().status == TaskResultStatus.READY

    with django_capture_on_commit_callbacks(execute=True):
        old = post("Held since the morning.", decision="review", now=now - dt.timedelta(hours=3))
    database_tasks()  # overdue already: its alert runs at once
    (message,) = mail.outbox
    assert f"#{old.comment.pk}" in message.body and f"#{recent.comment.pk}" not in message.body
    assert queued(SEND_ALERTS).get(pk=later.pk).status == TaskResultStatus.READY


def test_comments_held_in_one_minute_share_one_alert_task(
    post, database_tasks, django_capture_on_commit_callbacks, settings
):
    """Each held post enqueued a task (a row written under SQLite's write lock);
    a run announces every comment then overdue, so one per minute is enough."""
    settings.CIVILITY_ALERT_HELD_MINUTES = 60
    minute = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
    for second in (1, 20, 59, 61):
        with django_capture_on_commit_callbacks(execute=True):  # each post commits
            post(f"Held at second {second}.", decision="review",
                 now=minute + dt.timedelta(seconds=second))  # fmt: skip
    run_after = sorted(task.run_after for task in queued(SEND_ALERTS))
    line = minute + dt.timedelta(minutes=60)
    assert run_after == [line + dt.timedelta(minutes=1), line + dt.timedelta(minutes=2)]

    # A task that is gone from the table (pruned, run, flushed) is scheduled again.
    queued(SEND_ALERTS).delete()
    with django_capture_on_commit_callbacks(execute=True):
        post("Held at second 30.", decision="review", now=minute + dt.timedelta(seconds=30))
    assert [t.run_after for t in queued(SEND_ALERTS)] == [line + dt.timedelta(minutes=1)]


def test_the_worker_command_runs_what_is_ready_and_exits(
    post, endpoint, receiver, database_tasks, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    # Stale connections are the worker's to close, not the test's (conftest).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    receiver.start()
    post(decision="approve")
    assert main(["worker", "--batch"]) == 0
    assert len(receiver.events()) == 2


def test_the_worker_refuses_when_tasks_run_in_the_web_process(capsys):
    assert main(["worker", "--batch"]) == 2
    assert "CIVILITY_TASKS is 'immediate'" in capsys.readouterr().err
