"""The admin's comment list at 1280 px, in Chromium: the action menu and every
column stay clear of the filter sidebar (issue 15: a 744 px action menu of
clause sentences ran under it, and a link in a comment pushed the status and
date columns out of sight)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_comment_list_fits_beside_its_filters_at_1280_px(
    page, live_server, held_comment, moderator
):
    held_comment("Cheap flights! www.the-cheapest-flights-to-geneva-and-aleppo.example", "ad@x.org")
    held_comment("A fair point about the ceasefire in Aleppo.", "fair@example.org")
    moderator.is_staff = True
    moderator.save()

    page.goto(f"{live_server.url}/admin/login/?next=/admin/comments/comment/")
    page.get_by_label("Username").fill(moderator.username)
    page.get_by_label("Password").fill(moderator.password_for_tests)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)

    box = page.evaluate(
        """() => {
          const menu = document.querySelector('select[name=action]').getBoundingClientRect();
          const filter = document.querySelector('#changelist-filter').getBoundingClientRect();
          const results = document.querySelector('.results');
          return {menu: menu.right, filter: filter.left,
                  wide: results.scrollWidth, shown: results.clientWidth};
        }"""
    )
    assert box["menu"] <= box["filter"], box
    assert box["wide"] <= box["shown"], box  # no column scrolled out of sight
    expect(page.locator("#result_list thead")).to_contain_text("Posted")

    # Only the clauses a comment can break, each by its short label.
    options = page.locator("select[name=action] option").all_inner_texts()
    assert "Reject under “Personal attacks”" in options
    assert not [o for o in options if "welcome" in o.lower() or "Relevance" in o]
