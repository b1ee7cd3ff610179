"""What a reader does, in Chromium: read, resize the text, post, fix a mistake."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.browser

CIVIL = "Thank you for this clear report. I hope the ceasefire around Aleppo holds."
INSULT = "You are an idiot and a moron."


def fill_form(page, *, name="Shilan Ahmed", email="shilan@example.org", text=CIVIL):
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Comment", exact=True).fill(text)


def published_texts(page) -> list[str]:
    # The reader's own unpublished comments (comment--own) are shown to them alone.
    return page.locator(
        ".comment-list .comment:not(.comment--own) .comment__text"
    ).all_text_contents()


def test_reader_posts_a_civil_comment_and_sees_it_published(page, article_url):
    """Real engine: a relevant, civil comment is published at once."""
    page.goto(article_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Russia defends military action in Aleppo region"
    )
    expect(page.locator(".tags a")).to_have_text(
        ["Aleppo", "Syria", "Russia", "Nusra", "ceasefire"]
    )

    fill_form(page)
    page.get_by_role("button", name="Post").click()

    # The real engine runs twice (the check, then the post): slow on a busy machine.
    expect(page.locator("#comment-outcome")).to_have_text(
        "Your comment is published.", timeout=60_000
    )
    assert published_texts(page) == [CIVIL]


def test_reader_posts_an_insult_and_sees_the_rejection_with_its_clause(page, article_url):
    """Real engine: a personal attack is rejected, quoting the clause."""
    page.goto(article_url)
    fill_form(page, text=INSULT)
    page.get_by_role("button", name="Post", exact=True).click()
    # The first press warns (tests/browser/test_precheck_warning.py); the reader posts anyway.
    page.get_by_role("button", name="Post anyway").click(timeout=60_000)

    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed.", timeout=60_000
    )
    assert published_texts(page) == []
    assert Comment.objects.get().status == CommentStatus.REJECTED


def test_empty_email_shows_the_field_error_and_keeps_what_was_typed(
    page, article_url, engine_answers, screenshot
):
    """The e-mail is optional, until the reader asks to be told the outcome."""
    engine_answers("approve")
    page.goto(article_url)
    fill_form(page, email="", text="Line one of my comment.\nLine two.")
    page.get_by_label("E-mail me when a moderator decides").check()
    expect(page.locator("#text-counter")).to_have_text("33 of 2,000 characters")
    page.get_by_role("button", name="Post").click()

    error = page.locator("#author_email-error")
    expect(error).to_have_text("Please give your email address, so we can tell you the outcome.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Name")).to_have_value("Shilan Ahmed")
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "Line one of my comment.\nLine two."
    )
    assert not Comment.objects.exists()

    # Fixing the field and posting again works, and the line break survives.
    page.get_by_label("Email").fill("shilan@example.org")
    page.get_by_role("button", name="Post").click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    assert published_texts(page) == ["Line one of my comment.\nLine two."]
    screenshot("article-page")


def test_a_plus_enlarges_the_article_text_and_is_remembered(page, article_url):
    page.goto(article_url)
    body = page.locator("#article-body")

    def size() -> float:
        return float(body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))

    normal = size()
    page.get_by_role("button", name="Larger text").click()
    bigger = size()
    assert bigger > normal
    page.get_by_role("button", name="Larger text").click()
    largest = size()
    assert largest > bigger
    # Five steps: at the top, A+ is disabled.
    expect(page.get_by_role("button", name="Larger text")).to_be_disabled()

    page.reload()
    assert size() == largest

    for _ in range(4):
        page.get_by_role("button", name="Smaller text").click()
    assert size() < normal
    expect(page.get_by_role("button", name="Smaller text")).to_be_disabled()


def test_reading_and_posting_work_without_javascript(browser, article_url, engine_answers):
    engine_answers("approve")
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(article_url)
        expect(page.locator("#article-body p").first).to_contain_text("ERBIL, Kurdistan Region")
        # The JS-only controls stay hidden rather than dead.
        expect(page.locator("#text-size")).to_be_hidden()
        expect(page.locator("#text-counter")).to_be_hidden()

        fill_form(page, email="not-an-address")
        page.get_by_role("button", name="Post").click()
        expect(page.locator("#author_email-error")).to_have_text(
            "Please give a valid email address, like name@example.com."
        )
        page.get_by_label("Email").fill("shilan@example.org")
        page.get_by_role("button", name="Post").click()
        expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
        assert published_texts(page) == [CIVIL]
    finally:
        context.close()
