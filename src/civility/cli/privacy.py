"""`civility privacy export|erase EMAIL` and `civility privacy purge-ips`."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "privacy",
        help="export or erase a commenter's data; erase old IP address hashes",
        description="A commenter's personal data (docs/privacy.md).",
    )
    commands = parser.add_subparsers(dest="privacy_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)

    export = commands.add_parser(
        "export",
        help="print everything held about an e-mail address, as JSON",
        description="Every comment posted with EMAIL (any case), with its decisions, as JSON.",
    )
    export.add_argument("email")
    export.add_argument("-o", "--output", help="write to this file instead of standard output")
    export.set_defaults(func=run_export)

    erase = commands.add_parser(
        "erase",
        help="erase the name, e-mail and IP hash of every comment posted with an address",
        description=(
            "Replace the name and e-mail of every comment posted with EMAIL by placeholders "
            "and erase its IP address hash. Texts and decisions stay. Cannot be undone: "
            "asks first unless --yes is given."
        ),
    )
    erase.add_argument("email")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(func=run_erase)

    purge = commands.add_parser(
        "purge-ips",
        help="erase IP address hashes older than the retention period",
        description=(
            "Erase the IP address hashes of comments older than CIVILITY_IP_RETENTION_DAYS "
            "(default 30). Run it daily, e.g. from cron."
        ),
    )
    purge.add_argument("--days", type=int, help="retention in days instead of the setting")
    purge.set_defaults(func=run_purge)


def _ready() -> bool:
    from .django_env import setup_migrated

    return setup_migrated()


def run_export(args) -> int:
    if not _ready():
        return 1
    from civility.errors import CivilityError
    from civility.privacy.commenters import export_commenter

    try:
        data = export_commenter(args.email)
    except CivilityError as exc:
        print(f"civility privacy export: {exc.message}", file=sys.stderr)
        return 2
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"{len(data['comments'])} comment(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_erase(args) -> int:
    if not _ready():
        return 1
    from civility.comments.models import Comment
    from civility.errors import CivilityError
    from civility.privacy.commenters import erase_commenter

    if not args.yes:
        count = Comment.objects.filter(
            author_email__iexact=args.email.strip(), erased_at__isnull=True
        ).count()
        if not sys.stdin.isatty():
            print(
                f"civility privacy erase: {count} comment(s) would be erased; "
                "add --yes to do it (standard input is not a terminal to ask on).",
                file=sys.stderr,
            )
            return 2
        answer = input(
            f"Erase the name and e-mail of {count} comment(s)? This cannot be undone. [y/N] "
        )
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing erased.")
            return 1
    try:
        erasure = erase_commenter(args.email)
    except CivilityError as exc:
        print(f"civility privacy erase: {exc.message}", file=sys.stderr)
        return 2
    print(f"Erased the name and e-mail of {erasure.count} comment(s); texts and decisions kept.")
    return 0


def run_purge(args) -> int:
    if not _ready():
        return 1
    from django.conf import settings

    from civility.errors import CivilityError
    from civility.privacy.commenters import purge_ip_hashes

    days = settings.CIVILITY_IP_RETENTION_DAYS if args.days is None else args.days
    try:
        count = purge_ip_hashes(days=days)
    except CivilityError as exc:
        print(f"civility privacy purge-ips: {exc.message}", file=sys.stderr)
        return 2
    print(f"Erased {count} IP address hash(es) older than {days} day(s).")
    return 0
