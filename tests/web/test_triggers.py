"""The database itself refuses to edit a comment or touch a decision.

These run on SQLite and again on PostgreSQL (``-m postgres`` with
CIVILITY_DATABASE_URL set), because each vendor has its own trigger SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from civility.comments import actions
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import ImmutableRecord, ValidationFailed

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


# --- issue 12, item 8: the attacks as the issue wrote them ------------------------


@contextlib.contextmanager
def strict_clock():
    """The production database: no back-dating (tests/conftest.py allows it)."""
    from civility.comments import triggers

    previous = triggers.allow_backdating(False)
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL civility.backdating = 'off'")
            yield
    finally:
        triggers.allow_backdating(previous)


def test_raw_sql_delete_of_comments_fails_and_leaves_no_orphan_decision(post):
    comment = post().comment
    with pytest.raises(IntegrityError, match="never deleted"):
        _raw("DELETE FROM comments_comment")
    with pytest.raises(IntegrityError, match="never deleted"):
        _raw("DELETE FROM comments_comment WHERE id = %s", [comment.pk])
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert DecisionRecord.objects.filter(comment_id=comment.pk).count() == 1


INSERT_DECISION = (
    "INSERT INTO comments_decision (comment_id, status, clause_id, guideline, category,"
    " scores, evidence, suggested, engine_version, note, created_at)"
    " VALUES (%s, 'approved', '', '', '', '{}', '[]', '', '', 'by hand', %s)"
)


@pytest.mark.parametrize(
    "when",
    [
        dt.timedelta(days=-30),
        dt.timedelta(hours=-1),
        dt.timedelta(minutes=-5),
        dt.timedelta(days=2),
    ],
)
def test_a_decision_with_a_back_dated_time_is_refused(post, moderator, when):
    comment = post(decision="review").comment
    stamp = timezone.now() + when
    with pytest.raises(IntegrityError, match="insert time"), strict_clock():
        _raw(INSERT_DECISION, [comment.pk, stamp])
    with pytest.raises(IntegrityError, match="insert time"), strict_clock():
        actions.decide(comment, status="approved", actor=moderator, now=stamp)
    assert DecisionRecord.objects.filter(comment_id=comment.pk).count() == 1
    # Now is now: the same insert at the time of the insert is a decision.
    with strict_clock():
        _raw(INSERT_DECISION, [comment.pk, timezone.now()])
        actions.decide(comment, status="approved", actor=moderator)
    assert DecisionRecord.objects.filter(comment_id=comment.pk).count() == 3


@pytest.mark.parametrize("status", ["approved", "pending", "rejected"])
def test_a_decision_cites_only_a_clause_of_the_policy_in_force(post, moderator, status):
    comment = post(decision="review").comment
    with pytest.raises(ValidationFailed) as refused:
        actions.decide(comment, status=status, actor=moderator, clause_id="anything-at-all")
    assert (refused.value.code, refused.value.field) == ("unknown_clause", "clause_id")
    with pytest.raises(ValidationFailed):
        actions.decide_many([comment], status=status, actor=moderator, clause_id="<script>")
    assert DecisionRecord.objects.filter(comment_id=comment.pk).count() == 1
    approved = actions.decide(comment, status="approved", actor=moderator, clause_id="criticism")
    assert approved.clause_id == "criticism"
