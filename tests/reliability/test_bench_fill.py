"""bench/fill.py still fills today's schema (PostgreSQL).

The generator writes with COPY, past the models, so a migration that adds a
required column breaks it without any other test noticing (articles.held
did). This runs it small on a fresh database of the configured server, as
an operator would run it big (docs/deployment.md, "A million comments"),
and checks what it wrote is a newsroom the pages can read.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_database():
    from django.conf import settings

    config = settings.DATABASES["default"]
    if not config["ENGINE"].endswith("postgresql"):
        pytest.skip("bench/fill.py fills PostgreSQL (./run test's PostgreSQL part)")
    import psycopg

    auth = (config.get("USER") or "") + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    server = f"postgresql://{auth}@{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}"
    name = f"civility_fill_{secrets.token_hex(4)}"
    try:
        yield f"{server}/{name}"  # fill.py creates it
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_fill_writes_every_table_it_promises(empty_database):
    import psycopg

    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVILITY_")}
    run = subprocess.run(
        [sys.executable, "bench/fill.py", "--database-url", empty_database,
         "--comments", "3000", "--articles", "40", "--breaking", "400", "--held", "30"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    counts = json.loads(run.stdout.strip().splitlines()[-1])
    assert counts["comments"] == 3000 and counts["articles"] == 40
    assert counts["replies"] > 0 and counts["reactions"] > 0

    with psycopg.connect(empty_database) as conn:

        def one(sql):
            return conn.execute(sql).fetchone()[0]

        assert one("SELECT count(*) FROM comments_comment") == 3000
        # Every comment has its decisions, and its kept latest one agrees.
        undecided = one(
            "SELECT count(*) FROM comments_comment c WHERE NOT EXISTS"
            " (SELECT 1 FROM comments_decision d WHERE d.comment_id = c.id)"
        )
        assert undecided == 0
        assert one("SELECT count(*) FROM comments_comment WHERE decided_at IS NULL") == 0
        assert one("SELECT count(*) FROM comments_comment WHERE status = 'pending'") >= 30
        # The breaking-news thread is the first article.
        assert one("SELECT count(*) FROM comments_comment WHERE article_id = 1") == 400
        # Readers may see every article (none waits for an editor).
        assert one("SELECT count(*) FROM articles_article WHERE held") == 0
        # The sequences follow the copied ids: the next comment can be stored.
        assert one("SELECT nextval(pg_get_serial_sequence('comments_comment', 'id'))") == 3001
        # The dashboard's roll-up: every past day since the first comment, current.
        assert one("SELECT count(*) FROM moderators_dashboardday") >= 700
        stale = "SELECT count(*) FROM moderators_dashboardday WHERE rolled_version <> version"
        assert one(stale + " OR rolled_version IS NULL") == 0


def test_fill_names_a_required_column_it_does_not_write(empty_database):
    """The next migration that adds one fails here with its name, not mid-COPY."""
    import psycopg

    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        import fill
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))
    fill.ensure_database(empty_database)
    with psycopg.connect(empty_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE articles_article (id bigint, held boolean NOT NULL)")
        conn.execute("CREATE TABLE comments_comment (id bigint, shiny text NOT NULL)")
        with pytest.raises(SystemExit, match=r"comments_comment\.shiny"):
            fill.check_columns(conn)
