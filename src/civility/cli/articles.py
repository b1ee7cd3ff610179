"""`civility articles import FILE.json`: create or update articles from the publisher."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("articles", help="import articles from JSON")
    commands = parser.add_subparsers(dest="articles_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)
    do_import = commands.add_parser(
        "import",
        help="create or update articles from a JSON file (matched by slug)",
        description=(
            "Read one article object or a list of them (format: docs/cli.md). Every record "
            "is checked first; on any error nothing is imported and each error names the "
            "record index and the field. Importing the same file twice changes nothing."
        ),
    )
    do_import.add_argument("file", help="JSON file, or - for standard input")
    do_import.set_defaults(func=import_file)


def import_file(args) -> int:
    from . import django_env

    try:
        if args.file == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.file, encoding="utf-8") as handle:
                data = json.load(handle)
    except OSError as exc:
        print(f"{args.file}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    except json.JSONDecodeError as exc:
        print(f"{args.file}: not valid JSON: {exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"{args.file}: not UTF-8: {exc.reason} at byte {exc.start}", file=sys.stderr)
        return 1
    except RecursionError:
        print(f"{args.file}: not valid JSON: nested too deeply", file=sys.stderr)
        return 1

    django_env.setup()
    if pending := django_env.pending_migrations():
        print(
            f"The database is not ready ({len(pending)} migrations not applied): "
            "run `civility manage migrate` first.",
            file=sys.stderr,
        )
        return 1
    from civility.articles.importer import import_articles
    from civility.errors import ValidationFailed

    try:
        report = import_articles(data)
    except ValidationFailed as exc:
        print(f"{args.file}: {exc.message}", file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    print(f"{args.file}: {report.summary()}")
    return 0
