"""`civility backup FILE` (while the site runs) and `civility restore FILE`."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write a consistent copy of the database while the site runs",
        description=(
            "SQLite: the online backup API, one instant's database in a single file. "
            "PostgreSQL: pg_dump --format=custom (one snapshot). See docs/durability.md."
        ),
    )
    backup.add_argument("file", help="where to write the copy (replaced if it exists)")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="replace the database's content with a copy made by `civility backup`",
        description=(
            "Stop the site first. Everything written since the copy was made is lost; "
            "asks first unless --yes is given. Apply migrations afterwards if the copy is "
            "older than the code (`civility manage migrate`)."
        ),
    )
    restore.add_argument("file", help="a copy made by `civility backup`")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=run_restore)


def run_backup(args) -> int:
    from civility.backup import BackupError, backup

    from . import django_env

    django_env.setup()
    try:
        path = backup(args.file)
    except BackupError as exc:
        print(f"civility backup: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
    return 0


def run_restore(args) -> int:
    from civility.backup import BackupError, Database, restore

    from . import django_env

    django_env.setup()
    database = Database.from_settings()
    if not args.yes:
        question = f"Replace the content of {database.vendor} database {database.name}?"
        if not sys.stdin.isatty():
            print(f"civility restore: {question} Add --yes to do it.", file=sys.stderr)
            return 2
        if input(f"{question} This cannot be undone. [y/N] ").strip().lower() not in {"y", "yes"}:
            print("Nothing restored.")
            return 1
    try:
        restore(args.file, database)
    except BackupError as exc:
        print(f"civility restore: {exc}", file=sys.stderr)
        return 1
    pending = django_env.pending_migrations()
    print(f"Restored {args.file} into {database.name}.")
    if pending:
        print(f"{len(pending)} migration(s) to apply: run `civility manage migrate`.")
    return 0
