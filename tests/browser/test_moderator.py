"""What a moderator does at the desk, in Chromium: keys inside a comment only,
a deliberate reject, undo, bulk decisions, search, sanctions."""

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
    expect(items.nth(0).locator("mark")).to_have_text("Idiot")
    expect(items.nth(0).locator("[data-reason]")).to_contain_text("personal attacks")
    screenshot("moderation-queue")

    # Keys act only once the focus is inside a comment: from the page, nothing.
    page.get_by_role("link", name="Articles").focus()
    page.keyboard.press("a")
    expect(page.locator(".queue-item--done")).to_have_count(0)

    items.nth(0).focus()
    page.keyboard.press("j")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("a")

    expect(page.locator(".queue-item--done")).to_contain_text("Approved: the comment is published.")
    # The one persistent live region says what happened; the counts follow.
    expect(page.locator("#desk-announcer")).to_have_text("Approved: the comment is published.")
    expect(page.locator("[data-count=pending]")).to_have_text("1 comment is held.")
    expect(page.locator("[data-queue-item]")).to_have_count(1)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (CommentStatus.PENDING, CommentStatus.APPROVED)

    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    expect(page.locator(".comment-list .comment__text")).to_have_text([second.text])


def test_a_rejection_needs_a_guideline_chosen_on_purpose(page, live_server, held_comment, sign_in):
    comment = held_comment("Nobody asked you, fool.", "c@example.org")

    sign_in("/moderate/")
    page.locator("[data-queue-item]").first.focus()
    page.keyboard.press("r")
    clause = page.locator("[data-queue-item]").first.get_by_label("Guideline broken")
    expect(clause).to_be_focused()
    # Nothing is preselected: the engine's clause is only a hint, and Enter
    # with no choice rejects nothing.
    expect(clause).to_have_value("")
    expect(page.locator("[data-queue-item] .help", has_text="The engine cites:")).to_contain_text(
        "Personal attacks"
    )
    clause.press("Enter")
    expect(page.locator("#desk-announcer")).to_have_text(
        "Choose the guideline this comment breaks."
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    # Only rejecting clauses are offered.
    options = clause.locator("option").all_inner_texts()
    assert "Relevance" not in options and "Criticism" not in options
    clause.select_option("vulgarity")
    clause.press("Enter")

    expect(page.locator(".queue-item--done")).to_contain_text("Rejected under")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.latest_decision.clause_id == "vulgarity"

    # Reverse from the rejected list: a new decision; keys never press its buttons.
    page.goto(f"{live_server.url}/moderate/rejected/")
    page.locator("[data-queue-item]").first.focus()
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    page.get_by_role("button", name="Reverse: approve").click()
    expect(page.locator(".queue-item--done")).to_contain_text("Approved")
    comment.refresh_from_db()
    assert list(comment.decisions.values_list("status", flat=True)) == [
        "pending",
        "rejected",
        "approved",
    ]


def test_undo_from_the_toast_with_u_records_a_reversal(page, held_comment, sign_in):
    comment = held_comment("Held, then decided by accident.", "u@example.org")

    sign_in("/moderate/")
    page.locator("[data-queue-item]").first.focus()
    page.keyboard.press("a")
    toast = page.locator("#desk-toast [data-toast]")
    expect(toast).to_contain_text("Approved: the comment is published.")
    # The last comment was decided: the toast's Undo has the focus; u presses it.
    expect(toast.get_by_role("button", name="Undo")).to_be_focused()
    page.keyboard.press("u")
    expect(page.locator("#desk-announcer")).to_have_text("Undone: the comment is back as it was.")
    expect(page.locator("[data-queue-item]")).to_have_count(1)
    expect(page.locator("#desk-toast [data-toast]")).to_have_count(0)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    undo = comment.latest_decision
    assert undo.reverses is not None and undo.reverses.status == CommentStatus.APPROVED


def test_the_toast_goes_after_ten_seconds(page, held_comment, sign_in):
    held_comment("One to approve.", "t@example.org")
    sign_in("/moderate/")
    page.get_by_role("button", name="Approve", exact=True).click()
    toast = page.locator("#desk-toast [data-toast]")
    expect(toast).to_have_count(1)
    expect(toast).to_have_count(0, timeout=12_000)


def test_bulk_reject_needs_a_selection_and_a_guideline(page, held_comment, sign_in):
    ads = [held_comment(f"Cheap flights {n}! Book now.", f"ad{n}@example.org") for n in range(3)]
    keep = held_comment("A fair point about Aleppo.", "fair@example.org")

    sign_in("/moderate/")
    reject = page.get_by_role("button", name="Reject selected")
    reject.click()
    expect(page.locator("#desk-announcer")).to_have_text("Select the comments first.")
    for ad in ads:
        page.locator(f"#select-{ad.pk}").check()
    reject.click()
    expect(page.locator("#bulk-clause")).to_be_focused()
    page.locator("#bulk-clause").select_option("promotion")
    reject.click()
    expect(page.locator("#desk-announcer")).to_have_text(
        "3 comments rejected under “We will not tolerate the following: commercial or "
        "personal promotion.”."
    )
    expect(page.locator("[data-queue-item]")).to_have_count(1)
    for ad in ads:
        ad.refresh_from_db()
        assert ad.status == CommentStatus.REJECTED
        assert ad.latest_decision.clause_id == "promotion"
    keep.refresh_from_db()
    assert keep.status == CommentStatus.PENDING
    # The whole bulk decision is undone at once.
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("[data-queue-item]")).to_have_count(4)


def test_search_by_text_author_and_guideline(page, live_server, held_comment, sign_in):
    held_comment("Ceasefire talks in Geneva matter.", "geneva@example.org")
    held_comment("Buy watches cheap.", "Watch.Seller+x@example.org")

    sign_in("/moderate/")
    page.get_by_label("Text").fill("geneva")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-queue-item] .queue-item__text")).to_have_text(
        ["Ceasefire talks in Geneva matter."]
    )
    page.get_by_label("Text").fill("")
    page.get_by_label("Author (name or e-mail)").fill("watch.seller@example.org")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-queue-item] .queue-item__text")).to_have_text(["Buy watches cheap."])
    # The address itself is never shown.
    assert "Watch.Seller+x@example.org" not in page.content()
    page.get_by_role("link", name="Clear the search").click()
    page.get_by_label("Guideline cited").select_option("threats")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".empty")).to_have_text("No comments match.")


def test_a_suspension_from_the_queue_refuses_the_next_post(
    page, live_server, article_url, held_comment, sign_in
):
    comment = held_comment("You people are vermin.", "vermin@example.org")

    sign_in("/moderate/")
    item = page.locator(f"#item-{comment.pk}")
    item.get_by_text("Sanction this commenter").click()
    item.get_by_label("Suspend for").check()
    item.get_by_label("Days").fill("3")
    item.get_by_label("Reason").fill("dehumanising language")
    item.get_by_role("button", name="Record the sanction").click()
    expect(page.locator(".messages")).to_contain_text("Sanction recorded: Suspended.")
    expect(page.locator(f"#item-{comment.pk} .sanction--in-force")).to_contain_text(
        "dehumanising language"
    )

    # The same reader, another spelling of the address: refused, told until when.
    reader = page.context.browser.new_context()
    article = reader.new_page()
    article.goto(article_url)
    article.get_by_label("Name").fill("Reader")
    article.get_by_label("Email").fill("Vermin+2@Example.org")
    article.get_by_label("Comment", exact=True).fill("I am back with more to say.")
    article.get_by_role("button", name="Post").click()
    # The press first waits for the pre-submit warning (precheck.js, up to 4 s)
    # and only then posts: more than expect's 5 s on a loaded machine.
    # The refusal is in the form's error summary (a link to the field, and the message).
    expect(article.locator("#form-errors p").get_by_text("You cannot comment until")).to_be_visible(
        timeout=20_000
    )
    reader.close()
