"""Posting as a reader really does it, in Chromium (issue 14, point 1).

A reader who fills the form and pauses before pressing Post (the pre-submit
check has already answered by then) gets their comment posted by that one
press, with the mouse or the keyboard, on the article page and in the widget,
left to right and right to left. After a hold or a rejection the form keeps
what they typed; an empty submit marks every field, and a summary at the top
of the form takes focus and links to them; a reload posts nothing again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.models import Comment

pytestmark = pytest.mark.browser

CIVIL = "Thank you for this clear report. I hope the ceasefire around Aleppo holds."
# Longer than the pre-submit check's 800 ms pause: the check has answered.
PAUSE_MS = 1500

CKB = {
    "title": "قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر دەکرێتەوە",
    "body": "قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر ئەمڕۆ بۆ هاتوچۆ دەکرێتەوە.",
    "text": "هیوادارم قۆناغی دووەم زووتر تەواو بێت.",
}


@pytest.fixture
def ckb_url(live_server, db):
    article = Article.objects.create(
        slug="rtl-ckb",
        title=CKB["title"],
        published=dt.date(2016, 4, 23),
        source="Rudaw",
        body=CKB["body"],
        language="ckb",
    )
    return f"{live_server.url}{article.get_absolute_url()}"


def fill_by_id(page, *, name="Shilan Ahmed", email="", text=CIVIL):
    page.locator("#id_author_name").fill(name)
    page.locator("#id_author_email").fill(email)
    page.locator("#id_text").fill(text)


def wait_for_the_check(page, text):
    """Type, and pause until the pre-submit check has answered (as a reader would)."""
    with page.expect_response("**/precheck"):
        page.locator("#id_text").fill(text)
    page.wait_for_timeout(PAUSE_MS)


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_one_press_posts_after_a_pause(page, article_url, engine_answers, how):
    engine_answers("approve")
    page.goto(article_url)
    fill_by_id(page, text="")
    wait_for_the_check(page, CIVIL)
    if how == "mouse":
        page.get_by_role("button", name="Post", exact=True).click()
    else:
        page.get_by_role("button", name="Post", exact=True).focus()
        page.keyboard.press("Enter")
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    # The outcome has focus, so it is read out; the title says it too.
    expect(page.locator("#comment-outcome")).to_be_focused()
    expect(page).to_have_title(
        "Your comment is published. Russia defends military action in Aleppo region · Civility"
    )
    assert Comment.objects.count() == 1


def test_one_press_posts_after_a_pause_right_to_left(page, ckb_url, engine_answers):
    engine_answers("approve")
    page.goto(ckb_url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    fill_by_id(page, name="هێمن", text="")
    wait_for_the_check(page, CKB["text"])
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator("#comment-outcome .outcome")).to_be_visible()
    assert Comment.objects.get().text == CKB["text"]


def test_one_press_posts_when_the_warning_is_already_on_screen(page, article_url):
    """Real engine: the pause showed the warning; the reader read it and presses Post."""
    page.goto(article_url)
    fill_by_id(page, text="You are an idiot and a moron.")
    # The real engine: its first answer loads the models (slow on a busy machine).
    expect(page.get_by_role("alert")).to_contain_text("This may be rejected:", timeout=60_000)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )


def test_the_reader_revises_after_a_rejection(page, article_url, engine_answers, screenshot):
    engine_answers("reject")
    page.goto(article_url)
    fill_by_id(page, email="shilan@example.org")
    wait_for_the_check(page, "My angry first draft.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )
    # What they typed is still there to revise.
    expect(page.locator("#id_author_name")).to_have_value("Shilan Ahmed")
    expect(page.locator("#id_author_email")).to_have_value("shilan@example.org")
    expect(page.locator("#id_text")).to_have_value("My angry first draft.")
    screenshot("revise-after-reject")

    engine_answers("approve")
    page.locator("#id_text").fill(CIVIL)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    # Published for all; the rejected draft stays visible to its author only, marked.
    expect(page.locator(".comment-list .comment:not(.comment--own) .comment__text")).to_have_text(
        [CIVIL]
    )
    expect(page.locator(".comment--rejected .comment__text")).to_have_text("My angry first draft.")
    expect(page.locator("#id_text")).to_have_value("")
    expect(page.locator("#id_author_name")).to_have_value("Shilan Ahmed")


def test_a_held_comment_keeps_the_text(page, article_url, engine_answers):
    engine_answers("review")
    page.goto(article_url)
    fill_by_id(page)
    # The pinned engine cites a clause, so the pause shows a warning; the
    # reader has seen it and presses Post once.
    wait_for_the_check(page, "A comment a moderator will read.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is held for a moderator.")
    expect(page.locator("#id_text")).to_have_value("A comment a moderator will read.")


def border(page, selector):
    return page.locator(selector).evaluate("el => getComputedStyle(el).borderTopColor")


@pytest.mark.parametrize("where", ["ltr", "rtl"])
def test_an_empty_submit_marks_every_field_and_focuses_the_summary(
    page, article_url, ckb_url, engine_answers, where, screenshot
):
    engine_answers("approve")
    page.goto(article_url if where == "ltr" else ckb_url)
    normal = border(page, "#id_author_name")
    page.locator("form.comment-form button[type=submit]").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links).to_have_count(2)  # the name and the comment; the e-mail is optional
    for field in ("author_name", "text"):
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
        assert border(page, f"#id_{field}") != normal, field  # marked, not only the textarea
    expect(page.locator("#id_author_email")).not_to_have_attribute("aria-invalid", "true")
    if where == "ltr":
        expect(page).to_have_title(
            "Error: Russia defends military action in Aleppo region · Civility"
        )
    screenshot(f"error-summary-{where}")

    # A link in the summary puts the cursor in its field.
    links.first.click()
    expect(page.locator("#id_author_name")).to_be_focused()

    # Post, redirect, get: reloading the page with the errors posts nothing again.
    page.reload()
    expect(page.locator("#error-summary")).to_have_count(0)
    assert not Comment.objects.exists()


def test_asking_for_the_outcome_needs_an_email(page, article_url, engine_answers):
    engine_answers("approve")
    page.goto(article_url)
    fill_by_id(page)
    page.locator("#id_notify").check()
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#error-summary a")).to_have_text(
        ["Please give your email address, so we can tell you the outcome."]
    )
    expect(page.locator("#id_text")).to_have_value(CIVIL)
    expect(page.locator("#id_notify")).to_be_checked()
    page.locator("#id_author_email").fill("shilan@example.org")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    assert Comment.objects.get().author_email == "shilan@example.org"


def test_a_plus_at_its_limit_keeps_the_focus(page, article_url):
    page.goto(article_url)
    bigger = page.get_by_role("button", name="A+ Larger text")
    bigger.focus()
    for _ in range(3):  # from the default size past the largest
        page.keyboard.press("Enter")
    expect(bigger).to_have_attribute("aria-disabled", "true")
    expect(bigger).to_be_focused()
