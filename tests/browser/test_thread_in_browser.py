"""The article page's thread in Chromium (issue 14): reply, report until the
comment returns to the desk, react and sort, feature from the desk, close;
on an English (left to right) and a Sorani (right to left) page. And axe-core
on a page with replies and a featured comment.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.models import Comment
from civility.posting.service import post_comment
from civility.threads import picks
from tests.browser.test_accessibility import AXE, RUN, TAGS

pytestmark = pytest.mark.browser

LANGS = ["en", "ckb"]
TEXTS = {
    "en": ("The ceasefire was fragile from the start.", "Both sides said so in Geneva."),
    "ckb": ("ئاگربەستەکە لە سەرەتاوە لاواز بوو.", "هەردوو لا لە جنێڤ ئەمەیان گوت."),
}


def words(lang: str, text: str) -> str:
    """The page's words in its language, as the catalog has them."""
    with translation.override(lang):
        return gettext(text)


@pytest.fixture
def thread(transactional_db, seed_article, pinned_engine):
    """thread(lang) -> (article, [two published comments]) on an English or Sorani article."""

    def make(lang: str):
        article = seed_article
        if lang == "ckb":
            article = Article.objects.create(
                slug="thread-ckb",
                title="قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر دەکرێتەوە",
                published=dt.date(2016, 4, 23),
                body="قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر ئەمڕۆ بۆ هاتوچۆ دەکرێتەوە.",
                language="ckb",
                external_id="thread-ckb",
            )
        base = dt.datetime(2016, 4, 23, 9, 0, tzinfo=dt.UTC)
        comments = [
            post_comment(
                article=article,
                author_name=name,
                author_email=f"{name.lower()}@example.org",
                text=text,
                now=base + dt.timedelta(minutes=n),
                engine=pinned_engine("approve"),
            ).comment
            for n, (name, text) in enumerate(zip(("Hemin", "Shilan"), TEXTS[lang], strict=True))
        ]
        return article, comments

    return make


def url_of(live_server, article) -> str:
    return f"{live_server.url}{article.get_absolute_url()}"


def post_after_a_pause(page, name: str, text: str) -> None:
    page.locator("#id_author_name").fill(name)
    with page.expect_response("**/precheck"):
        page.locator("#id_text").fill(text)
    page.wait_for_timeout(1200)
    page.locator("form.comment-form button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_a_reply_is_published_under_its_parent(
    page, live_server, thread, engine_answers, lang, screenshot
):
    engine_answers("approve")
    article, (first, second) = thread(lang)
    page.goto(url_of(live_server, article))
    page.locator(f"#comment-{first.pk} a[data-reply]").click()
    # The form moved under the comment, and says whom it answers.
    replying = page.locator(f"#comment-{first.pk} #replying-to")
    expect(replying).to_be_visible()
    expect(replying.locator("[data-replying-name]")).to_have_text("Hemin")
    expect(page.locator("#id_text")).to_be_focused()
    reply = "I agree, and said so then." if lang == "en" else "ڕاستە، ئەوکات گوتم."
    post_after_a_pause(page, "Dilan", reply)

    replies = page.locator(f"#comment-{first.pk} .comment-list--replies .comment__text")
    expect(replies).to_have_text([reply])
    # Under its parent, before the next top-level comment.
    texts = page.locator(".comment__text").all_inner_texts()
    assert texts.index(reply) == texts.index(first.text) + 1 < texts.index(second.text)
    if lang == "en":
        screenshot("thread-reply")


@pytest.mark.parametrize("lang", LANGS)
def test_reports_return_the_comment_to_the_moderators(
    browser, page, live_server, thread, settings, sign_in, lang
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    # Two readers, two addresses (behind one trusted proxy, as a site runs).
    settings.CIVILITY_PROXY_COUNT = 1
    article, (first, _second) = thread(lang)
    for n in range(2):
        reader = browser.new_context(extra_http_headers={"X-Forwarded-For": f"203.0.113.{n + 1}"})
        try:
            tab = reader.new_page()
            tab.goto(url_of(live_server, article))
            tab.locator(f"#comment-{first.pk} a.comment__report").click()
            form = tab.locator(f"#report-{first.pk}")
            expect(form).to_be_visible()
            tab.get_by_label(words(lang, "Personal attacks"), exact=True).check()
            form.locator("button[type=submit]").click()
            expect(tab.locator("#thread-outcome")).to_have_text(
                words(lang, "Thank you, a moderator will look at it.")
            )
            expect(tab.locator("#thread-outcome")).to_be_focused()
        finally:
            reader.close()

    sign_in("/moderate/reported/")
    item = page.locator(f"#item-{first.pk}")
    expect(item).to_be_visible()
    expect(item.locator("[data-reports]")).to_contain_text("Personal attacks ×2")


@pytest.mark.parametrize("lang", LANGS)
def test_respect_and_most_reacted_first_which_persists(browser, page, live_server, thread, lang):
    article, (first, second) = thread(lang)
    url = url_of(live_server, article)
    page.goto(url)
    button = page.locator(f"#comment-{second.pk} .react-button")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator("[data-react-count]")).to_have_text("1")

    # Another reader sees the count, not pressed.
    other = browser.new_context()
    try:
        tab = other.new_page()
        tab.goto(url)
        theirs = tab.locator(f"#comment-{second.pk} .react-button")
        expect(theirs).to_have_attribute("aria-pressed", "false")
        expect(theirs.locator("[data-react-count]")).to_have_text("1")
    finally:
        other.close()

    texts = page.locator(".comment__text")
    expect(texts).to_have_text([first.text, second.text])
    page.get_by_role("link", name=words(lang, "Most reacted")).click()
    expect(texts).to_have_text([second.text, first.text])
    current = page.locator(".thread-sort [aria-current='true']")
    expect(current).to_have_text(words(lang, "Most reacted"))
    page.goto(url)  # no ?sort=: the choice was kept
    expect(texts).to_have_text([second.text, first.text])
    expect(current).to_have_text(words(lang, "Most reacted"))
    expect(page.locator(f"#comment-{second.pk} .react-button")).to_have_attribute(
        "aria-pressed", "true"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_comment_featured_from_the_desk_shows_first_marked(
    page, live_server, thread, sign_in, lang
):
    article, (first, second) = thread(lang)
    sign_in(f"/moderate/approved/?article={article.slug}")
    item = page.locator(f"#item-{second.pk}")
    item.get_by_role("button", name="Feature", exact=True).click()
    expect(item.get_by_role("button", name="Stop featuring")).to_be_visible()
    expect(page.locator("#desk-announcer")).to_contain_text("Featured")

    page.goto(url_of(live_server, article))
    expect(page.locator(".comment__text")).to_have_text([second.text, first.text])
    pick = page.locator(f"#comment-{second.pk}")
    expect(pick).to_have_class("comment comment--featured")
    expect(pick.locator(".comment__badge strong")).to_have_text(words(lang, "Featured"))


@pytest.mark.parametrize("lang", LANGS)
def test_closing_from_the_desk_takes_the_form_away(page, live_server, thread, sign_in, lang):
    article, _comments = thread(lang)
    sign_in(f"/moderate/approved/?article={article.slug}")
    page.get_by_role("button", name="Close comments").click()
    expect(page.get_by_role("button", name="Reopen")).to_be_visible()
    expect(page.locator("#desk-announcer")).to_contain_text("Comments closed")

    page.goto(url_of(live_server, article))
    expect(page.locator("form.comment-form")).to_have_count(0)
    expect(page.locator("a[data-reply]")).to_have_count(0)
    expect(page.locator(".comments")).to_contain_text(
        words(lang, "Comments are closed for this article.")
    )


@pytest.fixture
def axe_page(browser):
    """axe needs to be injected past the site's Content-Security-Policy."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_a_thread_with_replies_and_a_pick(
    axe_page, live_server, thread, moderator, pinned_engine, lang, width
):
    article, (first, second) = thread(lang)
    post_comment(
        article=article,
        author_name="Dilan",
        author_email="dilan@example.org",
        text="A reply." if lang == "en" else "وەڵامێک.",
        parent=first,
        engine=pinned_engine("approve"),
    )
    picks.feature_comment(second, actor=moderator)
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url_of(live_server, article) + f"?report={first.pk}")
    expect(page.locator(".comment--featured")).to_have_count(1)
    expect(page.locator(".comment-list--replies .comment")).to_have_count(1)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN, TAGS) == []
    # With the reply form open under a comment (JS).
    page.locator(f"#comment-{first.pk} a[data-reply]").click()
    expect(page.locator("#replying-to")).to_be_visible()
    assert page.evaluate(RUN, TAGS) == []
    assert Comment.objects.filter(article=article).count() == 3
