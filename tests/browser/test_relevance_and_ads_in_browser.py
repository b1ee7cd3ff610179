"""Readers in other languages and an advertiser, in Chromium, with the real engine.

An Arabic and a Sorani comment on the English seed article are published
(the multilingual encoder reads Arabic against English; nothing reads Sorani
against English, so relevance gives no score and holds nothing); an
advertisement is rejected under the promotion clause, and the moderator's
list of rejected comments shows its link highlighted. Everything goes
through the pages a reader and a moderator use.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARABIC = "أتمنى أن يصمد وقف إطلاق النار في حلب وأن تنجح مفاوضات جنيف."
SORANI = "هیوادارم ئاگربەستەکە لە حەلەب بەردەوام بێت و دانوستانەکانی جنێڤ سەرکەوتوو بن."
AD_LINK = "www.cheap-erbil-flights.com"
AD = f"Cheap flights to Erbil this week only! Book now at {AD_LINK} and get 30% off."


def post(page, text: str, email: str) -> None:
    page.get_by_label("Name").fill("Reader")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Comment", exact=True).fill(text)
    page.get_by_role("button", name="Post", exact=True).click()
    # The pre-submit check may warn first (docs/reader-feedback.md): post anyway.
    told = page.locator("#comment-outcome").filter(has_text=re.compile(r"\S"))
    anyway = page.get_by_role("button", name="Post anyway")
    # (The first comment of a run also loads the models: allow for it.)
    expect(told.or_(anyway)).to_be_visible(timeout=60_000)
    if anyway.is_visible():
        anyway.click()


@pytest.mark.parametrize(
    ("text", "lang"), [(ARABIC, "ar"), (SORANI, "ckb")], ids=["arabic", "sorani"]
)
def test_a_comment_in_another_language_than_the_article_is_published(page, article_url, text, lang):
    page.goto(article_url)
    post(page, text, f"{lang}@example.org")

    expect(page.locator("#comment-outcome")).to_have_text("Your comment is published.")
    published = page.locator(".comment-list .comment__text")
    expect(published).to_have_text([text])
    # Right-to-left text is laid out by its own direction.
    expect(published.first).to_have_attribute("dir", "auto")


def test_an_advertisement_is_rejected_and_its_link_is_highlighted_for_moderators(
    page, live_server, article_url, sign_in
):
    page.goto(article_url)
    post(page, AD, "seller@example.org")

    expect(page.locator("#comment-outcome")).to_have_text(
        "Rejected: commercial or personal promotion is not allowed."
    )
    # Not published: only the author's own browser shows it, marked so.
    expect(page.locator(".comment-list .comment:not(.comment--own)")).to_have_count(0)
    expect(page.locator(".comment--own.comment--rejected")).to_contain_text("Not published")

    sign_in("/moderate/rejected/")
    item = page.locator("[data-queue-item]")
    expect(item).to_have_count(1)
    expect(item.locator(".queue-item__text")).to_contain_text("Cheap flights to Erbil")
    marks = item.locator(".queue-item__text mark")
    expect(marks.filter(has_text=AD_LINK)).to_have_count(1)
