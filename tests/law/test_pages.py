"""The law's pages, the API and the desk through the real stack (docs/law.md)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from civility.abuse import bots
from civility.comments import actions as comment_actions
from civility.comments.models import Comment, CommentStatus
from civility.law import actions, statements
from civility.law.models import Appeal, AppealStatus, Notice, NoticeStatus


@pytest.fixture
def law_on(settings):
    settings.CIVILITY_DSA = True
    settings.CIVILITY_SITE_URL = "https://comments.example.org"


def _form(text):
    return {
        "author_name": "Shilan",
        "author_email": "shilan@example.org",
        "text": text,
        "issued": bots.form_timestamp(),
    }


def test_everything_is_off_by_default(client, post, article):
    comment = post().comment
    assert "Report potentially illegal content" not in client.get(article.get_absolute_url()).text
    assert client.get(reverse("comments:notice", args=[comment.pk])).status_code == 404
    token = statements.token_for(comment)
    assert client.get(reverse("comments:statement", args=[token])).status_code == 404
    assert client.get(f"/api/statements/{token}").status_code == 404


def test_a_rejected_author_reads_the_statement_and_appeals_once(
    client, law_on, engine_answers, article
):
    engine_answers("reject")
    answer = client.post(
        reverse("comments:post", args=[article.slug]), _form("You idiot."), follow=True
    )
    link = answer.context["messages"]
    html = answer.text
    assert "Your comment's page" in html
    url = next(m.message for m in link if "statement-link" in m.tags)
    page = client.get(url)
    assert page.status_code == 200
    text = page.text
    assert "Statement of reasons" in text
    assert "The automatic moderation" in text and "“You i”" in text
    appealed = client.post(url, {"text": "It was about his policy."})
    assert appealed.status_code == 302
    assert Appeal.objects.get().status == AppealStatus.OPEN
    again = client.post(url, {"text": "Again."})
    assert again.status_code == 422 and "appealed already" in again.text
    assert Appeal.objects.count() == 1
    # A forged link finds nothing.
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_the_api_gives_the_statement_url_and_the_statements(
    client, law_on, engine_answers, article
):
    engine_answers("reject")
    answer = client.post(
        f"/api/articles/{article.slug}/comments",
        {"author_name": "Shilan", "author_email": "s@example.org", "text": "You idiot."},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    url = answer.json()["statement_url"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    found = client.get(f"/api/statements/{token}").json()
    (statement,) = found["statements"]
    assert statement["kind"] == "rejection" and statement["automated"] is True
    assert statement["clause_id"] == "personal_attacks" and statement["appeal"]["possible"]


def test_a_notice_from_the_article_page_to_the_desk_decision(
    client, law_on, post, article, moderator, django_capture_on_commit_callbacks
):
    comment = post("The reporter should be dealt with.").comment
    page = client.get(article.get_absolute_url()).text
    notice_url = reverse("comments:notice", args=[comment.pk])
    assert notice_url in page
    refused = client.post(
        notice_url, {"law": "Threats", "explanation": "x", "contact_email": "n@example.org"}
    )
    assert refused.status_code == 422 and Notice.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            notice_url,
            {
                "law": "Threats (Criminal Code)",
                "explanation": "A veiled threat against a reporter.",
                "contact_email": "n@example.org",
                "good_faith": "on",
            },
        )
    assert sent.status_code == 200 and "your notice is received" in sent.text
    notice = Notice.objects.get()
    confirm = mail.outbox[-1].body.split("https://comments.example.org", 1)[1].split()[0]
    assert client.get(confirm).status_code == 200
    client.force_login(moderator)
    desk = client.get(reverse("moderators:notices")).text
    assert "A veiled threat against a reporter." in desk
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("moderators:decide_notice", args=[notice.pk]),
            {
                "legality": "illegal",
                "legal_ground": "Criminal Code § 111",
                "explanation": "A threat.",
                "clause_id": "threats",
            },
        )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DECIDED
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.REJECTED
    assert "Criminal Code § 111" in mail.outbox[-1].body


def test_appeals_and_transparency_on_the_desk(client, law_on, post, moderator):
    other = User.objects.create_user("mod2", password="x-long-password-2")
    other.groups.add(Group.objects.get(name="moderators"))
    comment = post(decision="review").comment
    comment_actions.decide(
        comment, status="rejected", actor=moderator, clause_id="personal_attacks"
    )
    appeal = actions.file_appeal(comment, text="Please look again.")
    client.force_login(moderator)
    assert "Please look again." in client.get(reverse("moderators:appeals")).text
    client.post(
        reverse("moderators:decide_appeal", args=[appeal.pk]),
        {"outcome": "reverse", "reason": "Mine."},
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OPEN  # not the decider's to hear
    client.force_login(other)
    client.post(
        reverse("moderators:decide_appeal", args=[appeal.pk]),
        {"outcome": "confirm", "reason": "Still an insult."},
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.CONFIRMED
    page = client.get(reverse("moderators:transparency")).text
    assert "Transparency report" in page and "personal_attacks" in page
    sor = json.loads(client.get(reverse("moderators:transparency") + "?format=sor").content)
    assert sor and sor[-1]["automated_decision"] == "No"
    csv_ = client.get(reverse("moderators:transparency") + "?format=csv").text
    assert csv_.splitlines()[0].startswith("decision_visibility,")


def test_notices_are_rate_limited_per_address(client, law_on, post, settings):
    from civility.web.config import Rate

    settings.CIVILITY_RATE_LIMIT_REPORTS = Rate(2, 3600)
    comment = post().comment
    url = reverse("comments:notice", args=[comment.pk])
    form = {
        "law": "Threats",
        "explanation": "A threat.",
        "contact_email": "victim@example.org",
        "good_faith": "on",
    }
    assert [client.post(url, form).status_code for _ in range(3)] == [200, 200, 429]
    assert Notice.objects.count() == 2
