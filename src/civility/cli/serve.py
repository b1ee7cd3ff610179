"""`civility serve` (production: gunicorn, DEBUG off) and `civility manage` (Django's manage.py)."""

from __future__ import annotations

import argparse


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the site with gunicorn (production settings)",
        description=(
            "Apply pending migrations, then serve with gunicorn. Settings come from CIVILITY_* "
            "environment variables (docs/settings.md); DEBUG is always off. Without "
            "CIVILITY_SECRET_KEY a key is generated once and kept in the data folder."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        "--workers",
        type=int,
        help="gunicorn worker processes (default: one per CPU this process may use)",
    )
    # One thread: gunicorn's sync worker, one request at a time per worker.
    # Posting is CPU-bound (the engine), so more requests in flight than
    # cores only share the cores out and lengthen every request; with one
    # each, the kernel's accept queue hands the next request to whichever
    # worker is free. docs/deployment.md has the measurements.
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (default 1: gunicorn's sync worker, behind a buffering proxy)",
    )
    parser.add_argument(
        "--control-socket",
        metavar="PATH",
        help="gunicorn's control socket: a path, or 'none' (default: gunicorn-PORT.ctl in the "
        "data folder, so two instances on one host never share one)",
    )
    parser.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations first"
    )
    parser.set_defaults(func=serve)

    manage = subparsers.add_parser(
        "manage",
        help="run a Django management command (migrate, createsuperuser, ...)",
        description="Django's manage.py with Civility's settings: civility manage migrate",
    )
    # Everything after the command name goes to Django, --help included
    # (`civility manage migrate --help`); `civility manage --help` is ours.
    manage.add_argument(
        "arguments",
        nargs=argparse.REMAINDER,
        help="a management command and its arguments (`civility manage help` lists them)",
    )
    manage.set_defaults(func=run_manage)


def serve(args) -> int:
    from . import django_env

    if args.workers is None:
        args.workers = django_env.usable_cpus()
    if args.workers < 1 or args.threads < 1:
        print("civility serve: --workers and --threads must be 1 or more")
        return 2
    django_env.setup(CIVILITY_DEBUG="false")
    if not args.no_migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=1)
    django_env.exec_gunicorn(
        args.host,
        args.port,
        workers=args.workers,
        threads=args.threads,
        control_socket=args.control_socket,
    )
    return 0


def run_manage(args) -> int:
    from . import django_env

    django_env.setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["civility manage", *args.arguments])
    return 0
