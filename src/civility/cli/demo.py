"""`civility demo`: a working site on SQLite with the seed article, in one command."""

from __future__ import annotations

import os
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="start a demo site: SQLite, the seed article, a moderator account",
        description=(
            "Migrate a SQLite database in the data folder, load the seed article, create or "
            "reset the account 'moderator' with a new password (printed), then serve the site "
            "with gunicorn (2 threads). Ctrl-C stops it."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        "--data-dir", default="./var/demo", help="folder for the database and secret key"
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="set everything up, print the login, and stop"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from . import django_env

    django_env.setup(
        CIVILITY_DATA_DIR=str(Path(args.data_dir).expanduser().resolve()),
        # The demo always runs on its own SQLite file, never on a configured server.
        CIVILITY_DATABASE_URL="",
        CIVILITY_DEBUG="false",
        CIVILITY_ALLOWED_HOSTS=django_env.allowed_hosts(args.host),
        # No worker beside the demo: background work runs after each commit.
        CIVILITY_TASKS="immediate",
        # The seed's newsroom (Rudaw, Erbil): its readers' clock, unless told otherwise.
        CIVILITY_TIME_ZONE=os.environ.get("CIVILITY_TIME_ZONE", "Asia/Baghdad"),
    )
    from civility.demo import setup_demo

    site = setup_demo()
    shown = "127.0.0.1" if args.host in {"0.0.0.0", "::"} else args.host
    base = f"http://{shown}:{args.port}"
    print(f"Demo article: {base}/articles/{site.articles[0]}/")
    # One more article in each other language (ar, ckb, kmr, tr; docs/languages.md).
    for slug in site.articles[1:]:
        print(f"  also: {base}/articles/{slug}/")
    print(
        f"Moderator login: {base}/accounts/login/  user: {site.username}  password: {site.password}"
    )
    if args.no_serve:
        return 0
    print("Serving with gunicorn; press Ctrl-C to stop.", flush=True)
    django_env.exec_gunicorn(args.host, args.port, workers=1, threads=2)
    return 0  # not reached: exec replaced this process
