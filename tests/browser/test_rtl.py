"""Arabic and Sorani article pages in Chromium: right to left, and not reorderable.

Screenshots of both pages with comments go to test-artifacts/ (rtl-ckb.png,
rtl-ar.png). The layout checks measure where the browser really drew things:
text that starts at the right edge, a date whose digits run left to right, and
a comment whose name and text carry a RIGHT-TO-LEFT OVERRIDE (U+202E) that must
not reorder anything outside itself. Posting such a comment is refused, in the
page's language; the stored one stands for text that came in some other way
(an import, an older version), which the page must survive all the same.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.browser

RLO = "\u202e"
PAGES = {
    "ckb": {
        "title": "قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر دەکرێتەوە",
        "body": "قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر ئەمڕۆ بۆ هاتوچۆ دەکرێتەوە.\n\n"
        "ئەم قۆناغە نزیکەی 12 کیلۆمەتر درێژە و چوار پردی نوێی تێدایە.",
        "comments": [("هێمن", "هیوادارم قۆناغی دووەم زووتر تەواو بێت."), ("Karwan", "OK, 150 m!")],
        "heading": "لێدوانەکان",
        "refused": "ئەمە پیتێکی تێدایە کە ڕیزبەندی دەق دەگۆڕێت (U+202E)؛ تکایە لای ببە.",
    },
    "ar": {
        "title": "افتتاح معرض أربيل الدولي للكتاب بمشاركة 300 دار نشر",
        "body": "افتُتح صباح اليوم معرض أربيل الدولي للكتاب بمشاركة نحو 300 دار نشر.\n\n"
        "ويستمر المعرض عشرة أيام، والدخول مجاني.",
        "comments": [("Layla", "خبر جميل، شكرًا."), ("سامر", "Rudaw 2016 – good.")],
        "heading": "التعليقات",
        "refused": "يحتوي هذا على حرف يعيد ترتيب النص (U+202E)؛ يرجى حذفه.",
    },
}

# Where the browser drew an element's text: the box of its contents, and the
# first and last characters of its first text node.
MEASURE = """(element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const node = [...element.childNodes].find((n) => n.nodeType === 3 && n.data.trim());
  const charBox = (i) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    return r.getBoundingClientRect().left;
  };
  const first = node ? charBox(node.data.search(/\\S/)) : null;
  const last = node ? charBox(node.data.trimEnd().length - 1) : null;
  return {boxLeft: box.left, boxRight: box.right, textLeft: text.left, textRight: text.right,
          first, last, direction: getComputedStyle(element).direction};
}"""


def make_article(lang: str) -> Article:
    spec = PAGES[lang]
    article = Article.objects.create(
        slug=f"rtl-{lang}",
        title=spec["title"],
        published=dt.date(2016, 4, 23),
        source="Rudaw",
        body=spec["body"],
        language=lang,
    )
    when = dt.datetime(2016, 4, 23, 9, 30, tzinfo=dt.UTC)
    comments = [*spec["comments"], (f"{RLO}Mallory", f"{RLO}evil 12:00 text")]
    comments.append(("Nesrîn", "2016-04-23 after the override"))
    for i, (name, text) in enumerate(comments):
        Comment.objects.create(
            article=article,
            author_name=name,
            author_email=f"c{i}@example.org",
            text=text,
            language=lang,
            status=CommentStatus.APPROVED,
            created_at=when + dt.timedelta(minutes=i),
            content_hash=f"rtl-{lang}-{i}",
        )
    return article


def starts_at_the_right(measure) -> bool:
    return abs(measure["boxRight"] - measure["textRight"]) < 2


@pytest.mark.parametrize("lang", ["ckb", "ar"])
def test_an_rtl_article_page_with_comments(page, live_server, screenshot, lang):
    article = make_article(lang)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#comments-heading")).to_have_text(PAGES[lang]["heading"])
    screenshot(f"rtl-{lang}")

    # Headings, body and form labels start at the right edge of their boxes.
    for selector in ("#article-title", "#comments-heading", "#post-comment", "label[for=id_text]"):
        measure = page.locator(selector).evaluate(MEASURE)
        assert measure["direction"] == "rtl", selector
        assert starts_at_the_right(measure), (selector, measure)
    body = page.locator("#article-body p").last.evaluate(MEASURE)
    assert starts_at_the_right(body) and body["textLeft"] > body["boxLeft"] + 50, body

    # The date runs left to right (2 before 3 in 23-04-2016), inside a right-to-left line.
    date = page.locator(".article__meta time").evaluate(MEASURE)
    assert date["first"] < date["last"], date


@pytest.mark.parametrize("lang", ["ckb", "ar"])
def test_a_right_to_left_override_does_not_reorder_the_page(page, live_server, lang):
    article = make_article(lang)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    comments = page.locator(".comment-list .comment")
    expect(comments).to_have_count(4)

    # The measurement can see a reordering: an override that is not isolated
    # turns a date around (12:00 drawn as 00:21).
    probe = page.evaluate(
        """() => {
          const p = document.createElement('p');
          p.dir = 'ltr';
          p.append('\\u202e', document.createTextNode('12:00'));
          document.body.append(p);
          const node = p.childNodes[1], at = (i) => {
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
            return r.getBoundingClientRect().left; };
          const reversed = at(0) > at(4);
          p.remove();
          return reversed;
        }"""
    )
    assert probe is True

    # Around the override: each comment's own date still runs left to right,
    # and sits after (to the left of) its author in the right-to-left line.
    for i in range(4):
        comment = comments.nth(i)
        date = comment.locator("time").evaluate(MEASURE)
        assert date["first"] < date["last"], (i, date)
        author = comment.locator(".comment__author").bounding_box()
        assert date["textRight"] <= author["x"] + 1, (i, date, author)
    # The comment after the override, and the form below, are laid out as usual.
    after = comments.nth(3).locator(".comment__text").evaluate(MEASURE)
    assert after["first"] < after["last"], after  # "2016-…" left to right, as written
    heading = page.locator("#post-comment").evaluate(MEASURE)
    assert starts_at_the_right(heading), heading

    # Posting such a comment is refused, in the page's language, the text kept.
    page.get_by_label({"ckb": "ناو", "ar": "الاسم"}[lang]).fill("Mallory")
    page.locator("#id_author_email").fill("mallory@example.org")
    page.locator("#id_text").fill(f"{RLO}reversed")
    page.locator(".comment-form button[type=submit]").click()
    expect(page.locator("#text-error")).to_have_text(PAGES[lang]["refused"])
    expect(page.locator("#id_text")).to_have_value(f"{RLO}reversed")
    heading = page.locator("#post-comment").evaluate(MEASURE)
    assert starts_at_the_right(heading), heading


def test_the_moderator_switches_the_queue_to_arabic(
    page, live_server, sign_in, held_comment, screenshot
):
    held_comment("You idiot, Rudaw got this wrong.", "r1@example.org")
    sign_in("/moderate/")
    page.get_by_label("Interface language").select_option("ar")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_url(f"{live_server.url}/moderate/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("الإشراف")
    expect(page.get_by_role("button", name="قبول")).to_be_visible()
    screenshot("rtl-queue-ar")
    # The English comment and article title keep their own direction.
    text = page.locator(".queue-item__text").evaluate(MEASURE)
    assert text["direction"] == "ltr"
    heading = page.get_by_role("heading", level=1).evaluate(MEASURE)
    assert starts_at_the_right(heading), heading


# What sticks out past the window's right edge, for the failure message.
WIDER_THAN_THE_WINDOW = """() => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
  .slice(0, 5).map((e) => e.tagName + "." + e.className)"""


@pytest.mark.parametrize("lang", ["en", "ckb"])
def test_the_desk_fits_a_phone_without_scrolling_sideways(
    page, live_server, sign_in, held_comment, lang
):
    """At 390 px the lists' tabs wrap and the dashboard's charts stack: the desk
    never scrolls sideways, either way round, its data tables opened too."""
    held_comment("You idiot, Rudaw got this wrong.", "r1@example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("/moderate/")
    if lang != "en":
        page.get_by_label("Interface language").select_option(lang)
        page.get_by_role("button", name="Change language").click()
        page.wait_for_url(f"{live_server.url}/moderate/")
    for path in ("/moderate/", "/moderate/approved/", "/moderate/dashboard/?days=30"):
        page.goto(f"{live_server.url}{path}")
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => (d.open = true))")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (lang, path, overflow, page.evaluate(WIDER_THAN_THE_WINDOW))
