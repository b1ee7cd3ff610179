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


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, so `taskset` and
    container CPU sets count), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no sched_getaffinity (macOS)
        return os.cpu_count() or 1


def allowed_hosts(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:
        return "*"
    return ",".join(dict.fromkeys([host, "localhost", "127.0.0.1", "[::1]"]))


# sun_path holds 108 bytes on Linux (104 on the BSDs and macOS), the last a NUL.
UNIX_SOCKET_PATH_MAX = 103


def control_socket_args(control_socket: str | None, port: int) -> list[str]:
    """gunicorn's control socket: one per instance, or none.

    gunicorn 27 opens a control socket at one fixed path in the user's home
    (~/.gunicorn/gunicorn.ctl) for every instance, so two servers on one host
    (docs/deployment.md: two app servers) take each other's socket and a
    killed one leaves it behind. ``None`` puts it in the data folder, named by
    port (``gunicorn-8000.ctl``); ``"none"`` opens none; anything else is a path.
    """
    if control_socket == "none":
        return ["--no-control-socket"]
    if control_socket is None:
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        control_socket = str(settings.DATA_DIR / f"gunicorn-{port}.ctl")
        if len(control_socket.encode()) > UNIX_SOCKET_PATH_MAX:
            print(f"no control socket: {control_socket} is too long for a Unix socket path")
            return ["--no-control-socket"]
    return ["--control-socket", control_socket]


def gunicorn_argv(
    host: str, port: int, workers: int, threads: int, control_socket: str | None = None
) -> list[str]:
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
        # Named, not left to gunicorn's rule (more than one thread means
        # gthread). One thread is the sync worker: a worker takes the next
        # connection only when it is free, so a burst queues in the kernel
        # and goes to whichever worker finishes first. gthread with one
        # thread accepts eagerly and queues inside a busy worker while the
        # other idles (posting p99 140 ms against 84; docs/deployment.md).
        "--worker-class",
        "sync" if threads == 1 else "gthread",
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        # Access lines without API keys (Perspective clients send ?key=).
        "--logger-class",
        "civility.web.access_log.RedactingLogger",
        # Each worker loads the moderation engine's models as it starts
        # (civility/web/wsgi.py); give it time for that instead of killing it.
        "--timeout",
        "120",
        *control_socket_args(control_socket, port),
    ]


def exec_gunicorn(
    host: str, port: int, workers: int, threads: int, control_socket: str | None = None
) -> None:
    """Replace this process with gunicorn (so Ctrl-C and signals go straight to it)."""
    argv = gunicorn_argv(host, port, workers, threads, control_socket)
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
