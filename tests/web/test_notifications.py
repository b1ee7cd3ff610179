"""The e-mail a reader asked for when a moderator decides their held comment.

Django's in-memory mail backend (``mail.outbox``); the decision's after-commit
events run with ``django_capture_on_commit_callbacks(execute=True)``.
"""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from civility.abuse import bots
from civility.comments import actions
from civility.comments.models import NotificationRequest
from civility.privacy import commenters

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def site(settings):
    # pytest-django's test environment already sends mail to the in-memory backend.
    settings.DEFAULT_FROM_EMAIL = "comments@example.org"
    settings.CIVILITY_SITE_URL = "https://comments.example.org/"


@pytest.fixture
def post_unconfirmed(article, pinned_engine):
    """As the conftest's ``post``: a wish whose address nobody has confirmed yet."""
    from civility.posting.service import post_comment

    def _post(text, decision, **fields):
        return post_comment(text=text, engine=pinned_engine(decision), article=article, **fields)

    return _post


@pytest.fixture
def post(post):
    """``post`` by a reader who then opened the link in the first e-mail."""
    from civility.comments import notifications

    def posted_and_confirmed(*args, **fields):
        posted = post(*args, **fields)
        if fields.get("notify") and posted.outcome == "held":
            assert notifications.confirm(notifications.confirm_token(posted.comment))
        return posted

    return posted_and_confirmed


def decide(comment, moderator, capture, **kwargs):
    with capture(execute=True):
        return actions.decide(comment, actor=moderator, **kwargs)


def test_a_held_comment_approved_by_a_moderator_mails_the_reader(
    post, moderator, django_capture_on_commit_callbacks
):
    posted = post("A fair point about the ceasefire.", decision="review", notify=True)
    assert posted.outcome == "held" and mail.outbox == []
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["shilan@example.org"]
    assert message.from_email == "comments@example.org"
    assert message.subject == (
        "Your comment is published: Russia defends military action in Aleppo region"
    )
    assert "Hello Shilan," in message.body
    assert "A moderator has published your comment" in message.body
    assert "> A fair point about the ceasefire." in message.body
    assert "https://comments.example.org/articles/russia-defends-aleppo/" in message.body
    assert "https://comments.example.org/guidelines/" in message.body
    assert "guideline it breaks" not in message.body
    assert message.alternatives == []  # plain text only
    assert NotificationRequest.objects.get(comment=posted.comment).sent_at is not None


def test_a_rejection_names_the_clause_and_its_message(
    post, moderator, django_capture_on_commit_callbacks
):
    posted = post("You know nothing.", decision="review", notify=True)
    decide(
        posted.comment,
        moderator,
        django_capture_on_commit_callbacks,
        status="rejected",
        clause_id="personal_attacks",
    )
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Your comment was not published:")
    assert "A moderator has rejected your comment" in body
    assert "The guideline it breaks: We will not tolerate the following: personal attacks." in body
    assert "Rejected: personal attacks are not allowed." in body


def test_the_mail_is_sent_once_even_when_the_decision_is_reversed(
    post, moderator, django_capture_on_commit_callbacks
):
    posted = post(decision="review", notify=True)
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    decide(
        posted.comment,
        moderator,
        django_capture_on_commit_callbacks,
        status="rejected",
        clause_id="profanity",
    )
    assert len(mail.outbox) == 1


def test_no_mail_without_the_wish(post, moderator, django_capture_on_commit_callbacks):
    posted = post(decision="review")
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert mail.outbox == [] and not NotificationRequest.objects.exists()


def test_the_wish_is_kept_only_for_a_held_comment(post):
    post("Published at once.", decision="approve", notify=True)
    post("Rejected at once.", decision="reject", notify=True)
    assert not NotificationRequest.objects.exists()


def test_back_to_held_is_not_an_outcome(post, moderator, django_capture_on_commit_callbacks):
    posted = post(decision="review", notify=True)
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="pending")
    assert mail.outbox == []
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert len(mail.outbox) == 1


def test_an_erased_commenter_gets_no_mail(post, moderator, django_capture_on_commit_callbacks):
    posted = post(decision="review", notify=True)
    commenters.erase_commenter("shilan@example.org")
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert mail.outbox == []


def test_the_mail_is_in_the_articles_language_and_plain_text(
    post, article, moderator, django_capture_on_commit_callbacks
):
    article.language = "ckb"
    article.title = "<b>Title</b> & “quotes”"
    article.save()
    posted = post("<script>alert(1)</script> & more", decision="review", notify=True)
    decide(
        posted.comment,
        moderator,
        django_capture_on_commit_callbacks,
        status="rejected",
        clause_id="personal_attacks",
    )
    message = mail.outbox[0]
    assert "<b>Title</b> & “quotes”" in message.subject
    assert "> <script>alert(1)</script> & more" in message.body
    assert "&lt;" not in message.body and "&amp;" not in message.body
    assert "Hello" not in message.body and "moderator" not in message.body
    assert "Rejected: personal attacks are not allowed." not in message.body


def test_without_a_site_url_the_mail_has_no_links(
    post, moderator, settings, django_capture_on_commit_callbacks
):
    settings.CIVILITY_SITE_URL = ""
    posted = post(decision="review", notify=True)
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert "http" not in mail.outbox[0].body


def test_a_failing_mail_server_does_not_undo_the_decision(
    post, moderator, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from civility.comments import notifications

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(notifications, "send_mail", broken)
    posted = post(decision="review", notify=True)
    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    posted.comment.refresh_from_db()
    assert posted.comment.status == "approved"


def test_the_form_and_the_api_carry_the_wish(article, settings, pinned_engine):
    settings.CIVILITY_ENGINE_FACTORY = lambda: pinned_engine("review")
    client = Client()
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {
            "author_name": "Shilan",
            "author_email": "shilan@example.org",
            "text": "Held, please tell me.",
            "notify": "on",
            "issued": bots.form_timestamp(),
        },
    )
    assert response.status_code == 303
    response = client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps(
            {
                "author_name": "Azad",
                "author_email": "azad@example.org",
                "text": "Held too, tell me as well.",
                "notify": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 202
    emails = sorted(NotificationRequest.objects.values_list("comment__author_email", flat=True))
    assert emails == ["azad@example.org", "shilan@example.org"]


# --- issue 12, item 4: e-mail body injection ------------------------------------

INJECTED = "Shilan\n\nYour account is suspended. Log in at http://evil.example/ to appeal.\n"


def test_a_name_with_line_breaks_is_refused_at_every_door(article, pinned_engine, settings):
    settings.CIVILITY_ENGINE_FACTORY = lambda: pinned_engine("review")
    for name in (INJECTED, "Shilan\rBcc: all@example.org", "Shilan\u2028Hi", "Shi\tlan"):
        response = Client().post(
            f"/api/articles/{article.slug}/comments",
            json.dumps(
                {
                    "author_name": name,
                    "author_email": "victim@example.org",
                    "text": "Held.",
                    "notify": True,
                }
            ),
            content_type="application/json",
        )
        assert response.status_code == 422, name
        assert response.json()["error"] == {
            "code": "text_control_chars",
            "message": response.json()["error"]["message"],
            "field": "author_name",
        }
    assert not NotificationRequest.objects.exists() and mail.outbox == []


def test_an_unconfirmed_address_gets_only_the_link_never_the_posters_words(
    post_unconfirmed, moderator, client, django_capture_on_commit_callbacks
):
    """The attack: notify, someone else's address, attacker text; a moderator decides."""
    from civility.comments import notifications

    with django_capture_on_commit_callbacks(execute=True):
        posted = post_unconfirmed(
            "Your account is suspended. Log in at http://evil.example/ to appeal.",
            decision="review",
            notify=True,
            author_name="Security Team",
            author_email="victim@example.org",
        )
    # The first e-mail: fixed words and a link, nothing the poster wrote.
    assert len(mail.outbox) == 1
    first = mail.outbox[0]
    assert first.to == ["victim@example.org"] and first.subject == "Confirm your e-mail address"
    assert "evil" not in first.body and "Security Team" not in first.body
    assert "suspended" not in first.body and "Russia" not in first.body

    decide(posted.comment, moderator, django_capture_on_commit_callbacks, status="approved")
    assert len(mail.outbox) == 1  # no decision e-mail to an address nobody confirmed
    assert NotificationRequest.objects.get().sent_at is None

    # The owner opens the link: then, and only then, the decision e-mail goes.
    link = first.body.split("https://comments.example.org")[1].split()[0]
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(link)
    assert page.status_code == 200 and "Address confirmed" in page.content.decode()
    assert len(mail.outbox) == 2 and mail.outbox[1].subject.startswith("Your comment is published")
    assert client.get(link.replace("/notify/confirm/", "/notify/confirm/x")).status_code == 404
    forged = notifications.confirm_token(posted.comment.pk + 1)
    assert notifications.confirm(forged) is None
