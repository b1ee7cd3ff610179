"""What a moderator does, in Chromium: sign in, decide from the keyboard, reverse."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from civility.comments.models import CommentStatus

pytestmark = pytest.mark.browser


def test_moderator_approves_a_held_comment_with_the_keyboard(
    page, live_server, seed_article, held_comment, sign_in, screenshot
):
    first = held_comment("Idiots run this war, but the report is fair.", "a@example.org")
    second = held_comment("Aleppo deserves a lasting ceasefire.", "b@example.org")

    sign_in("/moderate/")
    items = page.locator("[data-queue-item]")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_class("queue-item is-selected")
    expect(items.nth(0).locator("mark")).to_have_text("Idiot")
    screenshot("moderation-queue")

    page.keyboard.press("j")
    expect(items.nth(1)).to_have_class("queue-item is-selected")
    page.keyboard.press("a")

    expect(page.locator(".queue-item--done")).to_contain_text("Approved: the comment is published.")
    expect(page.locator("[data-queue-item]")).to_have_count(1)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (CommentStatus.PENDING, CommentStatus.APPROVED)

    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    expect(page.locator(".comment-list .comment__text")).to_have_text([second.text])


def test_moderator_rejects_with_r_then_enter_and_can_reverse(
    page, live_server, seed_article, held_comment, sign_in
):
    comment = held_comment("Nobody asked you, fool.", "c@example.org")

    sign_in("/moderate/")
    page.keyboard.press("r")
    clause = page.get_by_label("Guideline broken")
    expect(clause).to_be_focused()
    # The engine's clause is preselected; the moderator picks another one.
    expect(clause).to_have_value("personal_attacks")
    clause.select_option("vulgarity")
    clause.press("Enter")

    expect(page.locator(".queue-item--done")).to_contain_text("Rejected under")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.latest_decision.clause_id == "vulgarity"

    # Reverse from the rejected list: a new decision, the history shows both.
    page.goto(f"{live_server.url}/moderate/rejected/")
    page.get_by_role("button", name="Reverse: approve").click()
    expect(page.locator(".queue-item--done")).to_contain_text("Approved")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert list(comment.decisions.values_list("status", flat=True)) == [
        "pending",
        "rejected",
        "approved",
    ]


def test_reject_without_a_clause_is_stopped_at_the_select(page, held_comment, sign_in):
    comment = held_comment("A comment with no reasons.", "d@example.org")
    sign_in("/moderate/")
    clause = page.get_by_label("Guideline broken")
    clause.select_option("")
    page.get_by_role("button", name="Reject").click()
    expect(clause).to_be_focused()
    assert (
        clause.evaluate("el => el.validationMessage") == "Choose the guideline this comment breaks."
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
