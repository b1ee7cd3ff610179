"""An editor previews a draft policy in the admin, in Chromium, then applies it."""

from __future__ import annotations

from importlib import resources

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from civility.guidelines.models import PolicyVersion

pytestmark = pytest.mark.browser


def test_an_editor_uploads_a_draft_replays_it_and_applies_it(
    page, live_server, seed_article, tmp_path, screenshot
):
    from civility.posting.service import post_comment

    for i, text in enumerate(
        ("The ceasefire matters for Aleppo's families.", "Geneva talks should continue.")
    ):
        post_comment(
            article=seed_article, text=text, author_name="R", author_email=f"r{i}@example.org"
        )
    editor = User.objects.create_user("ed", password="a-long-test-password-2", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    shipped = resources.files("civility.moderation").joinpath("default_policy.toml").read_text()
    draft = tmp_path / "cautious.toml"
    draft.write_text(
        shipped.replace('[languages.en]\nmode = "full"', '[languages.en]\nmode = "review"')
    )

    page.goto(f"{live_server.url}/admin/login/?next=/admin/guidelines/policydraft/add/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("a-long-test-password-2")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Name").fill("English held for review")
    page.get_by_label("Policy file").set_input_files(str(draft))
    page.get_by_role("button", name="Save and view").click()

    expect(page.locator("#replay-preview")).to_contain_text("Not replayed yet.")
    page.get_by_role("button", name="Replay over past comments").click()
    expect(page.locator("#replay-summary")).to_contain_text("2 comments")
    expect(page.locator("#replay-summary")).to_contain_text("2 would be decided differently")
    row = page.locator("#replay-table tbody tr").first
    expect(row).to_contain_text("approve→review")
    expect(row.get_by_role("link")).to_have_count(2)  # the examples, linked
    screenshot("replay-preview")
    assert not PolicyVersion.objects.exists()  # nothing changed yet

    page.get_by_role("button", name="Apply this draft").click()
    expect(page.locator(".messagelist")).to_contain_text("In force from now")
    assert PolicyVersion.objects.get().applied_by == editor
