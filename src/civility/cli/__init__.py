"""The `civility` command: one console script, one module per subcommand.

Each module in SUBCOMMANDS exposes ``register(subparsers)``, which adds its
parser and sets ``func`` (called with the parsed arguments, returning the exit
status). Heavy imports (Django, numpy) stay inside the functions so that
``civility --help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = (
    "civility.cli.demo",
    "civility.cli.serve",
    "civility.cli.articles",
    "civility.cli.moderate",
    "civility.cli.policy",
    "civility.cli.desk",
    "civility.cli.dashboard",
    "civility.cli.train",
    "civility.cli.evaluate",
    "civility.cli.privacy",
    "civility.cli.backup",
    "civility.cli.webhooks",
    "civility.cli.worker",
    "civility.cli.transparency",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civility",
        description="Comment platform with automatic pre-moderation against your guidelines.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in SUBCOMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
