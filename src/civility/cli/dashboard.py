"""`civility dashboard rollup`: write the dashboard's daily roll-up (moderators/rollup.py)."""

from __future__ import annotations

import datetime as dt
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "dashboard",
        help="the moderators' dashboard: write its daily roll-up",
        description="The dashboard's daily roll-up (docs/deployment.md, Scheduled jobs).",
    )
    commands = parser.add_subparsers(dest="dashboard_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)
    rollup = commands.add_parser(
        "rollup",
        help="count the past days the roll-up lacks, or that changed since (backfill)",
        description=(
            "Count each past day (the site's time zone) of the last --days days that has no "
            "current roll-up, or had a late decision since, and store it. Today is always "
            "counted live. --all backfills from the first comment; --force counts every day "
            "again; --queue leaves the work to `civility worker` (the nightly cron line)."
        ),
    )
    rollup.add_argument("--days", type=int, default=90, help="how far back (90: the longest view)")
    rollup.add_argument("--since", help="from this day on (YYYY-MM-DD) instead of --days")
    rollup.add_argument("--all", action="store_true", help="from the first comment's day")
    rollup.add_argument("--force", action="store_true", help="count current days again too")
    rollup.add_argument("--queue", action="store_true", help="enqueue the task and return")
    rollup.set_defaults(func=run_rollup)


def run_rollup(args) -> int:
    from .django_env import setup_migrated

    if not setup_migrated():
        return 1
    from civility.moderators import rollup

    if args.queue:
        if args.since or args.all or args.force:
            print("civility dashboard rollup: --queue takes only --days", file=sys.stderr)
            return 2
        rollup.rollup_task.enqueue(days=args.days)
        print(f"queued: the roll-up of the last {args.days} days")
        return 0
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            print(f"--since: give a date as YYYY-MM-DD, not {args.since!r}", file=sys.stderr)
            return 2
    elif args.all:
        since = rollup.first_day()
        if since is None:
            print("no comments: nothing to roll up")
            return 0
    rolled = rollup.roll(since=since, days=args.days, force=args.force)
    print(f"rolled up {rolled} day(s)")
    return 0
