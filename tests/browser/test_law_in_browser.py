"""The law's side in Chromium (docs/law.md): a rejected reader reads the statement
of reasons, appeals and reads the outcome; a reader's notice of illegal content
goes from the comment to a moderator's decision and back to the notifier."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from civility.comments.models import Comment, CommentStatus
from civility.law.models import Notice, NoticeStatus

pytestmark = pytest.mark.browser


@pytest.fixture
def law_on(settings, live_server):
    settings.CIVILITY_DSA = True
    settings.CIVILITY_SITE_URL = live_server.url


def _post(page, text):
    page.get_by_label("Name").fill("Shilan Ahmed")
    page.get_by_label("Email").fill("shilan@example.org")
    page.get_by_label("Comment", exact=True).fill(text)
    page.get_by_role("button", name="Post", exact=True).click()
    anyway = page.get_by_role("button", name="Post anyway")
    try:
        anyway.wait_for(timeout=3000)
    except Exception:  # noqa: BLE001 - no warning this time: the post went through
        return
    anyway.click()


def test_a_rejected_reader_reads_the_statement_appeals_and_reads_the_outcome(
    page, article_url, law_on, engine_answers, sign_in, live_server
):
    engine_answers("reject")
    page.goto(article_url)
    _post(page, "You are an idiot and a moron.")
    expect(page.locator("#comment-outcome")).to_contain_text("Rejected")
    page.get_by_role("link", name=re.compile("Your comment's page")).click()

    statement = page.locator(".statement")
    expect(statement).to_contain_text("Statement of reasons")
    expect(statement).to_contain_text("Rejected")
    expect(statement).to_contain_text("The automatic moderation (no person was involved)")
    expect(statement).to_contain_text("“You a”")  # the evidence span the engine cited
    own_page = page.url

    page.get_by_label(re.compile("Why the decision is wrong")).fill(
        "I was quoting what someone shouted at the rally."
    )
    page.get_by_role("button", name="Appeal").click()
    expect(page.locator(".appeal")).to_contain_text("Outcome: Open")
    expect(page.get_by_role("button", name="Appeal")).to_have_count(0)

    # A moderator hears it on the desk.
    sign_in("/moderate/appeals/")
    expect(page.locator(".appeal")).to_contain_text("I was quoting what someone shouted")
    page.get_by_label("Reason (sent to the author)").fill("A quotation, reported critically.")
    page.get_by_role("button", name="Reverse the decision").click()
    expect(page.locator(".messages")).to_contain_text("decided")

    # The author reads the outcome on their page, and in their mailbox.
    page.goto(own_page)
    expect(page.locator(".appeal")).to_contain_text("Decision reversed")
    expect(page.locator(".appeal")).to_contain_text("A quotation, reported critically.")
    expect(page.locator(".statement-status")).to_contain_text("Approved")
    assert Comment.objects.get().status == CommentStatus.APPROVED
    assert "A quotation, reported critically." in mail.outbox[-1].body


def test_a_notice_goes_from_the_comment_to_a_decision_and_the_notifier_is_told(
    page, article_url, law_on, engine_answers, sign_in
):
    engine_answers("approve")
    page.goto(article_url)
    _post(page, "Someone should visit that reporter at home tonight.")
    expect(page.locator(".comment-list .comment__text")).to_have_count(1)

    page.get_by_role("link", name="Report potentially illegal content").click()
    page.get_by_label("The law, or the kind of illegality").fill("Threats (Criminal Code)")
    page.get_by_label("Why you believe the comment is illegal").fill(
        "A veiled threat to a named reporter's home."
    )
    page.get_by_label(re.compile("Your e-mail address")).fill("notifier@example.org")
    page.get_by_label(re.compile("I believe in good faith")).check()
    page.get_by_role("button", name="Send the notice").click()
    expect(page.get_by_role("status")).to_contain_text("your notice is received")

    confirm = re.search(r"https?://\S+/notices/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(confirm)
    expect(page.get_by_role("heading", level=1)).to_have_text("Address confirmed")

    sign_in("/moderate/notices/")
    notice = page.locator(".notice")
    expect(notice).to_contain_text("A veiled threat to a named reporter's home.")
    notice.get_by_label("Illegal", exact=True).check()
    notice.get_by_label(re.compile("Legal ground")).fill("Criminal Code § 111")
    notice.get_by_label("Guideline for the removal").select_option("threats")
    notice.get_by_label(re.compile("Explanation")).fill("A threat against a person.")
    notice.get_by_role("button", name="Decide the notice").click()
    expect(page.locator(".messages")).to_contain_text("decided")
    expect(page.locator(".decided-notices")).to_contain_text("Criminal Code § 111")

    assert Notice.objects.get().status == NoticeStatus.DECIDED
    assert Comment.objects.get().status == CommentStatus.REJECTED
    told = mail.outbox[-1]
    assert told.to == ["notifier@example.org"] and "Criminal Code § 111" in told.body
    page.goto(article_url)
    expect(page.locator(".comment-list .comment__text")).to_have_count(0)
