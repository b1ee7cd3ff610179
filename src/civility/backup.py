"""Consistent copies of the database while the site runs, and bringing one back.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the
  database page by page inside one read transaction, so the copy is the
  database as it stood at one instant, even while comments are being written
  (WAL mode: writers are not blocked by the reading copy). The copy is written
  beside the target and renamed into place, then checked with
  ``PRAGMA integrity_check``; a half-written file never carries the name.
- PostgreSQL: ``pg_dump --format=custom`` reads everything in one snapshot
  (a REPEATABLE READ transaction), so it is consistent as well. Its major
  version must be at least the server's; checked first, with a clear error.

``restore`` puts a copy back, replacing the database's content. It is meant
for a stopped site (docs/durability.md): on SQLite it is one transaction
(readers see the old or the new database, never a mix); on PostgreSQL
``pg_restore --clean --single-transaction`` likewise commits all or nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    vendor: str  # "sqlite" | "postgresql"
    name: str  # file path for SQLite, database name for PostgreSQL
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> Database:
        from django.conf import settings

        config = settings.DATABASES[alias]
        engine = config["ENGINE"]
        if engine.endswith(("sqlite3", ".sqlite")):  # Django's, or ours (web/sqlite)
            return cls("sqlite", str(config["NAME"]))
        if engine.endswith("postgresql"):
            return cls(
                "postgresql",
                config["NAME"],
                host=config.get("HOST") or "",
                port=str(config.get("PORT") or ""),
                user=config.get("USER") or "",
                password=config.get("PASSWORD") or "",
            )
        raise BackupError(f"cannot back up a {engine} database")

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGDATABASE", self.name),
        ):
            if value:
                env[key] = value
        return env


def backup(target: Path | str, database: Database | None = None) -> Path:
    """Write a consistent copy of the database to ``target``; answer its path."""
    database = database or Database.from_settings()
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if database.vendor == "sqlite":
            _sqlite_backup(Path(database.name), partial)
        else:
            _pg_dump(database, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path | str, database: Database | None = None) -> None:
    """Replace the database's content with the copy at ``source``."""
    database = database or Database.from_settings()
    source = Path(source)
    try:
        with source.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"{source}: cannot read: {exc.strerror}") from None
    kind = (
        "sqlite"
        if head.startswith(SQLITE_MAGIC)
        else "postgresql"
        if head.startswith(PGDUMP_MAGIC)
        else None
    )
    if kind is None:
        raise BackupError(f"{source}: not a Civility backup (neither SQLite nor pg_dump custom)")
    if kind != database.vendor:
        raise BackupError(
            f"{source} is a {kind} backup but the configured database is {database.vendor}; "
            "restore it into a database of the same kind"
        )
    if kind == "sqlite":
        _sqlite_restore(source, Path(database.name))
    else:
        _pg_restore(source, database)


# --- SQLite ------------------------------------------------------------------------


def _sqlite_backup(live: Path, partial: Path) -> None:
    if not live.exists():
        raise BackupError(f"{live}: no such database (is CIVILITY_DATA_DIR right?)")
    # A plain connection, not Django's: the copy must not run inside a request's
    # transaction, and the timeout waits out a writer's checkpoint.
    source = sqlite3.connect(live, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # pages=-1: the whole database in one step, i.e. one read transaction,
        # so the copy is one instant's database. WAL keeps writers going meanwhile.
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        _check_integrity(copy, partial)
    finally:
        copy.close()
        source.close()


def _sqlite_restore(source: Path, live: Path) -> None:
    backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _check_integrity(backup_conn, source)
        live.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(live, timeout=30)
        try:
            # One write transaction on the live file: readers see all or nothing.
            backup_conn.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
    finally:
        backup_conn.close()


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path}: integrity check failed: {result}")


# --- PostgreSQL --------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client) of the server's major version or newer"
        )
    return path


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    if match is None:
        raise BackupError(f"cannot read a version from {text!r}")
    return int(match.group(1))


def _check_versions(tool: str, database: Database) -> None:
    import psycopg

    client = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
    client_major = _major(client.stdout.rsplit(" ", 1)[-1])
    with psycopg.connect(**_psycopg_args(database)) as conn:
        server_major = conn.info.server_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"{tool} is version {client_major} but the server is {server_major}: "
            "install a PostgreSQL client at least as new as the server"
        )


def _psycopg_args(database: Database) -> dict:
    args = {"dbname": database.name, "connect_timeout": 10}
    for key, value in (
        ("host", database.host),
        ("port", database.port),
        ("user", database.user),
        ("password", database.password),
    ):
        if value:
            args[key] = value
    return args


def _run(argv: list[str], database: Database) -> None:
    done = subprocess.run(argv, env=database.pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {done.stderr.strip()}")


def _pg_dump(database: Database, partial: Path) -> None:
    tool = _tool("pg_dump")
    _check_versions(tool, database)
    _run(
        [tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
        database,
    )


def _pg_restore(source: Path, database: Database) -> None:
    tool = _tool("pg_restore")
    _check_versions(tool, database)
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            database.name,
            str(source),
        ],
        database,
    )
