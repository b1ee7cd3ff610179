"""Database triggers that keep the record honest, on SQLite and PostgreSQL.

``Comment.save()`` refuses to change a comment's text, but ``QuerySet.update``,
raw SQL and other programs bypass it, so the database itself refuses too:

- ``comments_comment``: an UPDATE may change ``status`` only.
- ``comments_decision``: no UPDATE, no DELETE (the log is append-only).

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

import threading

IMMUTABLE_COMMENT_COLUMNS = (
    "id",
    "article_id",
    "parent_id",
    "author_name",
    "author_email",
    "text",
    "language",
    "content_hash",
    "created_at",
)

COMMENT_MESSAGE = "comments are never edited: only their status may change"
DECISION_MESSAGE = "decisions are append-only: they are never updated or deleted"

_state = threading.local()


def _changed(old: str, new: str, distinct: str) -> str:
    return " OR ".join(f"{new}.{col} {distinct} {old}.{col}" for col in IMMUTABLE_COMMENT_COLUMNS)


SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS comments_comment_immutable
    BEFORE UPDATE ON comments_comment FOR EACH ROW
    WHEN {_changed("OLD", "NEW", "IS NOT")}
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
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS comments_comment_immutable",
    "DROP TRIGGER IF EXISTS comments_decision_no_update",
    "DROP TRIGGER IF EXISTS comments_decision_no_delete",
]

# ERRCODE 23000 (integrity_constraint_violation) surfaces as IntegrityError,
# the same class SQLite's RAISE(ABORT) gives, so callers handle one thing.
POSTGRES_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION civility_comment_immutable() RETURNS trigger AS $$
    BEGIN
        IF {_changed("OLD", "NEW", "IS DISTINCT FROM")} THEN
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
]

POSTGRES_DROP = [
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


def on_connection_created(sender, connection, **kwargs) -> None:
    """Give every SQLite connection ``civility_flushing()`` and a flush that sets it."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("civility_flushing", 0, _flushing)
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
