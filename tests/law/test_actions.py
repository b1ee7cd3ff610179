"""Notices, appeals and statements of reasons through the action functions (docs/law.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone

from civility.commenters.actions import impose_sanction
from civility.comments import actions as comment_actions
from civility.comments.models import CommentStatus, DecisionRecord
from civility.errors import ImmutableRecord, PermissionDenied, ValidationFailed
from civility.law import actions, statements
from civility.law.models import AppealStatus, Legality, NoticeEvent, NoticeStatus

# The records and their counts, on SQLite and again on PostgreSQL (./run test).
pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _law_on(settings):
    settings.CIVILITY_DSA = True
    settings.CIVILITY_APPEAL_DAYS = 183
    settings.CIVILITY_SITE_URL = "https://comments.example.org"


@pytest.fixture
def second_moderator(moderator):
    user = User.objects.create_user("mod2", email="mod2@example.org", password="x-long-password-2")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


def _notice(comment, **fields):
    values = {
        "law": "Incitement to violence (Criminal Code)",
        "explanation": "It calls for violence against a named reporter.",
        "good_faith": True,
        "contact_email": "notifier@example.org",
        **fields,
    }
    return actions.file_notice(comment, **values)


def test_a_notice_needs_the_law_an_explanation_good_faith_and_an_address(post):
    comment = post().comment
    for missing, code in (
        ({"law": ""}, "required"),
        ({"explanation": " "}, "required"),
        ({"good_faith": False}, "good_faith_required"),
        ({"contact_email": "nobody"}, "invalid_email"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            _notice(comment, **missing)
        assert caught.value.code == code


def test_a_notice_is_confirmed_decided_and_the_confirmed_notifier_told(
    post, moderator, django_capture_on_commit_callbacks
):
    comment = post().comment
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notice(comment)
    assert notice.status == NoticeStatus.OPEN
    assert "Confirm your notice" in mail.outbox[-1].subject
    token = actions.confirm_token(notice)
    assert token in mail.outbox[-1].body or "/notices/confirm/" in mail.outbox[-1].body
    actions.confirm_contact(token)
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_notice(
            notice,
            actor=moderator,
            legality=Legality.ILLEGAL,
            legal_ground="Criminal Code § 111",
            explanation="A call to attack a named person.",
            clause_id="threats",
        )
    assert decided.status == NoticeStatus.DECIDED and decided.legality == Legality.ILLEGAL
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    kinds = list(NoticeEvent.objects.filter(notice=notice).values_list("kind", flat=True))
    assert kinds == ["received", "confirmed", "decided", "notified"]
    told = mail.outbox[-1]
    assert told.to == ["notifier@example.org"]
    assert "Criminal Code § 111" in told.body and "removed" in told.body
    # The author's statement names the legal ground the moderator recorded.
    (statement,) = statements.statements_for(comment)
    assert statement.legal_ground == "Criminal Code § 111"
    assert not statement.automated and statement.from_notice


def test_an_unconfirmed_notifier_is_told_nothing_until_they_confirm(
    post, moderator, django_capture_on_commit_callbacks
):
    notice = _notice(post().comment)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_notice(
            notice, actor=moderator, legality="not_illegal", explanation="Harsh, but lawful."
        )
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm_contact(actions.confirm_token(notice))
    assert "stays published" in mail.outbox[-1].body


def test_illegal_needs_a_legal_ground_and_a_notice_is_decided_once(post, moderator):
    notice = _notice(post().comment)
    with pytest.raises(ValidationFailed) as caught:
        actions.decide_notice(notice, actor=moderator, legality="illegal", explanation="x")
    assert caught.value.field == "legal_ground"
    actions.decide_notice(notice, actor=moderator, legality="not_illegal", explanation="Lawful.")
    with pytest.raises(ValidationFailed):
        actions.decide_notice(notice, actor=moderator, legality="not_illegal", explanation="x")
    with pytest.raises(ImmutableRecord):
        NoticeEvent.objects.first().save()


def test_the_engines_rejection_states_its_facts_automated_and_how_to_appeal(post):
    comment = post("You idiot, nobody asked you.", decision="reject").comment
    (statement,) = statements.statements_for(comment)
    assert statement.kind == "rejection" and statement.automated
    assert statement.clause_id == "personal_attacks"
    assert statement.facts == ["“You i” (personal_attacks)"]  # the pinned engine's span
    assert statement.can_appeal
    assert statement.appeal_until.date() == (statement.decided_at + timedelta(days=183)).date()


def test_an_appeal_goes_to_another_moderator_and_its_outcome_is_a_new_decision(
    post, moderator, second_moderator, django_capture_on_commit_callbacks
):
    comment = post("A fair but angry point.", decision="review").comment
    rejection = comment_actions.decide(
        comment, status="rejected", actor=moderator, clause_id="personal_attacks"
    )
    appeal = actions.file_appeal(comment, text="I criticised his policy, not him.")
    assert appeal.assigned_to == second_moderator
    with pytest.raises(ValidationFailed) as caught:
        actions.file_appeal(comment, text="Again.")
    assert caught.value.code == "appeal_exists"
    with pytest.raises(PermissionDenied):
        actions.decide_appeal(appeal, actor=moderator, reverse=True, reason="Mine.")
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_appeal(
            appeal, actor=second_moderator, reverse=True, reason="It criticises a policy."
        )
    assert decided.status == AppealStatus.REVERSED
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    outcome = DecisionRecord.objects.get(pk=decided.outcome_id)
    assert outcome.reverses_id == rejection.pk and outcome.actor == second_moderator
    # Never an edit: the rejection is still in the log as it was.
    assert DecisionRecord.objects.get(pk=rejection.pk).status == CommentStatus.REJECTED
    assert "upheld" in mail.outbox[-1].body and "It criticises a policy." in mail.outbox[-1].body


def test_a_confirmation_is_a_new_rejection_and_the_one_moderator_may_hear_it(post, moderator):
    comment = post(decision="review").comment
    comment_actions.decide(
        comment, status="rejected", actor=moderator, clause_id="personal_attacks"
    )
    appeal = actions.file_appeal(comment, text="Please look again.")
    assert appeal.assigned_to == moderator  # the site's only moderator
    decided = actions.decide_appeal(
        appeal, actor=moderator, reverse=False, reason="Still an insult."
    )
    assert decided.status == AppealStatus.CONFIRMED
    assert decided.outcome.status == CommentStatus.REJECTED
    assert decided.outcome.clause_id == "personal_attacks"
    assert comment.decisions.count() == 3


def test_an_appeal_is_refused_after_the_window_and_for_a_published_comment(post, settings):
    published = post().comment
    with pytest.raises(ValidationFailed) as caught:
        actions.file_appeal(published, text="Why?")
    assert caught.value.code == "not_appealable"
    rejected = post("Another one.", decision="reject").comment
    settings.CIVILITY_APPEAL_DAYS = 1
    with pytest.raises(ValidationFailed) as caught:
        actions.file_appeal(rejected, text="Late.", now=timezone.now() + timedelta(days=2))
    assert caught.value.code == "appeal_expired"


def test_a_sanction_has_its_statement_and_a_reversed_appeal_lifts_it(
    post, moderator, second_moderator, django_capture_on_commit_callbacks
):
    comment = post(decision="reject").comment
    with django_capture_on_commit_callbacks(execute=True):
        sanction = impose_sanction(
            comment, kind="suspend", days=7, actor=moderator, reason="Insults."
        )
    told = mail.outbox[-1]
    assert told.to == ["shilan@example.org"] and "Reason: Insults." in told.body
    assert "/comments/statement/" in told.body
    statements_ = statements.statements_for(comment)
    assert [s.kind for s in statements_] == ["rejection", "sanction"]
    assert statements_[1].facts == ["Insults."] and not statements_[1].automated
    appeal = actions.file_appeal(comment, text="It was one comment.", sanction=sanction)
    actions.decide_appeal(appeal, actor=second_moderator, reverse=True, reason="Too harsh.")
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None and sanction.lifted_by == second_moderator


def test_the_outcome_email_carries_the_statement(post, moderator, settings):
    from civility.comments.notifications import compose

    comment = post(decision="review").comment
    record = comment_actions.decide(
        comment, status="rejected", actor=moderator, clause_id="personal_attacks"
    )
    _, body = compose(comment, record)
    assert "Statement of reasons:" in body and "a person (a moderator)" in body
    assert "/statement/" in body
    settings.CIVILITY_DSA = False
    _, body = compose(comment, record)
    assert "Statement of reasons:" not in body


def test_the_laws_mail_are_tasks_queued_with_their_decision(
    post, moderator, second_moderator, database_tasks
):
    """On the database backend: nothing is mailed by a decision that rolls back;
    the worker sends what committed."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    comment = post(decision="review").comment
    comment_actions.decide(
        comment, status="rejected", actor=moderator, clause_id="personal_attacks"
    )
    appeal = actions.file_appeal(comment, text="Please look again.")
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.decide_appeal(appeal, actor=second_moderator, reverse=True, reason="Fair.")
        raise RuntimeError("the request failed after deciding")
    assert not DBTaskResult.objects.filter(task_path__startswith="civility.law.").exists()
    actions.decide_appeal(appeal, actor=second_moderator, reverse=False, reason="An insult.")
    assert (
        DBTaskResult.objects.filter(task_path="civility.law.mail.send_appeal_outcome").count() == 1
    )
    database_tasks()
    assert "An insult." in mail.outbox[-1].body
