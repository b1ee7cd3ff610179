"""The community guidelines page in Chromium, reached from an article."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_reader_opens_the_guidelines_from_the_comments_section(page, article_url):
    page.goto(article_url)
    page.get_by_role("link", name="Community guidelines, clause by clause").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community guidelines")
    threats = page.locator("#clause-threats")
    expect(threats).to_contain_text("We will not tolerate the following: threats.")
    expect(threats).to_contain_text("Rejected: threats are not allowed.")
    expect(threats.locator("q")).to_have_text(
        "Someone should put a bullet in him before he speaks again."
    )
    expect(page.locator(".clause")).to_have_count(8)


def test_the_footer_link_and_a_right_to_left_page(page, live_server, screenshot):
    page.goto(f"{live_server.url}/")
    page.locator(".site-footer").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(f"{live_server.url}/guidelines/?lang=ckb")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#clause-profanity q")).to_have_attribute("lang", "en")
    screenshot("guidelines-sorani")
