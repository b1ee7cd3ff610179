"""The payload corpus in the embeddable widget, on a publisher's page in Chromium.

The widget renders inside a shadow root on someone else's page, where our
CSP does not apply: escaping is the only wall there. A host page on another
origin (a configured embedding site) loads ``embed.js`` from the live server;
every page of the thread, all payloads approved, must open no dialog, set no
marker and put nothing but text inside a comment.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PER_PAGE = 50

INSPECT_SHADOW = """() => {
  const found = [];
  if (window.__xss !== undefined) found.push('window.__xss is set');
  const host = document.getElementById('civility-comments');
  const root = host && host.shadowRoot;
  if (!root) return ['no shadow root'];
  const texts = root.querySelectorAll('.text, .author');
  if (!texts.length) found.push('no comments shown');
  for (const el of texts) {
    if (el.children.length) found.push(`element in text: ${el.innerHTML.slice(0, 80)}`);
  }
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} has ${attr.name}`);
    }
  }
  for (const el of root.querySelectorAll('script, iframe, object, embed, img, svg, math, style:not(:first-child)')) {
    if (el.tagName !== 'STYLE') found.push(`${el.tagName} element`);
  }
  return found;
}"""


def test_no_payload_runs_in_the_widget(
    browser, live_server, article, post_corpus, static_site, payloads_for_widget
):
    from civility.embed.models import EmbedSite

    payloads = payloads_for_widget
    post_corpus(payloads)
    host_url = static_site("host.html", "<!doctype html><title>host</title>")
    origin = host_url.rsplit("/", 1)[0]
    EmbedSite.objects.create(name="Host", origins=origin)

    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    findings: list[str] = []
    pages = -(-len(payloads) // PER_PAGE)
    html = (
        "<!doctype html><html lang='en'><title>News</title>"
        "<div id='civility-comments'></div>"
        f"<script src='{live_server.url}/static/civility/embed.js' "
        f"data-civility-article='{article.slug}'></script></html>"
    )
    page.goto(static_site("article.html", html))
    shown = page.locator(
        "#civility-comments .text"
    )  # Playwright's CSS reaches into the shadow root
    for n in range(1, pages + 1):
        shown.first.wait_for(state="attached")
        page.locator("#civility-comments .pages span", has_text=f"{n}").first.wait_for(
            state="attached"
        )
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
        findings += [f"page {n}: {f}" for f in page.evaluate(INSPECT_SHADOW)]
        if n < pages:
            first_text = shown.first.text_content()
            page.locator("#civility-comments .pages button").last.click()
            page.wait_for_function(
                "(before) => { const r = document.getElementById('civility-comments').shadowRoot;"
                " const t = r.querySelector('.text'); return t && t.textContent !== before; }",
                arg=first_text,
            )
    context.close()
    findings += [f"dialog: {d}" for d in dialogs]
    assert not findings, "\n".join(findings[:40])


@pytest.fixture
def payloads_for_widget():
    from test_xss import load_payloads

    return load_payloads()
