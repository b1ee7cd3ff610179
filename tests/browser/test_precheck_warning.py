"""The pre-submit warning in Chromium: it appears, cites the clause, and never blocks."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.browser

INSULT = "You are an idiot and a moron."
CIVIL = "Thank you for this clear report. I hope the ceasefire around Aleppo holds."


def fill_form(page, text):
    page.get_by_label("Name").fill("Shilan Ahmed")
    page.get_by_label("Email").fill("shilan@example.org")
    page.get_by_label("Comment", exact=True).fill(text)


def post_button(page):
    return page.get_by_role("button", name="Post", exact=True)


def test_the_warning_appears_as_the_reader_pauses_and_cites_the_clause(page, article_url):
    """Real engine: typing an insult and pausing shows the clause and the words."""
    page.goto(article_url)
    fill_form(page, INSULT)
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Your comment seems to break our guidelines")
    expect(alert).to_contain_text("This may be rejected: personal attacks are not allowed.")
    expect(alert.locator(".precheck__quote")).to_have_text(["idiot", "moron"])
    expect(alert.locator("[data-clause]")).to_have_attribute("data-clause", "personal_attacks")
    assert Comment.objects.count() == 0  # checking stores nothing


def test_post_anyway_posts_and_the_engine_decides(page, article_url):
    page.goto(article_url)
    fill_form(page, INSULT)
    post_button(page).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("This may be rejected: personal attacks are not allowed.")
    assert Comment.objects.count() == 0  # the first press only warned
    page.get_by_role("button", name="Post anyway").click()
    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )
    assert Comment.objects.get().status == CommentStatus.REJECTED


def test_a_second_press_of_post_posts(page, article_url):
    page.goto(article_url)
    fill_form(page, INSULT)
    post_button(page).click()
    expect(page.get_by_role("alert")).to_be_visible()
    post_button(page).click()
    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )
    assert Comment.objects.count() == 1


def test_revise_lets_the_reader_fix_the_text_and_post(page, article_url):
    page.goto(article_url)
    fill_form(page, INSULT)
    post_button(page).click()
    page.get_by_role("button", name="Revise").click()
    expect(page.locator("#precheck-warning")).to_be_hidden()
    expect(page.get_by_label("Comment", exact=True)).to_be_focused()
    page.get_by_label("Comment", exact=True).fill(CIVIL)
    post_button(page).click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    assert [c.text for c in Comment.objects.all()] == [CIVIL]


def test_a_civil_comment_posts_on_the_first_press(page, article_url):
    page.goto(article_url)
    fill_form(page, CIVIL)
    post_button(page).click()
    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    expect(page.locator("#precheck-warning")).to_be_hidden()


def test_when_the_check_fails_the_form_just_posts(page, article_url):
    """A refused check (here the endpoint answers 500) never stands between reader and post."""
    page.route("**/precheck", lambda route: route.fulfill(status=500, body="{}"))
    page.goto(article_url)
    fill_form(page, INSULT)
    post_button(page).click()
    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )
