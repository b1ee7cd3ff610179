"""Enqueue a task so that it runs only if the work that asked for it commits.

With the database backend the task row is written in the caller's own
transaction: the outbox row and the task that sends it commit together, or
neither does, and nothing is lost between a commit and an enqueue. Any
other backend (``immediate``, or one outside the database) is enqueued by
``transaction.on_commit``, as Django's documentation advises: a worker must
never start on rows it cannot see yet.

``run_after`` needs a backend that can wait; ``immediate`` cannot, so a
deferred task (a retry sweep, a held-comment alert) is then left to the
commands that do the same by hand (``civility webhooks deliver``,
``civility webhooks alerts``, e.g. from cron).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.tasks import task_backends


def in_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def can_defer() -> bool:
    return task_backends["default"].supports_defer


def with_commit(task, *args, run_after: datetime | None = None, **kwargs):
    """Enqueue ``task(*args, **kwargs)`` as part of the current transaction.

    Returns the task's result when its row was written here (the database
    backend), None when it is enqueued after the commit or not at all.
    """
    if run_after is not None:
        if not can_defer():
            return None
        task = task.using(run_after=run_after)
    if in_database():
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None
