"""`civility worker`: run the background tasks (webhooks, e-mail, alerts, replays).

A thin door onto the configured backend's worker (CIVILITY_TASKS):

- ``database``: django-tasks-db's ``db_worker`` takes the tasks the web
  servers queued in the database, one at a time, and records each outcome.
- ``rq``: RQ's worker on the Redis queue (background/rq.py), with our retries,
  our dead letter and RQ's scheduler for deferred tasks; each task runs in a
  forked child.

Run one beside the web server, or several on other machines with the same
settings (the same database, and for rq the same Redis): a task is claimed
by one worker only. Stop it with SIGTERM or Ctrl-C: it finishes the task in
hand first.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="run background tasks: webhooks, e-mail to readers, moderator alerts",
        description=(
            "Run the background tasks queued in the database (CIVILITY_TASKS=database) or "
            "in Redis (CIVILITY_TASKS=rq): webhook deliveries, e-mail to readers, moderator "
            "alerts, replays. Failed tasks are retried with back-off; those that keep "
            "failing are listed in the admin (Failed background tasks). Several workers, "
            "on any machines with the same settings, may run at once."
        ),
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds to wait when no task is ready (default 1)",
    )
    parser.add_argument(
        "--batch", action="store_true", help="run every task that is ready, then exit"
    )
    parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
    parser.add_argument(
        "--worker-id", default=None, help="a name for this worker, unique among them"
    )
    parser.set_defaults(func=run_worker)


def run_worker(args) -> int:
    from .django_env import setup_migrated

    if not setup_migrated():
        return 1
    from django.conf import settings
    from django.core.management import call_command

    from civility.background.enqueue import with_commit
    from civility.webhooks.tasks import send_webhooks

    if settings.CIVILITY_TASKS not in ("database", "rq"):
        print(
            f"CIVILITY_TASKS is {settings.CIVILITY_TASKS!r}: tasks run in the web process, "
            "there is nothing for a worker to do.",
            file=sys.stderr,
        )
        return 2
    # One sweep of the outbox at start: a delivery written while no task
    # could be queued (a site upgraded from the old loop) is sent too.
    with_commit(send_webhooks)
    if settings.CIVILITY_TASKS == "rq":
        from civility.background import rq

        rq.work(burst=args.batch, max_jobs=args.max_tasks, name=args.worker_id)
        return 0
    options = {"queue_name": "*", "interval": args.interval, "reload": False}
    if args.batch:
        options["batch"] = True
    if args.max_tasks:
        options["max_tasks"] = args.max_tasks
    if args.worker_id:
        options["worker_id"] = args.worker_id
    call_command("db_worker", **options)
    return 0
