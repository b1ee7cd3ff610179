"""axe-core on what readers see (issue 14, point 8): the article page, the
widget and the guidelines page, in English and Sorani (left to right and right
to left), at 1280 and 390 px wide: no violation of WCAG 2.1 A and AA.

axe-core is vendored (tests/browser/vendor/, from the npm registry), injected
into the page; it reads open shadow roots, so the widget is checked inside.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from civility.articles.models import Article
from civility.comments.models import Comment, CommentStatus
from civility.embed.models import EmbedSite

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 390]

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  if (result.passes.length < 10) return [{id: "axe-did-not-run", passes: result.passes.length}];
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


@pytest.fixture
def page(browser):
    """A page that lets the test inject axe past the site's Content-Security-Policy
    (which forbids inline scripts; the site itself is unchanged)."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN, TAGS)


@pytest.fixture
def articles(db):
    made = {}
    for lang, title, body in (
        ("en", "Russia defends military action in Aleppo region", "Russia defended it."),
        ("ckb", "قۆناغی یەکەمی شەقامی 150 مەتری لە هەولێر", "ئەم قۆناغە نزیکەی 12 کیلۆمەتر درێژە."),
    ):
        article = Article.objects.create(
            slug=f"axe-{lang}",
            title=title,
            published=dt.date(2016, 4, 23),
            source="Rudaw",
            body=body,
            language=lang,
            external_id=f"axe-{lang}",
        )
        Comment.objects.create(
            article=article,
            author_name="Hemin",
            author_email="h@example.org",
            text="A published comment." if lang == "en" else "لێدوانێکی بڵاوکراوە.",
            language=lang,
            status=CommentStatus.APPROVED,
            created_at=dt.datetime(2016, 4, 23, 9, 30, tzinfo=dt.UTC),
            content_hash=f"axe-{lang}",
        )
        made[lang] = article
    return made


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ckb"])
def test_the_article_page(page, live_server, articles, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{articles[lang].get_absolute_url()}")
    assert violations(page) == []
    # And with errors on the form (the summary, the marked fields).
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ckb"])
def test_the_guidelines_page(page, live_server, db, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/guidelines/?lang={lang}")
    assert violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ckb"])
def test_the_widget(page, live_server, static_site, articles, lang, width):
    direction = "rtl" if lang == "ckb" else "ltr"
    url = static_site(
        f"axe-{lang}.html",
        f"""<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<title>{articles[lang].title}</title></head><body><main><h1>{articles[lang].title}</h1>
<div id="civility-comments"></div></main>
<script src="{live_server.url}/static/civility/embed.js" data-civility-article="axe-{lang}" async></script>
</body></html>""",
    )
    origin = "{0.scheme}://{0.netloc}".format(
        __import__("urllib.parse", fromlist=["urlsplit"]).urlsplit(url)
    )
    EmbedSite.objects.create(name="Rudaw", origins=origin)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    expect(page.locator("#civility-comments .civ .comment")).to_have_count(1)
    assert violations(page) == []
