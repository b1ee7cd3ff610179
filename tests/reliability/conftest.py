"""A real site in a real server process, on a database of its own.

The crash and backup tests need what the Django test database cannot give:
a server they can kill with SIGKILL, and a database that outlives it. So each
gets a fresh database of the kind the suite runs on (the phase decides: a
SQLite file, or a new PostgreSQL database on the configured server, dropped
afterwards), migrated and with one article, and `civility serve` (gunicorn)
on a free loopback port, started and killed as the test likes.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pytest
from livesite import ARTICLE, LiveDatabase, Server

from civility.backup import Database


def _server_settings() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


@pytest.fixture
def live_db(tmp_path: Path):
    """A fresh, migrated database with one article, of the vendor the suite runs on."""
    config = _server_settings()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CIVILITY_") or key == "CIVILITY_DATA"
    }
    env |= {
        "CIVILITY_DATA_DIR": str(tmp_path / "data"),
        "CIVILITY_SECRET_KEY": "reliability-test-" + secrets.token_hex(8),
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        # The tests post hundreds of comments from one address: the rate
        # limits stay on (they are part of posting) but far above that.
        "CIVILITY_RATE_LIMIT_IP": "1000000/1",
        "CIVILITY_RATE_LIMIT_EMAIL": "1000000/1",
        "CIVILITY_RATE_LIMIT_SAME_TEXT": "1000000/1",
    }
    dropper = None
    if config["ENGINE"].endswith(("sqlite3", ".sqlite")):
        path = tmp_path / "live.sqlite3"
        url = f"sqlite:///{path}"
        database = Database("sqlite", str(path))
    else:
        import psycopg

        name = f"civility_crash_{secrets.token_hex(4)}"
        database = Database(
            "postgresql",
            name,
            host=config.get("HOST") or "",
            port=str(config.get("PORT") or ""),
            user=config.get("USER") or "",
            password=config.get("PASSWORD") or "",
        )
        auth = database.user + (f":{database.password}" if database.password else "")
        url = f"postgresql://{auth}@{database.host}:{database.port or 5432}/{name}"
        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def dropper():
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    env["CIVILITY_DATABASE_URL"] = url
    live = LiveDatabase(url=url, database=database, env=env)
    try:
        live.civility("manage", "migrate", "--verbosity", "0")
        article_file = tmp_path / "article.json"
        article_file.write_text(json.dumps(ARTICLE), encoding="utf-8")
        live.civility("articles", "import", str(article_file))
        yield live
    finally:
        if dropper is not None:
            dropper()


@pytest.fixture
def server(live_db, tmp_path):
    srv = Server(live_db, tmp_path / "server.log")
    yield srv
    srv.stop()
