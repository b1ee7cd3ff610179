"""The desk's writes: only rejecting clauses, decisions in bulk, undo as a reversal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from civility.comments import actions
from civility.comments.models import CommentStatus, DecisionRecord
from civility.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.postgres


def test_no_door_may_reject_under_a_clause_the_guidelines_welcome(post, moderator):
    comment = post("Rudaw got this wrong.", decision="review").comment
    for welcome in ("criticism", "relevance"):
        with pytest.raises(ValidationFailed) as refused:
            actions.decide(comment, status="rejected", clause_id=welcome, actor=moderator)
        assert refused.value.code == "clause_not_prohibited"
    assert comment.decisions.count() == 1


def test_a_bulk_decision_is_all_or_none(post, moderator):
    first = post("One.", decision="review").comment
    second = post("Two.", decision="review", author_email="two@example.org").comment
    records = actions.decide_many(
        [first, second], status="rejected", clause_id="promotion", actor=moderator
    )
    assert [r.clause_id for r in records] == ["promotion", "promotion"]
    third = post("Three.", decision="review", author_email="three@example.org").comment
    with pytest.raises(NotFound):
        actions.decide_many([third, 10**9], status="approved", actor=moderator)
    third.refresh_from_db()
    assert third.status == CommentStatus.PENDING and third.decisions.count() == 1


def test_undo_records_a_reversal_naming_the_decision_it_takes_back(post, moderator):
    comment = post("Held.", decision="review").comment
    system = comment.latest_decision
    now = timezone.now()
    rejected = actions.decide(
        comment, status="rejected", clause_id="vulgarity", actor=moderator, now=now
    )
    (undone,) = actions.undo_decisions(
        [rejected], actor=moderator, now=now + dt.timedelta(seconds=9)
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert undone.reverses == rejected and undone.actor == moderator
    assert (undone.status, undone.clause_id) == (system.status, system.clause_id)
    assert undone.note == f"undo of decision {rejected.pk}"
    # Three rows, none changed: the log shows the decision and its reversal.
    assert list(comment.decisions.values_list("status", flat=True)) == [
        "pending",
        "rejected",
        "pending",
    ]
    assert DecisionRecord.objects.get(pk=rejected.pk).status == "rejected"


def test_undo_only_in_time_only_ones_own_only_the_latest(post, moderator, db):
    from django.contrib.auth.models import Group, User

    comment = post("Held.", decision="review").comment
    now = timezone.now()
    approved = actions.decide(comment, status="approved", actor=moderator, now=now)
    other = User.objects.create_user("other")
    other.groups.add(Group.objects.get(name="moderators"))
    with pytest.raises(NotFound):
        actions.undo_decisions([approved], actor=other, now=now)
    late = now + dt.timedelta(seconds=actions.UNDO_SECONDS + actions.UNDO_GRACE_SECONDS + 1)
    with pytest.raises(ValidationFailed) as expired:
        actions.undo_decisions([approved], actor=moderator, now=late)
    assert expired.value.code == "undo_expired"
    actions.decide(comment, status="rejected", clause_id="abuse", actor=other, now=now)
    with pytest.raises(ValidationFailed) as superseded:
        actions.undo_decisions([approved], actor=moderator, now=now)
    assert superseded.value.code == "undo_superseded"
