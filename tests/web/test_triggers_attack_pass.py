"""Attacks on the triggers written after the fact (docs/security.md, "attacks tried").

SQLite's INSERT OR REPLACE deletes the conflicting row without firing its
DELETE triggers (unless recursive_triggers is on), so it could rewrite a
decision or a comment's text in place; PostgreSQL's INSERT ... ON CONFLICT
DO UPDATE fires the UPDATE triggers.
"""

from __future__ import annotations

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from civility.comments.models import Comment, DecisionRecord

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _replace(table: str) -> str:
    if connection.vendor == "sqlite":
        return f"INSERT OR REPLACE INTO {table}"
    return f"INSERT INTO {table}"


def _upsert_tail(columns: str) -> str:
    if connection.vendor == "sqlite":
        return ""
    updates = ", ".join(f"{c.strip()} = EXCLUDED.{c.strip()}" for c in columns.split(","))
    return f" ON CONFLICT (id) DO UPDATE SET {updates}"


def test_insert_or_replace_cannot_rewrite_a_decision(post):
    decision = post(decision="reject").decision
    columns = "id, comment_id, status, clause_id, guideline, category, scores, evidence,"
    columns += " suggested, engine_version, note, created_at"
    sql = (
        f"{_replace('comments_decision')} ({columns}) VALUES"
        " (%s, %s, 'approved', '', '', '', '{}', '[]', '', '', 'rewritten', %s)"
        + _upsert_tail(columns)
    )
    with pytest.raises(IntegrityError):
        _raw(sql, [decision.pk, decision.comment_id, timezone.now()])
    kept = DecisionRecord.objects.get(pk=decision.pk)
    assert (kept.status, kept.note) == (decision.status, decision.note)


def test_insert_or_replace_cannot_rewrite_a_comments_text(post):
    comment = Comment.objects.get(pk=post().comment.pk)
    columns = "id, article_id, author_name, author_email, text, language, created_at,"
    columns += " status, content_hash"
    sql = (
        f"{_replace('comments_comment')} ({columns}) VALUES"
        " (%s, %s, %s, %s, 'rewritten', %s, %s, %s, %s)" + _upsert_tail(columns)
    )
    params = [
        comment.pk,
        comment.article_id,
        comment.author_name,
        comment.author_email,
        comment.language,
        comment.created_at,
        comment.status,
        comment.content_hash,
    ]
    with pytest.raises(IntegrityError):
        _raw(sql, params)
    assert Comment.objects.get(pk=comment.pk).text == comment.text


def test_an_erasure_cannot_be_undone_or_redone_in_sql(post):
    from civility.privacy import commenters

    comment = post().comment
    commenters.erase_commenter("shilan@example.org")
    with pytest.raises(IntegrityError):  # "un-erase": the name back, erased_at cleared
        _raw(
            "UPDATE comments_comment SET erased_at = NULL, author_name = 'Shilan' WHERE id = %s",
            [comment.pk],
        )
    with pytest.raises(IntegrityError):  # erase again, with another time
        _raw(
            "UPDATE comments_comment SET erased_at = %s WHERE id = %s", [timezone.now(), comment.pk]
        )


def test_a_decision_time_the_database_cannot_read_is_refused(post):
    from civility.comments import triggers

    comment = post().comment
    previous = triggers.allow_backdating(False)
    try:
        # SQLite: the trigger (julianday is NULL); PostgreSQL: the column's type.
        with pytest.raises((IntegrityError, DataError)):
            _raw(
                "INSERT INTO comments_decision (comment_id, status, clause_id, guideline,"
                " category, scores, evidence, suggested, engine_version, note, created_at)"
                " VALUES (%s, 'approved', '', '', '', '{}', '[]', '', '', '', 'soon')",
                [comment.pk],
            )
    finally:
        triggers.allow_backdating(previous)
