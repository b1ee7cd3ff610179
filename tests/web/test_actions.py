"""The life of a comment through the action functions (the one write path)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from civility.comments import actions
from civility.comments.models import Comment, CommentQuerySet, CommentStatus, DecisionRecord
from civility.comments.signals import comment_decided, comment_posted
from civility.errors import ArticleClosed, NotFound, PermissionDenied, ValidationFailed
from civility.guidelines import site_policy
from civility.posting.service import post_comment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_posting_runs_the_engine_with_the_article_context(article, pinned_engine):
    engine = pinned_engine("approve")
    posted = post_comment(
        article=article,
        author_name="Shilan",
        author_email="shilan@example.org",
        text="  A fair point about the ceasefire.\r\n",
        engine=engine,
    )
    text, kwargs = engine.calls[0]
    assert text == "A fair point about the ceasefire."
    assert kwargs["article"].title == article.title
    assert kwargs["article"].body == article.body
    assert kwargs["lang"] == "en"
    assert posted.outcome == "published"
    assert posted.message == "Your comment is published."
    assert posted.comment.status == CommentStatus.APPROVED
    decision = DecisionRecord.objects.get(comment=posted.comment)
    assert decision.actor is None
    assert decision.suggested == "approve"
    assert decision.engine_version == "pinned-test-engine"
    assert decision.scores["violation"] == pytest.approx(0.02)


def test_a_rejection_records_the_clause_and_quotes_its_message(post):
    posted = post("You are an idiot.", decision="reject")
    assert posted.outcome == "rejected"
    assert posted.message == "Rejected: personal attacks are not allowed."
    assert posted.reasons == [
        {
            "clause_id": "personal_attacks",
            "guideline": "We will not tolerate the following: personal attacks.",
        }
    ]
    decision = posted.decision
    assert decision.status == CommentStatus.REJECTED
    assert decision.clause_id == "personal_attacks"
    assert decision.category == "personal_attack"
    assert decision.evidence[0]["evidence"] == [[0, 5]]


def test_review_holds_the_comment(post):
    posted = post("Borderline.", decision="review")
    assert posted.outcome == "held"
    assert posted.comment.status == CommentStatus.PENDING
    assert posted.message == "Your comment is held for a moderator."


def test_an_engine_failure_holds_the_comment_and_says_why(article, pinned_engine):
    posted = post_comment(
        article=article,
        author_name="Shilan",
        author_email="shilan@example.org",
        text="Anything at all.",
        engine=pinned_engine(raises=RuntimeError("model file missing")),
    )
    assert posted.outcome == "held"
    assert posted.verdict is None
    decision = posted.decision
    assert decision.status == CommentStatus.PENDING
    assert decision.suggested == "review"
    assert "RuntimeError: model file missing" in decision.note


def test_a_broken_engine_factory_setting_also_holds(post, article, settings):
    settings.CIVILITY_ENGINE_FACTORY = "civility.no_such_module.factory"
    posted = post_comment(
        article=article, author_name="A", author_email="a@example.org", text="Hello there."
    )
    assert posted.outcome == "held"
    assert "no_such_module" in posted.decision.note


@pytest.mark.parametrize(
    "fields, field, code",
    [
        ({"author_name": "  "}, "author_name", "required"),
        ({"author_name": "x" * 81}, "author_name", "too_long"),
        # The e-mail is optional unless the reader asks to be told the outcome.
        ({"author_email": "", "notify": True}, "author_email", "required"),
        ({"author_email": "not-an-email"}, "author_email", "invalid_email"),
        ({"text": "   "}, "text", "required"),
        ({"text": "x" * 2001}, "text", "too_long"),
        ({"text": "nul \x00 byte"}, "text", "text_control_chars"),
    ],
)
def test_invalid_input_names_the_field(post, fields, field, code):
    text = fields.pop("text", "Fine text.")
    with pytest.raises(ValidationFailed) as caught:
        post(text, **fields)
    assert (caught.value.field, caught.value.code, caught.value.status) == (field, code, 422)
    assert not Comment.objects.exists()


def test_the_length_limit_is_a_setting(post, settings):
    settings.CIVILITY_COMMENT_MAX_CHARS = 10
    with pytest.raises(ValidationFailed, match="10 characters"):
        post("eleven chars")
    assert post("ten chars!").outcome == "published"


def test_closed_and_unknown_articles_are_refused(post, article):
    with pytest.raises(NotFound):
        post(article="no-such-article")
    article.comments_open = False
    article.save()
    with pytest.raises(ArticleClosed) as caught:
        post()
    assert caught.value.status == 409


def test_a_repeated_submission_answers_with_the_first_comment(post):
    first = post("Same words, twice.")
    again = post("Same  words, twice. ")
    assert again.created is False
    assert again.comment.pk == first.comment.pk
    assert Comment.objects.count() == 1


def test_replies_must_answer_a_published_comment_on_the_same_article(post):
    parent = post("Parent.").comment
    reply = post("Reply.", parent=parent.pk)
    assert reply.comment.parent_id == parent.pk
    held = post("Held one.", decision="review").comment
    with pytest.raises(ValidationFailed) as caught:
        post("Reply to held.", parent=held)
    assert caught.value.field == "parent_id"


def test_reject_requires_a_known_clause(post, moderator):
    comment = post().comment
    with pytest.raises(ValidationFailed) as caught:
        actions.decide(comment, status="rejected", actor=moderator, clause_id="")
    assert (caught.value.field, caught.value.code) == ("clause_id", "clause_required")
    with pytest.raises(ValidationFailed) as caught:
        actions.decide(comment, status="rejected", actor=moderator, clause_id="no-such-clause")
    assert caught.value.code == "unknown_clause"
    assert DecisionRecord.objects.filter(comment=comment).count() == 1


def test_only_moderators_decide(post, reader):
    comment = post(decision="review").comment
    with pytest.raises(PermissionDenied):
        actions.decide(comment, status="approved", actor=reader)
    with pytest.raises(PermissionDenied):
        actions.decide(comment, status="approved", actor=None)


def test_a_reversal_is_a_new_decision_row(post, moderator):
    comment = post(decision="review").comment
    t0 = comment.created_at
    approved = actions.decide(
        comment, status="approved", actor=moderator, now=t0 + dt.timedelta(minutes=1)
    )
    clause = site_policy.clauses()[0]
    rejected = actions.decide(
        comment,
        status="rejected",
        actor=moderator,
        clause_id=clause.id,
        note="Missed the insult.",
        now=t0 + dt.timedelta(minutes=2),
    )
    history = list(DecisionRecord.objects.filter(comment=comment).order_by("created_at"))
    assert [d.status for d in history] == ["pending", "approved", "rejected"]
    assert [d.actor for d in history] == [None, moderator, moderator]
    assert history[1].pk == approved.pk and history[2].pk == rejected.pk
    assert rejected.guideline == clause.text
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED


def test_a_failed_decision_leaves_no_trace(post, moderator, monkeypatch):
    """Decision row and status change are one transaction."""
    comment = post(decision="review").comment

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CommentQuerySet, "update", explode)
    with pytest.raises(RuntimeError):
        actions.decide(comment, status="approved", actor=moderator)
    assert DecisionRecord.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_events_fire_after_commit(post, moderator, django_capture_on_commit_callbacks):
    seen = []

    def on_posted(sender, comment, decision, outcome, **kwargs):
        seen.append(("posted", outcome))

    def on_decided(sender, comment, decision, **kwargs):
        seen.append(("decided", decision.status))

    comment_posted.connect(on_posted)
    comment_decided.connect(on_decided)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            comment = post(decision="review").comment
        # Deferred: nothing is sent while the transaction may still roll back...
        assert seen == [] and len(callbacks) == 1
        # ...and sent once it commits.
        callbacks[0]()
        assert seen == [("posted", "held")]
        with django_capture_on_commit_callbacks(execute=True):
            actions.decide(comment, status="approved", actor=moderator)
    finally:
        comment_posted.disconnect(on_posted)
        comment_decided.disconnect(on_decided)
    assert seen == [("posted", "held"), ("decided", "approved")]


def test_a_rollback_around_posting_takes_everything_back(article, pinned_engine):
    with pytest.raises(RuntimeError), transaction.atomic():
        post_comment(
            article=article,
            author_name="A",
            author_email="a@example.org",
            text="Gone.",
            engine=pinned_engine(),
        )
        raise RuntimeError("caller failed")
    assert not Comment.objects.exists() and not DecisionRecord.objects.exists()


def test_the_real_engine_decides_through_the_site(article):
    """No fake: the shipped engine and policy, as the site runs them."""
    civil = post_comment(
        article=article,
        author_name="Shilan",
        author_email="shilan@example.org",
        text="Thank you for this report. I hope the ceasefire in Aleppo holds.",
    )
    insult = post_comment(
        article=article,
        author_name="Troll",
        author_email="troll@example.org",
        text="You are an idiot and a moron.",
    )
    assert civil.decision.engine_version and civil.decision.note == ""
    assert civil.outcome == "published", civil.decision.note
    assert insult.outcome == "rejected", insult.decision.note
    assert insult.decision.clause_id == "personal_attacks"
    assert insult.message == "Rejected: personal attacks are not allowed."
