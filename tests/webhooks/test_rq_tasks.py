"""Background work in Redis (CIVILITY_TASKS=rq): django-tasks-rq, our retries, our dead letter.

Against the machine's Redis (``redis_url``; only RQ's own keys are cleared).
The worker here is RQ's, in this process (SimpleWorker: no fork, so the
test's database and mailbox are its own); tests/reliability/test_rq_worker.py
runs `civility worker --batch` as a process of its own, as on another machine.
Real commits (``transactional_db``): a task reaches Redis only after its
transaction commits (background/enqueue.with_commit).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import transaction
from django.test import Client

from civility.background import retries
from civility.background.models import FailedTask
from civility.comments import notifications
from civility.webhooks.models import Delivery, DeliveryStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SEND_CONFIRMATION = "civility.comments.notifications.send_confirmation_email"


def test_a_task_reaches_redis_after_the_commit_and_a_worker_runs_it(
    post, endpoint, receiver, rq_tasks
):
    receiver.start()
    with transaction.atomic():
        posted = post(decision="review", notify=True, author_email="reader@example.org")
        assert rq_tasks.queue.count == 0  # Redis is not in the transaction: not yet
    # The outbox's sender and the confirmation e-mail, queued once committed.
    assert sorted(job.func_name for job in rq_tasks.queue.jobs) == sorted(
        ["civility.webhooks.tasks.send_webhooks", SEND_CONFIRMATION]
    )
    rq_tasks()
    assert rq_tasks.queue.count == 0
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert sorted(e["type"] for e in receiver.events()) == ["comment.created", "comment.held"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert posted.comment.pk
    assert not FailedTask.objects.exists()


def test_a_rolled_back_transaction_queues_nothing(post, rq_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        post(decision="review", notify=True, author_email="reader@example.org")
        raise RuntimeError("the request failed after posting")
    assert rq_tasks.queue.count == 0


def test_a_failing_task_is_retried_then_left_in_the_dead_letter(rq_tasks, monkeypatch, settings):
    """Three attempts (the policy, its back-off made zero here), then the admin's list;
    "Run again" puts it back in Redis."""
    waits = []

    def no_wait(attempts):
        waits.append(attempts)
        return timedelta(0)

    monkeypatch.setitem(retries.POLICIES, SEND_CONFIRMATION, retries.Policy(lambda: 3, no_wait))
    with transaction.atomic():
        # A comment that does not exist: every attempt raises Comment.DoesNotExist.
        from civility.background.enqueue import with_commit

        with_commit(notifications.send_confirmation_email, 424242)
    for _ in range(3):  # each run: the scheduler moves the retry to the queue, it fails again
        rq_tasks()
    assert waits == [1, 2]  # two retries after the first and second failures
    failed = FailedTask.objects.get()
    assert failed.task_path == SEND_CONFIRMATION
    assert len(failed.worker_ids) == 3  # the admin's "attempts"
    assert failed.exception_class_path.endswith("DoesNotExist")
    assert "DoesNotExist" in failed.traceback
    assert failed.args_kwargs == {"args": [424242], "kwargs": {}}
    assert rq_tasks.queue.count == 0

    # "Run again" in the admin: back in Redis, out of the list.
    User.objects.create_superuser("admin", "admin@example.org", "a long admin password")
    client = Client()
    client.login(username="admin", password="a long admin password")
    response = client.post(
        "/admin/background/failedtask/",
        {"action": "run_again", "_selected_action": [str(failed.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 tasks queued again." in response.content.decode()
    assert not FailedTask.objects.exists()
    assert [(job.func_name, job.args) for job in rq_tasks.queue.jobs] == [
        (SEND_CONFIRMATION, (424242,))
    ]
