"""Background tasks in Redis (``CIVILITY_TASKS=rq``): django-tasks-rq, with our
retries and our dead letter.

django-tasks-rq (by django-tasks' author) puts each task in an RQ queue in
Redis; RQ's workers run them, on this machine or any other with the same
settings and the same Redis. Three things are ours, so that a site sees the
same behaviour as with the database backend:

- **Retries** (``Job``): RQ retries a job that carries a ``Retry``; the
  backend gives none, so our job class decides from the task's policy
  (``retries.retried``: attempts and back-off), counting the failures in the
  job's meta, and schedules the next attempt at now + back-off (the worker's
  scheduler moves it to the queue when due).
- **The dead letter** (``dead_letter``): RQ keeps a failed job in its
  FailedJobRegistry in Redis, for a day by default. When a task's last attempt
  fails, we also write it as a failed row of the database backend's table, so
  it is listed in the admin's "Failed background tasks" beside those of the
  database backend, with its traceback, for as long as the site keeps it; "Run
  again" enqueues it in Redis anew (``retries.requeue``).
- **The worker** (``work``): ``civility worker`` runs RQ's worker on the
  queue with our job class, the dead letter and the scheduler (which runs
  tasks deferred with ``run_after``, retries included).

Enqueueing is the backend's, after the commit (``enqueue.with_commit``):
Redis is not in the database's transaction.
"""

from __future__ import annotations

import logging
import traceback as tracebacks

from django.utils import timezone
from django_tasks_rq import Job as TaskJob
from rq.job import JobStatus

from . import retries

log = logging.getLogger(__name__)

QUEUE = "default"
FAILURES = "civility_failures"  # the job's meta: its failed attempts before this one


class Job(TaskJob):
    """django-tasks-rq's job, retried by the task's policy (retries.POLICIES)."""

    @property
    def failures(self) -> int:
        return int(self.meta.get(FAILURES, 0))

    @property
    def policy(self) -> retries.Policy | None:
        return retries.POLICIES.get(self.func_name)

    @property
    def should_retry(self) -> bool:
        # Asked by the worker after an attempt failed (and before ``retry``).
        policy = self.policy
        return policy is not None and self.failures + 1 < policy.max_attempts()

    def retry(self, queue, pipeline) -> None:
        failures = self.failures + 1
        self.meta[FAILURES] = failures
        when = timezone.now() + self.policy.wait(failures)
        self.set_status(JobStatus.SCHEDULED, pipeline=pipeline)
        queue.schedule_job(self, when, pipeline=pipeline)  # saves the job, its meta too
        log.info("task %s (%s) failed %d times: again at %s", self.id, self.func_name,
                 failures, when)  # fmt: skip


def dead_letter(job, exc_type, exc_value, traceback) -> bool:
    """RQ's exception handler: a task's last failed attempt goes to the admin's list."""
    if job.should_retry:
        return True  # not the last attempt: the next handler (RQ's own) goes on
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    attempts = (job.failures if isinstance(job, Job) else 0) + 1
    DBTaskResult.objects.create(
        status="FAILED",
        enqueued_at=job.enqueued_at or now,
        started_at=job.started_at,
        finished_at=now,
        args_kwargs={"args": list(job.args), "kwargs": dict(job.kwargs)},
        task_path=job.func_name,
        worker_ids=[job.worker_name or "rq"] * attempts,
        queue_name=job.origin,
        backend_name=job.meta.get("backend_name", "default"),
        run_after=get_date_max(),
        exception_class_path=f"{exc_type.__module__}.{exc_type.__qualname__}",
        traceback="".join(tracebacks.format_exception(exc_type, exc_value, traceback)),
    )
    log.warning("task %s (%s) failed %d times: left in the dead letter", job.id,
                job.func_name, attempts)  # fmt: skip
    return True


def make_worker(*, name: str | None = None, simple: bool = False):
    """RQ's worker on our queue, with our job class and dead letter.

    ``simple``: run each task in this process (RQ's SimpleWorker) rather than in
    a forked child, as the tests' in-process worker does.
    """
    import django_rq
    from rq.worker import SimpleWorker, Worker

    queue = django_rq.get_queue(QUEUE, job_class=Job)
    return (SimpleWorker if simple else Worker)(
        [queue],
        connection=queue.connection,
        exception_handlers=[dead_letter],
        job_class=Job,
        queue_class=type(queue),
        name=name,
    )


def work(*, burst: bool = False, max_jobs: int | None = None, name: str | None = None) -> None:
    """``civility worker`` with CIVILITY_TASKS=rq: run tasks until stopped (or none is left)."""
    from django.db import connections

    worker = make_worker(name=name)
    # The worker forks a child per task: it must not share this connection.
    for connection in connections.all():
        connection.close()
    worker.work(burst=burst, with_scheduler=True, max_jobs=max_jobs, logging_level="WARNING")
