"""Database triggers: comment text is never updated; decisions are append-only.

Why and how: ``civility.comments.triggers``. The SQL is frozen here as it was
when this migration was written, so that migrating a new database replays
history exactly; a later migration that changes the triggers replaces them
with ``triggers.recreate`` (or its own frozen SQL).
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER IF NOT EXISTS comments_comment_immutable
    BEFORE UPDATE ON comments_comment FOR EACH ROW
    WHEN NEW.id IS NOT OLD.id OR NEW.article_id IS NOT OLD.article_id OR NEW.parent_id IS NOT OLD.parent_id OR NEW.author_name IS NOT OLD.author_name OR NEW.author_email IS NOT OLD.author_email OR NEW.text IS NOT OLD.text OR NEW.language IS NOT OLD.language OR NEW.content_hash IS NOT OLD.content_hash OR NEW.created_at IS NOT OLD.created_at
    BEGIN SELECT RAISE(ABORT, 'comments are never edited: only their status may change'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS comments_decision_no_update
    BEFORE UPDATE ON comments_decision FOR EACH ROW
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: they are never updated or deleted'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS comments_decision_no_delete
    BEFORE DELETE ON comments_decision FOR EACH ROW
    WHEN NOT civility_flushing()
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: they are never updated or deleted'); END
    """,
]

SQLITE_DROP = [
    """
    DROP TRIGGER IF EXISTS comments_comment_immutable
    """,
    """
    DROP TRIGGER IF EXISTS comments_decision_no_update
    """,
    """
    DROP TRIGGER IF EXISTS comments_decision_no_delete
    """,
]

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION civility_comment_immutable() RETURNS trigger AS $$
    BEGIN
        IF NEW.id IS DISTINCT FROM OLD.id OR NEW.article_id IS DISTINCT FROM OLD.article_id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.author_name IS DISTINCT FROM OLD.author_name OR NEW.author_email IS DISTINCT FROM OLD.author_email OR NEW.text IS DISTINCT FROM OLD.text OR NEW.language IS DISTINCT FROM OLD.language OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
            RAISE EXCEPTION 'comments are never edited: only their status may change' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_comment_immutable
    BEFORE UPDATE ON comments_comment FOR EACH ROW
    EXECUTE FUNCTION civility_comment_immutable()
    """,
    """
    CREATE OR REPLACE FUNCTION civility_decision_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'decisions are append-only: they are never updated or deleted' USING ERRCODE = '23000';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comments_decision_append_only
    BEFORE UPDATE OR DELETE ON comments_decision FOR EACH ROW
    EXECUTE FUNCTION civility_decision_append_only()
    """,
]

POSTGRES_DROP = [
    """
    DROP TRIGGER IF EXISTS comments_decision_append_only ON comments_decision
    """,
    """
    DROP FUNCTION IF EXISTS civility_decision_append_only()
    """,
    """
    DROP TRIGGER IF EXISTS comments_comment_immutable ON comments_comment
    """,
    """
    DROP FUNCTION IF EXISTS civility_comment_immutable()
    """,
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
