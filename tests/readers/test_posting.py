"""Posting as a signed-in reader through the API, and the trust rules."""

from __future__ import annotations

import pytest
from readertokens import WRONG_SECRET, make_token

from civility.comments import actions
from civility.comments.models import Comment
from civility.readers.models import Reader, ReaderComment

# Also run on PostgreSQL (./run test): row locks and transactions differ there.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

URL = "/api/articles/russia-defends-aleppo/comments"


def post(client, text, token=None, field=None, **body):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"text": text, **body}
    if field:
        payload["reader_token"] = field
    return client.post(URL, payload, content_type="application/json", headers=headers)


def test_a_bearer_token_posts_under_the_readers_name(client, article, hs256, engine_answers):
    engine_answers("approve")
    response = post(client, "A fair point about the ceasefire.", token=make_token())
    assert response.status_code == 201
    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.author_name, comment.author_email) == ("Shilan Ahmed", "shilan@example.org")
    reader = Reader.objects.get()
    assert ReaderComment.objects.get(comment=comment).reader == reader


def test_the_token_field_works_too_and_wins_over_typed_names(
    client, article, hs256, engine_answers
):
    engine_answers("approve")
    response = post(
        client,
        "Another fair point.",
        field=make_token(),
        author_name="Impostor",
        author_email="impostor@example.org",
    )
    assert response.status_code == 201
    assert Comment.objects.get().author_name == "Shilan Ahmed"


@pytest.mark.parametrize(
    "token, code",
    [
        (make_token(expires_in=-120), "reader_token_expired"),
        (make_token(key=WRONG_SECRET), "reader_token_invalid"),
        ("garbage", "reader_token_invalid"),
    ],
)
def test_a_bad_token_is_refused_with_401_and_nothing_stored(
    client, article, hs256, engine_answers, token, code
):
    engine_answers("approve")
    response = post(client, "Hello there.", token=token)
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": code,
        "message": response.json()["error"]["message"],
        "field": "reader_token",
    }
    assert not Comment.objects.exists()


def test_guests_keep_the_name_and_email_form(client, article, hs256, engine_answers):
    engine_answers("approve")
    response = post(client, "Guest words.", author_name="Guest", author_email="g@example.org")
    assert response.status_code == 201
    assert not ReaderComment.objects.exists()


def test_new_readers_are_held_until_they_have_approved_comments(
    client, article, hs256, engine_answers, settings, moderator
):
    settings.CIVILITY_READER_NEW_UNTIL = 1
    engine_answers("approve")
    first = post(client, "My first comment here.", token=make_token())
    assert first.status_code == 202 and first.json()["outcome"] == "held"
    comment = Comment.objects.get()
    assert "new reader" in comment.latest_decision.note
    # A guest is not a reader: the rule is for known accounts only.
    guest = post(client, "Guest words.", author_name="Guest", author_email="g@example.org")
    assert guest.status_code == 201

    actions.decide(comment, status="approved", actor=moderator)  # a moderator approved it
    assert post(client, "My second comment.", token=make_token()).status_code == 201


def test_trusted_readers_skip_review_but_never_a_rejection(
    client, article, hs256, engine_answers, settings, moderator
):
    settings.CIVILITY_READER_TRUSTED_AFTER = 1
    engine_answers("review")
    assert post(client, "Borderline one.", token=make_token()).status_code == 202
    actions.decide(Comment.objects.get(), status="approved", actor=moderator)

    response = post(client, "Borderline two.", token=make_token())
    assert response.status_code == 201 and response.json()["outcome"] == "published"
    decision = Comment.objects.get(text="Borderline two.").latest_decision
    assert decision.suggested == "review" and "trusted reader" in decision.note

    engine_answers("reject")
    assert post(client, "Over the line.", token=make_token()).json()["outcome"] == "rejected"
    # Someone typing the trusted reader's e-mail is a guest and gets no trust.
    engine_answers("review")
    guest = post(client, "Guest borderline.", author_name="X", author_email="shilan@example.org")
    assert guest.status_code == 202


def test_erasing_a_commenter_forgets_the_readers_name_and_address(
    client, article, hs256, engine_answers
):
    from civility.privacy.commenters import erase_commenter

    engine_answers("approve")
    assert post(client, "Signed in.", token=make_token()).status_code == 201
    erase_commenter("shilan@example.org")
    reader = Reader.objects.get()
    assert (reader.name, reader.email) == ("[erased]", "")
    assert ReaderComment.objects.filter(reader=reader).count() == 1  # the record stays


def test_automatic_approvals_earn_no_trust(client, article, hs256, engine_answers, settings):
    """The attack: three harmless posts, published by the engine, then hate."""
    settings.CIVILITY_READER_TRUSTED_AFTER = 3
    engine_answers("approve")
    for n in range(3):
        response = post(client, f"Harmless comment number {n}.", token=make_token(sub="fresh-1"))
        assert response.json()["outcome"] == "published"
    engine_answers("review", clause="personal_attacks")
    hate = post(client, "Those people are vermin and should die.", token=make_token(sub="fresh-1"))
    assert hate.status_code == 202 and hate.json()["outcome"] == "held"
    assert "trusted reader" not in Comment.objects.get(text__contains="vermin").latest_decision.note


def test_trust_never_publishes_a_comment_held_as_a_threat_or_an_attack_on_a_group(
    client, article, hs256, engine_answers, settings, moderator
):
    settings.CIVILITY_READER_TRUSTED_AFTER = 1
    engine_answers("review")
    post(client, "Borderline one.", token=make_token())
    actions.decide(Comment.objects.get(), status="approved", actor=moderator)
    for clause in ("threats", "abuse"):
        engine_answers("review", clause=clause)
        response = post(client, f"Held under {clause}.", token=make_token())
        assert response.status_code == 202, clause


def test_a_person_reversing_an_approval_takes_the_trust_back(
    client, article, hs256, engine_answers, settings, moderator
):
    settings.CIVILITY_READER_TRUSTED_AFTER = 1
    engine_answers("review")
    post(client, "Borderline one.", token=make_token())
    first = Comment.objects.get()
    actions.decide(first, status="approved", actor=moderator)
    actions.decide(first, status="rejected", actor=moderator, clause_id="personal_attacks")
    assert post(client, "Borderline two.", token=make_token()).status_code == 202


# --- issue 12, item 9 -------------------------------------------------------------


@pytest.mark.parametrize(
    "claims",
    [{"email": "not-an-address"}, {"email": "a@b@example.org"}, {"name": "Shilan\nBcc: x@evil"}],
)
def test_a_token_with_an_invalid_claim_touches_no_reader_row_before_the_422(
    client, article, hs256, engine_answers, claims
):
    engine_answers("approve")
    # A reader row exists already: the bad claim must not overwrite it either.
    assert post(client, "A first, fine comment.", token=make_token()).status_code == 201
    before = list(Reader.objects.values_list("name", "email", "last_seen"))

    response = post(client, "Hello again.", token=make_token(**claims))

    assert response.status_code == 422
    assert response.json()["error"]["field"] == "reader_token"
    assert list(Reader.objects.values_list("name", "email", "last_seen")) == before
    assert Comment.objects.count() == 1
    # A first post with a bad claim creates no row at all.
    assert post(client, "x", token=make_token(sub="other-account", **claims)).status_code == 422
    assert Reader.objects.count() == 1


def test_a_token_valid_for_a_hundred_years_is_refused(client, article, hs256, engine_answers):
    engine_answers("approve")
    response = post(client, "Hello.", token=make_token(expires_in=100 * 365 * 86400))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "reader_token_invalid"
    assert not Reader.objects.exists() and not Comment.objects.exists()
    assert post(client, "Hello.", token=make_token(expires_in=23 * 3600)).status_code == 201
