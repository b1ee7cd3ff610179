"""The browser plumbing works: Chromium starts, loads a page, runs its script, clicks."""

import pytest

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Smoke</title></head>
<body>
  <p id="status">waiting</p>
  <button type="button" onclick="document.getElementById('status').textContent = 'clicked'">
    Approve
  </button>
</body>
</html>
"""


def test_chromium_loads_a_page_and_clicks_a_button(page, static_site, screenshot):
    page.goto(static_site("smoke.html", PAGE))
    assert page.title() == "Smoke"
    assert page.locator("#status").text_content() == "waiting"

    page.get_by_role("button", name="Approve").click()

    assert page.locator("#status").text_content() == "clicked"
    assert screenshot("smoke").stat().st_size > 0
