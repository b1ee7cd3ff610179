"""`civility backup` while comments are being posted, then `civility restore`.

The copy must be one instant's database: every comment in it has its
decision (they are written in one transaction), every comment acknowledged
before the copy started is in it, and after restoring, the site runs on it
again (the triggers are back, new comments get fresh ids).

Runs on SQLite in the default phase and on PostgreSQL (pg_dump) in the
postgres phase.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from livesite import SLUG, request

from civility.backup import BackupError, Database, restore

pytestmark = pytest.mark.postgres

COMMENTS = """
    SELECT c.id, c.text, (SELECT COUNT(*) FROM comments_decision d WHERE d.comment_id = c.id)
    FROM comments_comment c ORDER BY c.id
"""


def _post(port: int, text: str) -> int:
    body = {"author_name": "Reader", "author_email": "reader@example.org", "text": text}
    status, data = request(port, "POST", f"/api/articles/{SLUG}/comments", body, timeout=30)
    assert 200 <= status < 300, (status, data)
    return data["id"]


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for comments to be posted"
        time.sleep(0.05)


def test_backup_while_posting_then_restore(live_db, server, tmp_path):
    server.start()
    acknowledged: dict[str, int] = {}
    stop = threading.Event()

    def poster():
        number = 0
        while not stop.is_set():
            text = f"Backup test comment {number} about the talks in Geneva."
            acknowledged[text] = _post(server.port, text)
            number += 1

    thread = threading.Thread(target=poster, daemon=True)
    thread.start()
    _wait_for(lambda: len(acknowledged) >= 3)
    before_copy = dict(acknowledged)
    copy = tmp_path / "site.backup"
    live_db.civility("backup", str(copy))
    after_copy = len(acknowledged)
    _wait_for(lambda: len(acknowledged) >= after_copy + 3)
    stop.set()
    thread.join(timeout=60)
    assert before_copy, "nothing was posted before the copy"

    final = live_db.query(COMMENTS)
    assert len(final) == len(acknowledged)

    done = live_db.civility("restore", str(copy), "--yes")
    assert "Restored" in done.stdout and "migration" not in done.stdout
    restored = live_db.query(COMMENTS)
    restored_texts = {text: cid for cid, text, _ in restored}
    # One instant's database: whole comments with their decisions, nothing torn.
    assert all(decisions >= 1 for _, _, decisions in restored)
    assert set(before_copy.items()) <= set(restored_texts.items())
    assert set(restored_texts.items()) <= set(acknowledged.items())
    assert len(restored) < len(final), "the copy should predate the last comments"

    # The restored database still refuses edits, and the site runs on it.
    with pytest.raises(Exception, match="never edited"):
        live_db.query("UPDATE comments_comment SET text = 'edited' WHERE id = ?", (restored[0][0],))
    server.stop()
    server.start()
    new_id = _post(server.port, "A comment after the restore.")
    assert new_id not in {cid for cid, _, _ in restored}


def test_restore_refuses_what_is_not_a_backup(tmp_path, live_db):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a database at all")
    with pytest.raises(BackupError, match="not a Civility backup"):
        restore(junk, live_db.database)
    other = (
        Database("postgresql", "nowhere")
        if live_db.database.vendor == "sqlite"
        else Database("sqlite", str(tmp_path / "x.sqlite3"))
    )
    live_db.civility("backup", str(tmp_path / "good.backup"))
    with pytest.raises(BackupError, match="restore it into a database of the same kind"):
        restore(tmp_path / "good.backup", other)
    done = subprocess.run(
        [sys.executable, "-m", "civility", "restore", str(junk), "--yes"],
        env=live_db.env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "not a Civility backup" in done.stderr
