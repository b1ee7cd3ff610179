"""Sanctions: imposed on a comment's author, enforced by the posting list, lifted once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from civility.commenters import actions
from civility.commenters.keys import email_key
from civility.commenters.models import CommenterKey, Sanction
from civility.comments.models import CommentStatus
from civility.errors import ImmutableRecord, PermissionDenied, Sanctioned, ValidationFailed
from civility.posting.service import post_comment

pytestmark = pytest.mark.postgres


def test_every_spelling_of_a_mailbox_has_one_key_and_none_shows_it():
    assert email_key("Jane.Doe+news@GMAIL.com") == email_key("janedoe@googlemail.com")
    assert email_key("jane@example.org") != email_key("jane@example.com")
    assert email_key("not an address") == ""
    assert "jane" not in email_key("jane@example.org")


def test_a_posted_comment_gets_its_key_in_its_own_transaction(post):
    comment = post("Fine.", author_email="Reader+x@Example.org").comment
    assert CommenterKey.objects.get(comment=comment).email_key == email_key("reader@example.org")


def test_a_suspension_refuses_the_next_post_under_any_spelling_until_it_ends(
    post, moderator, pinned_engine, article
):
    first = post("Something rude.", decision="reject", author_email="troll@example.org").comment
    now = timezone.now()
    actions.impose_sanction(
        first, kind="suspend", days=3, actor=moderator, reason="insults", now=now
    )
    with pytest.raises(Sanctioned) as refused:
        post("Back again.", author_email="TROLL+again@example.org")
    assert refused.value.code == "commenter_suspended" and refused.value.status == 403
    assert refused.value.until == now + dt.timedelta(days=3)
    # Someone else posts as usual; and after the suspension, so does the commenter.
    assert post("Hello.", author_email="other@example.org").status == CommentStatus.APPROVED
    later = post_comment(
        article=article,
        text="Calmer now.",
        author_name="T",
        author_email="troll@example.org",
        engine=pinned_engine("approve"),
        now=now + dt.timedelta(days=3, seconds=1),
    )
    assert later.status == CommentStatus.APPROVED


def test_a_ban_refuses_until_lifted_and_the_row_keeps_who_lifted_it(post, moderator):
    first = post("Spam spam.", decision="reject", author_email="spam@example.org").comment
    ban = actions.impose_sanction(first, kind="ban", actor=moderator, reason="spam")
    with pytest.raises(Sanctioned) as refused:
        post("More spam.", author_email="spam@example.org")
    assert refused.value.code == "commenter_banned" and refused.value.until is None
    lifted = actions.lift_sanction(ban, actor=moderator, reason="appeal accepted")
    assert lifted.lifted_by == moderator and lifted.lift_reason == "appeal accepted"
    assert post("Sorry.", author_email="spam@example.org").status == CommentStatus.APPROVED
    # Lifting again changes nothing; the row is never edited otherwise, never deleted.
    assert actions.lift_sanction(ban, actor=moderator).lifted_at == lifted.lifted_at
    row = Sanction.objects.get(pk=ban.pk)
    row.reason = "rewritten"
    with pytest.raises(ImmutableRecord):
        row.save()
    with pytest.raises(ImmutableRecord):
        row.delete()


def test_always_premoderate_holds_what_the_engine_would_publish_but_not_a_rejection(
    post, moderator
):
    first = post("Borderline.", decision="review", author_email="watch@example.org").comment
    actions.impose_sanction(first, kind="premoderate", actor=moderator, reason="watch")
    held = post("A civil remark.", decision="approve", author_email="watch@example.org")
    assert held.status == CommentStatus.PENDING and held.http_status == 202
    assert "always pre-moderated" in held.decision.note
    rejected = post("Idiot.", decision="reject", author_email="watch@example.org")
    assert rejected.status == CommentStatus.REJECTED


def test_the_address_hash_matches_only_for_a_short_time(post, moderator, article, pinned_engine):
    first = post(
        "Rude.", decision="reject", author_email="a@example.org", ip_address="198.51.100.7"
    )
    now = timezone.now()
    actions.impose_sanction(first.comment, kind="ban", actor=moderator, reason="x", now=now)

    def post_from_address(when):
        return post_comment(
            article=article,
            text=f"New name, same address {when}.",
            author_name="B",
            author_email="b@example.org",
            ip_address="198.51.100.7",
            engine=pinned_engine("approve"),
            now=when,
        )

    with pytest.raises(Sanctioned):
        post_from_address(now + dt.timedelta(hours=1))
    assert post_from_address(now + dt.timedelta(hours=25)).status == CommentStatus.APPROVED


def test_only_moderators_sanction_and_a_reason_and_valid_days_are_required(post, moderator, db):
    from django.contrib.auth.models import User

    comment = post("Hm.", decision="review").comment
    with pytest.raises(PermissionDenied):
        actions.impose_sanction(
            comment, kind="ban", actor=User.objects.create_user("nobody"), reason="x"
        )
    with pytest.raises(ValidationFailed) as no_reason:
        actions.impose_sanction(comment, kind="ban", actor=moderator, reason="  ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as bad_days:
        actions.impose_sanction(comment, kind="suspend", days=0, actor=moderator, reason="x")
    assert bad_days.value.code == "invalid_days"
    with pytest.raises(ValidationFailed):
        actions.impose_sanction(comment, kind="mute", actor=moderator, reason="x")
    assert not Sanction.objects.exists()


def test_erasing_a_commenter_removes_the_key_that_tied_their_comments(post):
    from civility.privacy.commenters import erase_commenter

    comment = post("Mine.", author_email="gone@example.org").comment
    erase_commenter("gone@example.org")
    assert not CommenterKey.objects.filter(comment=comment).exists()
