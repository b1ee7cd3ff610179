"""The widget's thread in Chromium: replies, reports, reactions and sorting,
editors' picks, closing, and the reader's own held comment (issue 14).

A host page on another origin embeds the widget (test_widget.py's fixtures);
several readers are several browser contexts, each with its own local storage
(where the widget keeps the reader's signed token) and, here, its own address.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from civility.comments.models import Comment, CommentStatus
from civility.threads import closing, picks
from civility.threads.reports import open_reports, returned_to_queue
from tests.browser import test_widget as base
from tests.browser.test_widget import fill, widget

pytestmark = pytest.mark.browser

# The host page on another origin, and the seed article it names (test_widget.py).
host_page = base.host_page
embedded = base.embedded

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  if (result.passes.length < 10) return [{id: "axe-did-not-run"}];
  return result.violations.map((v) => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


def published(article, text, name="Hemin", **fields):
    from civility.posting.service import post_comment

    return post_comment(
        article=article, author_name=name, author_email="", text=text, **fields
    ).comment


def comment_item(page, comment):
    return widget(page).locator(f"#civ-comment-{comment.pk}")


def words(lang, *msgids):
    with translation.override(lang):
        return [translation.gettext(m) for m in msgids]


@pytest.fixture
def own_addresses(monkeypatch):
    """Each request from the widget comes from an address of its own, as readers'
    browsers would (the live server sees only 127.0.0.1; reports also count once
    per address)."""
    numbers = itertools.count(1)
    monkeypatch.setattr(
        "civility.embed.api.client_ip", lambda request: f"198.51.100.{next(numbers) % 250 + 1}"
    )


def test_a_reply_is_posted_under_its_comment_one_level_deep(
    page, host_page, embedded, engine_answers
):
    engine_answers("approve")
    parent = published(embedded, "The ceasefire will not hold.")
    page.goto(host_page())
    item = comment_item(page, parent)
    item.get_by_role("button", name="Reply").click()

    form = widget(page).get_by_role("form", name="Reply to Hemin")
    expect(form.get_by_label("Comment", exact=True)).to_be_focused()
    form.get_by_label("Name").fill("Shilan")
    form.get_by_label("Comment", exact=True).fill("It held for a week last time.")
    page.wait_for_timeout(1200)  # a reader who pauses: one press still posts
    form.get_by_role("button", name="Post reply").click()

    expect(item.locator(".outcome")).to_have_text("Your comment is published.")
    expect(item.locator(".outcome-box")).to_be_focused()
    reply = item.locator(".replies .comment")
    expect(reply.locator(".text")).to_have_text(["It held for a week last time."])
    # One level deep by default: a reply has no Reply button of its own.
    expect(reply.get_by_role("button", name="Reply")).to_have_count(0)
    assert Comment.objects.get(parent=parent).status == CommentStatus.APPROVED


def test_a_held_reply_shows_to_its_author_in_place_after_reload_right_to_left(
    page, host_page, embedded, engine_answers, browser
):
    engine_answers("approve")
    parent = published(embedded, "ئاگربەستەکە بەردەوام نابێت.", name="هێمن")
    engine_answers("review")
    url = host_page(lang="ckb", direction="rtl")
    reply_word, post_reply, awaiting = words("ckb", "Reply", "Post reply", "Awaiting moderation")
    page.goto(url)
    expect(widget(page)).to_have_attribute("dir", "rtl")
    item = comment_item(page, parent)
    item.get_by_role("button", name=reply_word).click()
    form = item.locator("form")
    form.locator("[name=author_name]").fill("شیلان")
    form.locator("[name=text]").fill("هیوادارم هەڵە بم.")
    form.get_by_role("button", name=post_reply).click()

    mine = item.locator(".replies .comment.own")
    expect(mine.locator(".own-mark")).to_have_text(awaiting)
    expect(mine.locator(".text")).to_have_text("هیوادارم هەڵە بم.")
    # The indentation follows the reading direction: the reply sits to the left.
    boxes = item.bounding_box(), mine.bounding_box()
    assert boxes[1]["x"] + boxes[1]["width"] < boxes[0]["x"] + boxes[0]["width"] - 5

    page.reload()
    expect(comment_item(page, parent).locator(".replies .comment.own .text")).to_have_text(
        "هیوادارم هەڵە بم."
    )
    # Another reader does not see it.
    other = browser.new_page()
    other.goto(url)
    expect(comment_item(other, parent)).to_be_visible()
    expect(widget(other).locator(".own")).to_have_count(0)
    other.close()


def test_readers_report_a_comment_until_it_returns_to_the_queue(
    page, host_page, embedded, engine_answers, settings, browser, own_addresses
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    settings.CIVILITY_REPORT_HIDE_THRESHOLD = 0
    engine_answers("approve")
    target = published(embedded, "People like you should leave the country.")
    url = host_page()

    def report_as_a_new_reader(clause_label="Personal attacks"):
        context = browser.new_context()
        reader = context.new_page()
        reader.goto(url)
        item = comment_item(reader, target)
        item.get_by_role("button", name="Report").click()
        group = item.get_by_role("group", name="Which guideline does this comment break?")
        expect(group.get_by_role("radio").first).to_be_focused()
        # Sending without a choice asks for one.
        item.get_by_role("button", name="Send the report").click()
        expect(item.locator(".form-error")).to_have_text(
            "Choose the guideline this comment breaks."
        )
        group.get_by_label(clause_label).check()
        item.get_by_role("button", name="Send the report").click()
        said = item.locator(".said")
        expect(said).to_have_text("Thank you, a moderator will look at it.")
        expect(said).to_be_focused()
        # The same reader again: counted once.
        item.get_by_role("button", name="Report").click()
        item.get_by_label(clause_label).check()
        item.get_by_role("button", name="Send the report").click()
        expect(said).to_have_text(
            "You have already reported this comment; a moderator will look at it."
        )
        context.close()

    report_as_a_new_reader()
    assert open_reports(target).count() == 1 and list(returned_to_queue()) == []
    report_as_a_new_reader()
    assert open_reports(target).count() == 2
    assert list(returned_to_queue()) == [target]
    assert Comment.objects.get(pk=target.pk).status == CommentStatus.APPROVED


def test_reactions_and_sorting_persist_on_reload(page, host_page, embedded, engine_answers):
    engine_answers("approve")
    first = published(embedded, "First, quiet.")
    second = published(embedded, "Second, respected.")
    page.goto(host_page())

    respect = comment_item(page, second).get_by_role("button", name="Respect")
    expect(respect).to_have_attribute("aria-pressed", "false")
    respect.click()
    expect(respect).to_have_attribute("aria-pressed", "true")
    expect(respect).to_have_text("Respect 1")

    widget(page).get_by_label("Sort comments").select_option("reactions")
    expect(widget(page).get_by_label("Sort comments")).to_be_focused()
    order = widget(page).locator(".list > .comment > .text")
    expect(order).to_have_text(["Second, respected.", "First, quiet."])

    page.reload()
    expect(widget(page).get_by_label("Sort comments")).to_have_value("reactions")
    expect(order).to_have_text(["Second, respected.", "First, quiet."])
    respect = comment_item(page, second).get_by_role("button", name="Respect")
    expect(respect).to_have_attribute("aria-pressed", "true")
    # Pressed again: taken back (one reaction per reader, never two).
    respect.click()
    expect(respect).to_have_attribute("aria-pressed", "false")
    expect(respect).to_have_text("Respect 0")

    widget(page).get_by_label("Sort comments").select_option("newest")
    expect(order).to_have_text(["Second, respected.", "First, quiet."])
    widget(page).get_by_label("Sort comments").select_option("oldest")
    expect(order).to_have_text(["First, quiet.", "Second, respected."])
    assert first.pk < second.pk


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_an_editors_pick_shows_first_and_marked(
    page, host_page, embedded, engine_answers, moderator, lang, direction
):
    engine_answers("approve")
    published(embedded, "An early comment.")
    pick = published(embedded, "A later, thoughtful comment.")
    picks.feature_comment(pick, actor=moderator)
    page.goto(host_page(lang=lang, direction=direction))
    (featured,) = words(lang, "Featured")
    items = widget(page).locator(".list > .comment")
    expect(items.first).to_have_attribute("id", f"civ-comment-{pick.pk}")
    expect(items.first.locator(".badge")).to_have_text(featured)
    expect(widget(page).locator(".badge")).to_have_count(1)


def test_a_closed_thread_says_so_and_refuses(page, host_page, embedded, engine_answers, moderator):
    engine_answers("approve")
    comment = published(embedded, "Said before the closing.")
    page.goto(host_page())
    expect(comment_item(page, comment).get_by_role("button", name="Reply")).to_be_visible()
    # Closed while the reader writes: the post is refused with a clear message.
    closing.close_comments(embedded, actor=moderator)
    fill(page)
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".form-error")).to_have_text(
        "Comments are closed for this article."
    )
    page.reload()
    expect(widget(page).locator(".closed")).to_have_text("Comments are closed for this article.")
    expect(widget(page).locator("form")).to_have_count(0)
    expect(widget(page).get_by_role("button", name="Reply")).to_have_count(0)
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ckb", "rtl")])
def test_axe_finds_nothing_with_the_whole_thread_open(
    page, host_page, embedded, engine_answers, moderator, lang, direction, width, screenshot
):
    engine_answers("approve")
    parent = published(embedded, "A comment with a reply.")
    published(embedded, "The reply.", parent=parent)
    picks.feature_comment(parent, actor=moderator)
    engine_answers("review")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(host_page(lang=lang, direction=direction))
    reply_word, report_word, post_word = words(lang, "Reply", "Report", "Post")
    fill(page, text="My own comment, held.")
    widget(page).get_by_role("button", name=post_word, exact=True).click()
    expect(widget(page).locator(".comment.own")).to_have_count(1)
    item = comment_item(page, parent)
    item.locator(":scope > .actions").get_by_role("button", name=reply_word).click()
    item.locator(":scope > .actions").get_by_role("button", name=report_word).click()
    expect(item.locator(".report-panel")).to_be_visible()
    respect = item.locator(":scope > .actions .react")
    respect.click()
    expect(respect).to_have_attribute("aria-pressed", "true")
    screenshot(f"widget-thread-{lang}-{width}")  # docs/img/widget-thread.png
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
