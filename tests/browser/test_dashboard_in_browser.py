"""The dashboard in Chromium: Chart.js draws every chart; the CSV downloads."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from civility.comments import actions

pytestmark = pytest.mark.browser


def test_the_dashboard_draws_its_charts_and_offers_their_numbers(
    page, live_server, held_comment, sign_in, moderator, screenshot
):
    for n in range(3):
        comment = held_comment(f"Held comment number {n}.", f"d{n}@example.org")
        if n:
            actions.decide(comment, status="rejected", clause_id="abuse", actor=moderator)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in("/moderate/dashboard/")
    canvases = page.locator("canvas[data-chart]")
    expect(canvases).to_have_count(8)
    # Chart.js drew each one, with its series.
    expect(canvases.last).to_have_attribute("data-drawn", "2")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')].map(c => Chart.getChart(c) ? Chart.getChart(c).data.datasets.length : 0)"
    )
    assert all(n > 0 for n in drawn), drawn
    assert not errors
    screenshot("dashboard")

    with page.expect_download() as download:
        page.locator("#chart-agreement").get_by_role(
            "link", name="Download the numbers (CSV)"
        ).click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text("utf-8"))))
    assert rows[0][0] == "guideline the engine cited"
    # The engine cited personal attacks; a person rejected two under abuse.
    assert rows[1] == ["Personal attacks", "0", "0", "2"]
