"""Retries with back-off for tasks, and the dead letter they end in.

Django's tasks interface records a failed attempt and stops. For the work
Civility sends in the background, a receiver that is down or a mail server
that refuses is usually back in a minute, so a task declared here is tried
again: after its attempt fails, the database backend's row is put back in
the queue with ``run_after`` = now + back-off, keeping its error and its list
of workers (so ``TaskResult.attempts`` counts every try). When the attempts
are spent the row stays FAILED: that is the dead letter, listed in the admin
(``admin.py``) with the last traceback and "Run again".

Only the database backend is retried this way. With ``rq`` the same policy
is applied by our RQ job class (rq.py), and a task's last failure is copied
into the same table as a failed row, so the admin lists both alike;
``immediate`` runs once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone

log = logging.getLogger(__name__)

FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failure: 30 s, 1 min, 2 min, ... at most 6 h."""
    return min(FIRST_WAIT * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


@dataclass(frozen=True)
class Policy:
    # A callable, so that a setting (CIVILITY_WEBHOOK_MAX_ATTEMPTS) is read
    # when the task fails, not when the module is imported.
    max_attempts: Callable[[], int]
    wait: Callable[[int], timedelta] = backoff


# Task module path -> its policy; filled by ``retried``.
POLICIES: dict[str, Policy] = {}


def retried(*, max_attempts: int | str = 5, wait: Callable[[int], timedelta] = backoff):
    """Mark a task (put it under ``@task()``) as retried: attempts, back-off.

    ``max_attempts`` is a number or the name of a setting that holds one.
    """
    if isinstance(max_attempts, str):
        name = max_attempts

        def attempts() -> int:
            return getattr(settings, name)
    else:
        number = max_attempts

        def attempts() -> int:
            return number

    def mark(task):
        POLICIES[task.module_path] = Policy(attempts, wait)
        return task

    return mark


def on_task_finished(sender, task_result, **kwargs) -> None:
    """Receiver for ``django.tasks.signals.task_finished`` (apps.py)."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    policy = POLICIES.get(task_result.task.module_path)
    if policy is None or not _is_database_backend(sender):
        return
    attempts = task_result.attempts
    if attempts >= policy.max_attempts():
        log.warning(
            "task %s (%s) failed %d times: left in the dead letter",
            task_result.id,
            task_result.task.module_path,
            attempts,
        )
        return
    requeue(task_result.id, timezone.now() + policy.wait(attempts))


def requeue(result_id, run_after) -> int:
    """Put a failed task back in the queue, to run at ``run_after`` (None: now).

    With the database backend the row itself goes back to the queue. With
    another (rq), the row is the dead letter's copy (rq.dead_letter): the task
    is enqueued anew, after the commit, and its row leaves the list.
    """
    from django_tasks_db.models import DBTaskResult, get_date_max

    from .enqueue import in_database, with_commit

    failed = DBTaskResult.objects.filter(id=result_id, status=TaskResultStatus.FAILED)
    if in_database():
        return failed.update(
            status=TaskResultStatus.READY,
            run_after=run_after or get_date_max(),
            finished_at=None,
        )
    count = 0
    for row in failed:
        arguments = row.args_kwargs
        with_commit(row.task, *arguments["args"], run_after=run_after, **arguments["kwargs"])
        row.delete()
        count += 1
    return count


def _is_database_backend(backend_class) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend_class, type) and issubclass(backend_class, DatabaseBackend)
