"""Sanctions in the admin, through the real pages: listed (in force or not),
lifted by the admin action, which the next post obeys; the row keeps who
lifted it and when, and the admin can neither edit nor delete it."""

from __future__ import annotations

import pytest

from civility.commenters import actions
from civility.commenters.models import Sanction
from civility.comments.models import CommentStatus
from civility.errors import Sanctioned

LIST = "/admin/commenters/sanction/"


@pytest.fixture
def staff_moderator(moderator):
    moderator.is_staff = True
    moderator.save()
    return moderator


def test_the_admin_lists_sanctions_and_lifts_one_that_the_next_post_obeys(
    client, post, staff_moderator
):
    spam = post("Spam.", decision="reject", author_email="Spam.Seller+1@example.org").comment
    rude = post("Rude.", decision="reject", author_email="rude@example.org").comment
    ban = actions.impose_sanction(spam, kind="ban", actor=staff_moderator, reason="spam links")
    actions.impose_sanction(rude, kind="suspend", days=3, actor=staff_moderator, reason="insults")
    client.force_login(staff_moderator)

    listed = client.get(LIST, {"in_force": "yes"}).content.decode()
    assert "spam links" in listed and "insults" in listed
    assert "Spam.Seller" not in listed and "example.org" not in listed  # never the address

    done = client.post(LIST, {"action": "lift_selected", "_selected_action": [ban.pk]}, follow=True)
    assert "1 sanction(s) lifted." in done.content.decode()
    ban.refresh_from_db()
    assert ban.lifted_by == staff_moderator and ban.lifted_at is not None
    assert ban.lift_reason == "lifted in the admin"
    in_force = client.get(LIST, {"in_force": "yes"}).content.decode()
    ended = client.get(LIST, {"in_force": "no"}).content.decode()
    assert "spam links" not in in_force and "insults" in in_force
    assert "spam links" in ended

    # The lifted ban no longer refuses; the suspension still does.
    assert post("Sorry.", author_email="spamseller@example.org").status == CommentStatus.APPROVED
    with pytest.raises(Sanctioned):
        post("Again.", author_email="rude@example.org")

    # Lifting again from the admin changes nothing.
    client.post(LIST, {"action": "lift_selected", "_selected_action": [ban.pk]})
    assert Sanction.objects.get(pk=ban.pk).lifted_at == ban.lifted_at


def test_the_admin_neither_adds_edits_nor_deletes_a_sanction(client, post, staff_moderator):
    comment = post("Spam.", decision="reject", author_email="spam@example.org").comment
    ban = actions.impose_sanction(comment, kind="ban", actor=staff_moderator, reason="spam")
    client.force_login(staff_moderator)

    assert client.get(f"{LIST}{ban.pk}/change/").status_code == 200  # to read
    assert client.post(f"{LIST}{ban.pk}/change/", {"reason": "x"}).status_code == 403
    assert client.post(f"{LIST}{ban.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{LIST}add/").status_code == 403
    assert Sanction.objects.get(pk=ban.pk).reason == "spam"
