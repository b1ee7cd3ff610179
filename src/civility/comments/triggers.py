"""Database triggers that keep the record honest, on SQLite and PostgreSQL.

``Comment.save()`` refuses to change a comment's text, but ``QuerySet.update``,
raw SQL and other programs bypass it, so the database itself refuses too:

- ``comments_comment``: an UPDATE may change ``status``; besides, the privacy
  actions (``civility/privacy.py``) may erase personal data and nothing else:
  ``ip_hash`` may become NULL, and name, e-mail and content hash may become
  the erasure placeholders, all at once and only together with ``erased_at``
  going from NULL to a time (docs/privacy.md). Text never changes.
- Neither table takes an INSERT that reuses an existing id: on SQLite,
  ``INSERT OR REPLACE`` deletes the old row without firing DELETE triggers,
  and rewrote a decision or a comment's text (found by the attack pass of
  issue 12; PostgreSQL's ``ON CONFLICT DO UPDATE`` fires the UPDATE triggers).
- ``comments_comment``: no DELETE. A comment is never removed: erasure keeps
  the row and blanks its personal fields (above), so the decisions that
  name it are never orphaned (issue 12, item 8).
- ``comments_decision``: no UPDATE, no DELETE (the log is append-only), and
  no INSERT whose ``created_at`` is not the time of the insert, within
  ``INSERT_TIME_TOLERANCE_SECONDS``: a decision cannot be back-dated into
  the record (issue 12, item 8). The tolerance covers a bulk decision, which
  reads the clock once for all its rows, and an app server's clock a little
  off the database's.

**Back-dating on purpose.** Tests pass the time in (the actions take
``now``), and a bulk import of a site's history (bench/fill.py) writes old
decisions. ``backdating()`` allows it for what runs inside it: on SQLite
through the SQL function ``civility_backdating()``, registered as
``civility_flushing()`` is; on PostgreSQL through the setting
``civility.backdating = 'on'`` (``SET LOCAL`` in the transaction; the tests
set it for their connections). Anyone who can run SQL can say so too: the
trigger keeps the record honest against mistakes and casual tampering, not
against the database's owner, who can drop triggers anyway.

A whole-database wipe (Django's ``flush``, used by ``manage flush`` and by
transactional tests) stays possible on both databases, and that is deliberate:
on PostgreSQL it runs TRUNCATE, which row triggers do not see; on SQLite it
runs DELETE, so the delete trigger asks the SQL function ``civility_flushing()``,
which this module registers on every Django connection and which answers 1
only while Django's flush runs. A program without that function (the sqlite3
shell) cannot delete decisions at all.

Careful with future migrations: on SQLite, Django alters a table by rebuilding
it, which drops its triggers. A migration that alters these tables must run
``create_sql`` again (the trigger tests catch a forgotten one).
"""

from __future__ import annotations

import contextlib
import threading

IMMUTABLE_COMMENT_COLUMNS = (
    "id",
    "article_id",
    "parent_id",
    "text",
    "language",
    "created_at",
)
# Personal data: changed only by an erasure, to these placeholder values.
ERASABLE_COMMENT_COLUMNS = ("author_name", "author_email", "content_hash", "erased_at")
ERASED_NAME = "[erased]"
ERASED_EMAIL = ""
ERASED_CONTENT_HASH = ""

COMMENT_MESSAGE = "comments are never edited: only their status may change"
COMMENT_DELETE_MESSAGE = "comments are never deleted: erasure blanks their personal data"
DECISION_MESSAGE = "decisions are append-only: they are never updated or deleted"
DECISION_TIME_MESSAGE = "a decision is recorded when it is made: its time must be the insert time"
INSERT_TIME_TOLERANCE_SECONDS = 120

_state = threading.local()
# Process-wide, not per thread: a test's live server answers from its own threads.
_backdating = {"allowed": False}


def _changed(old: str, new: str, distinct: str, columns=IMMUTABLE_COMMENT_COLUMNS) -> str:
    return " OR ".join(f"{new}.{col} {distinct} {old}.{col}" for col in columns)


def _forbidden_comment_update(distinct: str) -> str:
    """SQL that is true when an UPDATE of comments_comment must be refused."""
    erasing = (
        f"OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL"
        f" AND NEW.author_name = '{ERASED_NAME}' AND NEW.author_email = '{ERASED_EMAIL}'"
        f" AND NEW.content_hash = '{ERASED_CONTENT_HASH}' AND NEW.ip_hash IS NULL"
    )
    return (
        f"({_changed('OLD', 'NEW', distinct)})"
        f" OR (({_changed('OLD', 'NEW', distinct, ERASABLE_COMMENT_COLUMNS)}) AND NOT ({erasing}))"
        f" OR (NEW.ip_hash {distinct} OLD.ip_hash AND NEW.ip_hash IS NOT NULL)"
    )


SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_comment_immutable
    BEFORE UPDATE ON comments_comment FOR EACH ROW
    WHEN {_forbidden_comment_update("IS NOT")}
    BEGIN SELECT RAISE(ABORT, '{COMMENT_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_decision_no_update
    BEFORE UPDATE ON comments_decision FOR EACH ROW
    BEGIN SELECT RAISE(ABORT, '{DECISION_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_decision_no_delete
    BEFORE DELETE ON comments_decision FOR EACH ROW
    WHEN NOT civility_flushing()
    BEGIN SELECT RAISE(ABORT, '{DECISION_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_comment_no_delete
    BEFORE DELETE ON comments_comment FOR EACH ROW
    WHEN NOT civility_flushing()
    BEGIN SELECT RAISE(ABORT, '{COMMENT_DELETE_MESSAGE}'); END
    """,
    # INSERT OR REPLACE deletes the row it conflicts with without firing the
    # DELETE triggers (recursive_triggers is off by default), and so rewrote a
    # decision or a comment's text in place: a new row may not reuse an id.
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_comment_no_replace
    BEFORE INSERT ON comments_comment FOR EACH ROW
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM comments_comment WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, '{COMMENT_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_decision_no_replace
    BEFORE INSERT ON comments_decision FOR EACH ROW
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM comments_decision WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, '{DECISION_MESSAGE}'); END
    """,
    # julianday() reads Django's "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) and an
    # offset; what it cannot read is NULL, and refused as well.
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_decision_insert_time
    BEFORE INSERT ON comments_decision FOR EACH ROW
    WHEN NOT civility_backdating() AND (
        julianday(NEW.created_at) IS NULL
        OR abs(julianday(NEW.created_at) - julianday('now')) * 86400.0
           > {INSERT_TIME_TOLERANCE_SECONDS}
    )
    BEGIN SELECT RAISE(ABORT, '{DECISION_TIME_MESSAGE}'); END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS comments_comment_immutable",
    "DROP TRIGGER IF EXISTS comments_decision_no_update",
    "DROP TRIGGER IF EXISTS comments_decision_no_delete",
    "DROP TRIGGER IF EXISTS comments_comment_no_delete",
    "DROP TRIGGER IF EXISTS comments_decision_insert_time",
    "DROP TRIGGER IF EXISTS comments_comment_no_replace",
    "DROP TRIGGER IF EXISTS comments_decision_no_replace",
]

# ERRCODE 23000 (integrity_constraint_violation) surfaces as IntegrityError,
# the same class SQLite's RAISE(ABORT) gives, so callers handle one thing.
POSTGRES_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION civility_comment_immutable() RETURNS trigger AS $$
    BEGIN
        IF {_forbidden_comment_update("IS DISTINCT FROM")} THEN
            RAISE EXCEPTION '{COMMENT_MESSAGE}' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_comment_immutable
    BEFORE UPDATE ON comments_comment FOR EACH ROW
    EXECUTE FUNCTION civility_comment_immutable()
    """,
    f"""
    CREATE OR REPLACE FUNCTION civility_decision_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{DECISION_MESSAGE}' USING ERRCODE = '23000';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_decision_append_only
    BEFORE UPDATE OR DELETE ON comments_decision FOR EACH ROW
    EXECUTE FUNCTION civility_decision_append_only()
    """,
    f"""
    CREATE OR REPLACE FUNCTION civility_comment_no_delete() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{COMMENT_DELETE_MESSAGE}' USING ERRCODE = '23000';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_comment_no_delete
    BEFORE DELETE ON comments_comment FOR EACH ROW
    EXECUTE FUNCTION civility_comment_no_delete()
    """,
    # clock_timestamp(), not now(): now() is the transaction's start.
    f"""
    CREATE OR REPLACE FUNCTION civility_decision_insert_time() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('civility.backdating', true), '') <> 'on' AND (
            NEW.created_at IS NULL
            OR abs(extract(epoch FROM NEW.created_at - clock_timestamp()))
               > {INSERT_TIME_TOLERANCE_SECONDS}
        ) THEN
            RAISE EXCEPTION '{DECISION_TIME_MESSAGE}' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_decision_insert_time
    BEFORE INSERT ON comments_decision FOR EACH ROW
    EXECUTE FUNCTION civility_decision_insert_time()
    """,
]

POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS comments_decision_insert_time ON comments_decision",
    "DROP FUNCTION IF EXISTS civility_decision_insert_time()",
    "DROP TRIGGER IF EXISTS comments_comment_no_delete ON comments_comment",
    "DROP FUNCTION IF EXISTS civility_comment_no_delete()",
    "DROP TRIGGER IF EXISTS comments_decision_append_only ON comments_decision",
    "DROP FUNCTION IF EXISTS civility_decision_append_only()",
    "DROP TRIGGER IF EXISTS comments_comment_immutable ON comments_comment",
    "DROP FUNCTION IF EXISTS civility_comment_immutable()",
]


def create_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])


def drop_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])


def create(apps, schema_editor) -> None:
    """Migration step: install the triggers for this database's vendor."""
    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def _flushing() -> int:
    return 1 if getattr(_state, "flushing", False) else 0


def _backdating_allowed() -> int:
    return 1 if _backdating["allowed"] else 0


def allow_backdating(allowed: bool) -> bool:
    """Allow (or refuse again) old decision times on SQLite; returns the previous value.

    For the tests' whole session (tests/conftest.py). PostgreSQL reads its own
    setting, ``civility.backdating``, per connection or transaction.
    """
    previous, _backdating["allowed"] = _backdating["allowed"], allowed
    return previous


@contextlib.contextmanager
def backdating(connection=None):
    """Inside: decisions may carry times other than now (an import of history).

    Call inside a transaction: on PostgreSQL the setting is ``SET LOCAL``.
    """
    from django.db import connection as default_connection

    connection = connection or default_connection
    previous = allow_backdating(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL civility.backdating = 'on'")
        yield
    finally:
        allow_backdating(previous)
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL civility.backdating = 'off'")


def on_connection_created(sender, connection, **kwargs) -> None:
    """Give every SQLite connection ``civility_flushing()`` and a flush that sets it."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("civility_flushing", 0, _flushing)
    connection.connection.create_function("civility_backdating", 0, _backdating_allowed)
    ops = connection.ops
    if getattr(ops, "_civility_flush_wrapped", False):
        return
    execute_sql_flush = ops.execute_sql_flush

    def flush_allowing_decisions(sql_list):
        _state.flushing = True
        try:
            return execute_sql_flush(sql_list)
        finally:
            _state.flushing = False

    ops.execute_sql_flush = flush_allowing_decisions
    ops._civility_flush_wrapped = True


def recreate(apps, schema_editor) -> None:
    """Migration step: replace the triggers with this module's current SQL."""
    drop(apps, schema_editor)
    create(apps, schema_editor)
