"""The reader sees their own held comment in place, marked, until it is decided
(issue 14, point 2), on an English and a Sorani page."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.actions import decide
from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.browser


@pytest.fixture
def ckb_url(live_server, db):
    article = Article.objects.create(
        slug="rtl-ckb-own",
        title="قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر دەکرێتەوە",
        published=dt.date(2016, 4, 23),
        body="قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر ئەمڕۆ بۆ هاتوچۆ دەکرێتەوە.",
        language="ckb",
    )
    return f"{live_server.url}{article.get_absolute_url()}"


def post_and_pause(page, text):
    page.locator("#id_author_name").fill("Shilan Ahmed")
    with page.expect_response("**/precheck"):
        page.locator("#id_text").fill(text)
    page.wait_for_timeout(1200)
    page.locator("form.comment-form button[type=submit]").click()


@pytest.mark.parametrize("where", ["en", "ckb"])
def test_my_held_comment_is_shown_to_me_in_place_until_decided(
    page, browser, article_url, ckb_url, engine_answers, moderator, screenshot, where
):
    engine_answers("review")
    url = article_url if where == "en" else ckb_url
    text = "A question for the moderators first." if where == "en" else "پرسیارێک بۆ چاودێران."
    page.goto(url)
    post_and_pause(page, text)

    own = page.locator(".comment--own")
    expect(own).to_have_count(1)
    expect(own.locator(".comment__text")).to_have_text(text)
    if where == "en":
        expect(own.locator(".comment__state")).to_have_text(
            "Awaiting moderation · Only you can see this comment until a moderator decides."
        )
        screenshot("own-held-comment")

    # Another reader's browser does not see it.
    other = browser.new_context()
    try:
        other_page = other.new_page()
        other_page.goto(url)
        expect(other_page.locator(".comment__text")).to_have_count(0)
    finally:
        other.close()

    # A moderator rejects it: the author sees why, still only them.
    decide(
        Comment.objects.get(),
        status=CommentStatus.REJECTED,
        actor=moderator,
        clause_id="personal_attacks",
    )
    page.reload()
    expect(page.locator(".comment--rejected")).to_have_count(1)
    if where == "en":
        expect(page.locator(".comment--rejected .comment__state")).to_have_text(
            "Not published · Rejected: personal attacks are not allowed."
        )
