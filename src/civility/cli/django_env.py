"""Setting up Django from the command line, and running gunicorn.

The settings are read from the environment (civility/web/config.py), so the
commands set the few variables their flags stand for before Django starts.
"""

from __future__ import annotations

import os
import sys


def setup(**environ: str) -> None:
    """Apply CIVILITY_* overrides, then set Django up (settings are checked here)."""
    os.environ.update({key: value for key, value in environ.items() if value is not None})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")
    import django

    django.setup()


def allowed_hosts(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:
        return "*"
    return ",".join(dict.fromkeys([host, "localhost", "127.0.0.1", "[::1]"]))


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "civility.web.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        # The moderation engine loads its models on the first comment; give
        # a cold worker time for that instead of killing it.
        "--timeout",
        "120",
    ]


def exec_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    """Replace this process with gunicorn (so Ctrl-C and signals go straight to it)."""
    argv = gunicorn_argv(host, port, workers, threads)
    sys.stdout.flush()
    os.execv(argv[0], argv)


def pending_migrations() -> list[str]:
    """Migrations not yet applied to the configured database ("app.name")."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def setup_migrated() -> bool:
    """Set Django up and check the database is migrated, saying so if not.

    The commands that read or write comments (privacy, webhooks) refuse to run
    on an unmigrated database rather than fail halfway with a SQL error.
    """
    setup()
    if pending := pending_migrations():
        print(
            f"The database is not ready ({len(pending)} migrations not applied): "
            "run `civility manage migrate` first.",
            file=sys.stderr,
        )
        return False
    return True
