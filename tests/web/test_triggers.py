"""The database itself refuses to edit a comment or touch a decision.

These run on SQLite and again on PostgreSQL (``-m postgres`` with
CIVILITY_DATABASE_URL set), because each vendor has its own trigger SQL.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import ImmutableRecord

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_of_comment_text_fails(post):
    comment = post().comment
    with pytest.raises(IntegrityError, match="never edited"):
        _raw("UPDATE comments_comment SET text = %s WHERE id = %s", ["edited", comment.pk])
    comment.refresh_from_db()
    assert comment.text == "A fair point about the ceasefire."


@pytest.mark.parametrize(
    "column, value",
    [
        ("author_name", "Someone else"),
        ("author_email", "other@example.org"),
        ("created_at", "2001-01-01 00:00:00+00:00"),
        ("content_hash", "x"),
    ],
)
def test_raw_sql_update_of_other_immutable_columns_fails(post, column, value):
    comment = post().comment
    with pytest.raises(IntegrityError):
        _raw(f"UPDATE comments_comment SET {column} = %s WHERE id = %s", [value, comment.pk])


def test_queryset_update_of_text_fails(post):
    comment = post().comment
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(text="edited")


def test_status_may_change_in_the_database(post):
    comment = post().comment
    _raw(
        "UPDATE comments_comment SET status = %s WHERE id = %s",
        [CommentStatus.REJECTED.value, comment.pk],
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED


def test_save_refuses_to_change_text(post):
    comment = Comment.objects.get(pk=post().comment.pk)
    comment.text = "edited"
    with pytest.raises(ImmutableRecord) as caught:
        comment.save()
    assert caught.value.field == "text"


def test_decision_rows_cannot_be_updated(post):
    decision = post().decision
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("UPDATE comments_decision SET note = 'changed' WHERE id = %s", [decision.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRecord.objects.filter(pk=decision.pk).update(status=CommentStatus.REJECTED)


def test_decision_rows_cannot_be_deleted(post):
    decision = post().decision
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM comments_decision WHERE id = %s", [decision.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRecord.objects.filter(pk=decision.pk).delete()
    assert DecisionRecord.objects.filter(pk=decision.pk).exists()


def test_decision_model_refuses_save_and_delete(post):
    decision = DecisionRecord.objects.get(pk=post().decision.pk)
    decision.note = "changed"
    with pytest.raises(ImmutableRecord):
        decision.save()
    with pytest.raises(ImmutableRecord):
        decision.delete()


@pytest.mark.django_db(transaction=True)
def test_a_whole_database_flush_still_works(post):
    """Django's flush (transactional tests, `manage flush`) may wipe everything."""
    post()
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert not DecisionRecord.objects.exists()
    assert not Comment.objects.exists()
