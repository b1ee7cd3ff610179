"""The embeddable widget in Chromium, on a host page served from another origin.

Civility runs on pytest-django's live server (http://localhost:PORT); the
host page is served by a second HTTP server on 127.0.0.1:OTHER, a different
origin, exactly as a publisher's page would be. Everything the reader
touches lives in the widget's shadow root, which Playwright's locators enter.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.models import Comment, CommentStatus
from civility.embed.models import EmbedSite

pytestmark = pytest.mark.browser

CIVIL = "Thank you for this clear report. I hope the ceasefire around Aleppo holds."

HOST_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<title>{title}</title>
{head}
<style>{css}</style>
</head>
<body>
<article><h1>{title}</h1><p>The publisher's own article text.</p></article>
<div id="civility-comments"></div>
<script src="{server}/static/civility/embed.js" {attrs} async></script>
</body>
</html>
"""

# A host stylesheet written to break any widget it can reach.
HOSTILE_CSS = """
* { color: rgb(255, 0, 0) !important; font-family: monospace !important;
    text-transform: uppercase !important; letter-spacing: 6px !important; }
label, input, textarea, button, h2, p, li { display: none !important; }
body { font-size: 40px; line-height: 5; text-align: right; }
"""


@pytest.fixture
def host_page(live_server, static_site):
    """host_page(attrs=..., lang=..., site=True) -> URL of a page embedding the widget."""

    def make(
        attrs='data-civility-article="rudaw-123"',
        *,
        lang="en",
        direction="ltr",
        title="Russia defends military action in Aleppo region",
        head="",
        css="",
        allow=True,
        create=False,
        name="host.html",
    ):
        url = static_site(
            name,
            HOST_PAGE.format(
                lang=lang,
                dir=direction,
                title=title,
                head=head,
                css=css,
                server=live_server.url,
                attrs=attrs,
            ),
        )
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        if allow:
            EmbedSite.objects.create(name="Rudaw", origins=origin, create_articles=create)
        return url

    return make


@pytest.fixture
def embedded(seed_article):
    seed_article.external_id = "rudaw-123"
    seed_article.save()
    return seed_article


def widget(page):
    return page.locator("#civility-comments .civ")


def fill(page, *, name="Shilan Ahmed", email="shilan@example.org", text=CIVIL):
    # By id: the labels are in the page's language (test_errors_... checks them).
    box = widget(page)
    box.locator("#civ-author_name").fill(name)
    box.locator("#civ-author_email").fill(email)
    box.locator("#civ-text").fill(text)


def test_renders_the_thread_and_posts_a_comment_cross_origin(
    page, host_page, embedded, engine_answers
):
    from civility.posting.service import post_comment

    engine_answers("approve")
    post_comment(
        article=embedded,
        author_name="Hemin",
        author_email="h@example.org",
        text="An earlier published comment.",
    )
    url = host_page()
    assert urlsplit(url).netloc.split(":")[0] == "127.0.0.1"  # Civility is on localhost
    page.goto(url)

    expect(widget(page).get_by_role("heading", name="Comments", exact=True)).to_be_visible()
    expect(widget(page).locator(".comment .text")).to_have_text(["An earlier published comment."])
    expect(widget(page).locator(".guidelines")).to_contain_text("personal attacks")

    fill(page)
    page.get_by_role("button", name="Post").click()

    outcome = widget(page).locator(".outcome")
    expect(outcome).to_have_text("Your comment is published.")
    expect(widget(page).locator(".outcome-box")).to_be_focused()
    expect(widget(page).locator(".comment .text")).to_have_text(
        ["An earlier published comment.", CIVIL]
    )
    expect(page.get_by_label("Comment", exact=True)).to_have_value("")
    assert Comment.objects.filter(text=CIVIL, status=CommentStatus.APPROVED).exists()


def test_held_and_rejected_outcomes_are_announced(page, host_page, embedded, engine_answers):
    engine_answers("review")
    page.goto(host_page())
    fill(page, text="Something a moderator should read first.")
    page.get_by_role("button", name="Post").click()
    status = widget(page).locator("[role=status]")
    expect(status).to_have_text("Your comment is held for a moderator.")

    engine_answers("reject")
    fill(page, text="You are an idiot and a moron.")
    page.get_by_role("button", name="Post").click()
    expect(status).to_have_text("Rejected: personal attacks are not allowed.")
    # Both are shown to their author alone, marked, in place (issue 14, point 2).
    own = widget(page).locator(".comment.own")
    expect(own.locator(".own-mark")).to_have_text(["Awaiting moderation", "Not published"])
    expect(own.locator(".text")).to_have_text(
        ["Something a moderator should read first.", "You are an idiot and a moron."]
    )
    expect(widget(page).locator(".comment:not(.own)")).to_have_count(0)
    # After a reload too (the reader's token is in the page's local storage).
    page.reload()
    expect(own.locator(".text")).to_have_text(
        ["Something a moderator should read first.", "You are an idiot and a moron."]
    )
    expect(own.locator(".help").last).to_have_text("Rejected: personal attacks are not allowed.")


def test_errors_show_at_their_fields_with_focus_and_keep_the_text(
    page, host_page, embedded, engine_answers
):
    engine_answers("approve")
    page.goto(host_page())
    fill(page, name="", email="not-an-address", text="Kept as typed.")
    page.get_by_role("button", name="Post").click()

    name = page.get_by_label("Name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(widget(page).locator("#civ-author_name-error")).to_have_text("Please give your name.")
    expect(widget(page).locator("#civ-author_email-error")).to_have_text(
        "Please give a valid email address, like name@example.com."
    )
    expect(page.get_by_label("Email")).to_have_attribute(
        "aria-describedby", "civ-author_email-help civ-author_email-error"
    )
    expect(page.get_by_label("Comment", exact=True)).to_have_value("Kept as typed.")
    assert not Comment.objects.exists()

    fill(page, text="Kept as typed, then posted.")
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".outcome")).to_have_text("Your comment is published.")
    expect(name).not_to_have_attribute("aria-invalid", "true")


def test_one_press_posts_after_a_pause(page, host_page, embedded, engine_answers):
    """Issue 14: the reader fills the form, pauses, and presses Post once."""
    engine_answers("approve")
    page.goto(host_page())
    fill(page, email="")
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".outcome")).to_have_text("Your comment is published.")
    assert Comment.objects.get().author_email == ""


def test_one_press_posts_after_a_pause_right_to_left_with_the_keyboard(
    page, host_page, embedded, engine_answers
):
    engine_answers("approve")
    page.goto(host_page(lang="ckb-IQ", direction="rtl"))
    expect(widget(page)).to_have_attribute("dir", "rtl")
    fill(page, name="هێمن", email="", text="هیوادارم ئاگربەستەکە بەردەوام بێت.")
    page.wait_for_timeout(1500)
    widget(page).locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(widget(page).locator(".outcome.published")).to_be_visible()
    assert Comment.objects.count() == 1


def test_each_field_says_whether_it_is_required(page, host_page, embedded, settings):
    page.goto(host_page())
    box = widget(page)
    for field, words in (
        ("author_name", "Name (required)"),
        ("author_email", "Email (optional)"),
        ("text", "Comment (required)"),
    ):
        expect(box.locator(f"label[for=civ-{field}]").locator("..")).to_have_text(words)
    expect(box.locator("#civ-author_email")).not_to_have_attribute("required", "")
    expect(box).not_to_contain_text("All fields are required.")


def test_after_a_rejection_the_text_stays_to_revise(page, host_page, embedded, engine_answers):
    engine_answers("reject")
    page.goto(host_page())
    fill(page, text="My angry first draft.")
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".outcome")).to_have_text(
        "Rejected: personal attacks are not allowed."
    )
    expect(widget(page).locator("#civ-text")).to_have_value("My angry first draft.")
    engine_answers("approve")
    widget(page).locator("#civ-text").fill(CIVIL)
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".outcome")).to_have_text("Your comment is published.")
    expect(widget(page).locator("#civ-text")).to_have_value("")


def test_times_are_relative_with_the_full_time_in_the_tooltip(page, host_page, embedded, settings):
    """Issue 14, point 9: "5 minutes ago", and the site's time with its zone on hover."""
    import datetime as dt

    from django.utils import timezone

    settings.TIME_ZONE = "Asia/Baghdad"
    when = timezone.now() - dt.timedelta(minutes=5)
    Comment.objects.create(
        article=embedded,
        author_name="Hemin",
        author_email="h@example.org",
        text="Five minutes old.",
        status=CommentStatus.APPROVED,
        created_at=when,
        content_hash="five-minutes",
    )
    page.goto(host_page())
    time = widget(page).locator(".comment time")
    expect(time).to_have_text("5 minutes ago")
    expect(time).to_have_attribute("title", re.compile(r"^\d\d-\d\d-\d{4} \d\d:\d\d UTC\+3$"))
    # The exact instant for machines (milliseconds, as the API writes it).
    shown = dt.datetime.fromisoformat(time.get_attribute("datetime"))
    assert abs((shown - when).total_seconds()) < 0.001


def test_the_count_script_puts_counts_next_to_headlines(
    page, live_server, static_site, embedded, engine_answers
):
    """Issue 14, point 7: a publisher's list of headlines, LTR and RTL, one request."""
    from civility.posting.service import post_comment

    engine_answers("approve")
    for n in range(3):
        post_comment(
            article=embedded, author_name="R", author_email=f"r{n}@example.org", text=f"View {n}."
        )
    for lang, direction, expected in (("en", "ltr", "3 comments"), ("ckb", "rtl", None)):
        url = static_site(
            f"list-{lang}.html",
            f"""<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<title>Headlines</title></head><body><ul>
<li><a href="/a">Aleppo</a> <span data-civility-count="rudaw-123"></span></li>
<li><a href="/b">Other</a> <span data-civility-count="no-such-article"></span></li>
</ul><script src="{live_server.url}/static/civility/count.js" async></script></body></html>""",
        )
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        EmbedSite.objects.get_or_create(name="Rudaw", defaults={"origins": origin})
        page.goto(url)
        counts = page.locator("[data-civility-count]")
        if expected:
            expect(counts).to_have_text([expected, "0 comments"])
        else:
            with translation.override("ckb"):
                words = translation.ngettext("%(counter)s comment", "%(counter)s comments", 3)
            expect(counts.first).to_have_text(words % {"counter": 3})


def test_a_page_on_an_origin_not_configured_gets_nothing(page, host_page, embedded):
    page.goto(host_page(allow=False))
    expect(widget(page).locator(".notice")).to_have_text("Comments could not be loaded.")
    expect(page.get_by_label("Name")).to_have_count(0)


def test_the_widget_speaks_the_page_language_right_to_left(
    page, host_page, embedded, engine_answers
):
    Article.objects.filter(pk=embedded.pk).update(language="ar")
    page.goto(host_page(lang="ar", direction="rtl"))
    with translation.override("ar"):
        words = {
            w: translation.gettext(w)
            for w in ("Name", "Post", "Your comment is published.", "required")
        }
    box = widget(page)
    expect(box).to_have_attribute("lang", "ar")
    expect(box).to_have_attribute("dir", "rtl")
    assert box.evaluate("el => getComputedStyle(el).direction") == "rtl"

    fill(page, text="شكراً على هذا التقرير الواضح عن حلب.")
    page.get_by_role("button", name=words["Post"]).click()
    expect(box.locator(".outcome")).to_have_text(words["Your comment is published."])
    if words["Name"] != "Name":  # the Arabic catalog is compiled
        expect(box.locator("label[for=civ-author_name]")).to_have_text(words["Name"])
        expect(box.locator("label[for=civ-author_name] + .need")).to_have_text(
            f"({words['required']})"
        )
        # The accessible name is the field's name alone: the control says it is required.
        expect(box.get_by_label(words["Name"], exact=True)).to_have_count(1)


def test_a_sorani_page_gets_sorani_words_for_an_english_article(page, host_page, embedded):
    page.goto(host_page(lang="ckb-IQ", direction="rtl"))
    with translation.override("ckb"):
        heading = translation.gettext("Comments")
    expect(widget(page)).to_have_attribute("dir", "rtl")
    expect(widget(page).locator("#civ-heading")).to_have_text(heading)


def test_host_css_cannot_break_it(page, host_page, embedded):
    page.goto(host_page(css=HOSTILE_CSS))
    box = widget(page)
    for control in (page.get_by_label("Name"), page.get_by_label("Comment", exact=True)):
        expect(control).to_be_visible()
    expect(page.get_by_role("button", name="Post")).to_be_visible()
    style = box.evaluate(
        """el => { const s = getComputedStyle(el.querySelector('label'));
                   return [s.color, s.fontFamily, s.textTransform, s.letterSpacing, s.fontSize]; }"""
    )
    assert style[0] != "rgb(255, 0, 0)"
    assert "monospace" not in style[1]
    assert style[2] == "none" and style[3] == "normal"
    assert style[4] == "16px"


def test_custom_properties_restyle_it(page, host_page, embedded):
    css = "#civility-comments { --civility-accent: rgb(0, 128, 0); --civility-font-size: 20px; }"
    page.goto(host_page(css=css))
    button = page.get_by_role("button", name="Post")
    expect(button).to_have_css("background-color", "rgb(0, 128, 0)")
    expect(widget(page)).to_have_css("font-size", "20px")


def test_an_article_is_created_from_the_page_on_first_use(page, host_page, db, engine_answers):
    head = (
        '<meta name="description" content="Kurdish forces retook the road to Mosul.">'
        '<link rel="canonical" href="/2016/04/mosul-road">'
    )
    url = host_page(attrs="", title="Peshmerga retake Mosul road", head=head, create=True)
    page.goto(url)
    # Created held: readers see a notice until an editor approves it (issue 12, item 5).
    expect(widget(page).locator(".notice")).to_have_text(
        "Comments open on this page once an editor has approved it."
    )
    article = Article.objects.get()
    assert article.held
    Article.objects.filter(pk=article.pk).update(held=False)  # the editor approves
    page.goto(url)
    expect(widget(page).locator(".empty")).to_have_text("No comments yet.")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    assert article.external_id == f"{origin}/2016/04/mosul-road"
    assert article.title == "Peshmerga retake Mosul road"
    assert article.body == "Kurdish forces retook the road to Mosul."
    fill(page, text="Good news for the villages along the Mosul road.")
    page.get_by_role("button", name="Post").click()
    expect(widget(page).locator(".outcome")).to_have_text("Your comment is published.")
    assert Comment.objects.get().article == article


def test_pages_of_the_thread(page, host_page, embedded, engine_answers):
    from civility.posting.service import post_comment

    engine_answers("approve")
    for n in range(51):
        post_comment(
            article=embedded,
            author_name="Reader",
            author_email=f"r{n}@example.org",
            text=f"Comment number {n + 1} on the ceasefire.",
        )
    page.goto(host_page())
    box = widget(page)
    expect(box.locator(".comment")).to_have_count(50)
    expect(box.locator(".pages")).to_contain_text("Page 1 of 2")
    box.get_by_role("button", name="Next").click()
    expect(box.locator(".comment .text")).to_have_text(["Comment number 51 on the ceasefire."])
    expect(box.locator(".list")).to_be_focused()
    expect(box.get_by_role("button", name="Previous")).to_be_visible()
