"""The payload corpus in Chromium: no dialog opens, no marker script runs.

All payloads go on one article (as text, and as the author's name where they
fit), held first and then approved, so a few paginated page loads show every
one of them: the moderation queue while they are held, then the article
pages, the approved list, the admin's list and detail pages, and the JSON.

The escaping is tested with the Content-Security-Policy switched off
(``bypass_csp``): the CSP is a second wall, tested on its own below with the
admin and the queue working under it.
"""

from __future__ import annotations

import pytest
from django.test import Client

from civility.comments.actions import decide
from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.browser

PER_PAGE = 50
ADMIN_PER_PAGE = 100

# What a page must not contain once loaded; returns a list of findings.
INSPECT = """() => {
  const found = [];
  if (window.__xss !== undefined) found.push('window.__xss is set');
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} has ${attr.name}`);
    }
  }
  const texts = '.comment__text, .comment__author, .queue-item__text, .field-short_text, '
    + '.field-author_name, .readonly';
  for (const el of document.querySelectorAll(texts)) {
    const child = el.querySelector(':not(mark)');
    if (child && !el.closest('.form-row')) found.push(`element in text: ${child.outerHTML.slice(0, 80)}`);
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (/^\\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))) found.push(`link ${a.href}`);
  }
  for (const el of document.querySelectorAll('iframe, object, embed, svg script, math')) {
    found.push(`${el.tagName} element`);
  }
  return found;
}"""


@pytest.fixture
def payloads():
    from test_xss import load_payloads

    return load_payloads()


@pytest.fixture
def hostile_site(live_server, article, make_user, post_corpus, payloads):
    """The corpus posted (held) on one article; a superuser moderator's session cookie."""
    post_corpus(payloads, "review")
    moderator = make_user("admin")
    client = Client()
    client.force_login(moderator)
    cookie = {
        "name": "sessionid",
        "value": client.cookies["sessionid"].value,
        "url": live_server.url,
    }
    return {"article": article, "moderator": moderator, "cookie": cookie}


def open_context(browser, hostile_site, *, bypass_csp: bool):
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([hostile_site["cookie"]])
    return context


def visit(page, url: str, dialogs: list) -> list[str]:
    page.goto(url)
    # Handlers such as autofocus/onfocus or ontoggle fire just after load.
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
    findings = page.evaluate(INSPECT)
    return [f"{url}: {f}" for f in findings] + [f"{url}: dialog {d}" for d in dialogs]


def test_no_payload_runs_anywhere(browser, live_server, hostile_site, payloads):
    context = open_context(browser, hostile_site, bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = live_server.url
    article = hostile_site["article"]
    pages = -(-len(payloads) // PER_PAGE)
    findings: list[str] = []

    for n in range(1, pages + 1):  # held: the moderation queue
        findings += visit(page, f"{base}/moderate/?page={n}", dialogs)
    assert page.locator(".queue-item").count() > 0

    for comment in Comment.objects.filter(article=article):
        decide(comment, status="approved", actor=hostile_site["moderator"])
    assert not Comment.objects.exclude(status=CommentStatus.APPROVED).exists()

    for n in range(1, pages + 1):
        findings += visit(page, f"{base}{article.get_absolute_url()}?page={n}", dialogs)
        findings += visit(page, f"{base}/moderate/approved/?page={n}", dialogs)
    assert page.locator(".queue-item").count() > 0
    findings += visit(page, f"{base}/api/articles/{article.slug}/comments", dialogs)
    for n in range(1, -(-len(payloads) // ADMIN_PER_PAGE) + 1):
        findings += visit(page, f"{base}/admin/comments/comment/?o=1&p={n}", dialogs)
    for comment in Comment.objects.filter(article=article).order_by("id")[:8]:
        findings += visit(page, f"{base}/admin/comments/comment/{comment.pk}/change/", dialogs)
    context.close()
    assert not findings, "\n".join(findings[:40])


def test_pages_and_the_admin_work_under_the_csp(browser, live_server, hostile_site):
    """With the CSP enforced: no violation on any page, and the JS still works."""
    context = open_context(browser, hostile_site, bypass_csp=False)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    base = live_server.url
    article = hostile_site["article"]

    page.goto(f"{base}{article.get_absolute_url()}")
    page.locator('[data-text-size="up"]').click()  # article.js
    page.goto(f"{base}/api/docs")
    page.locator(".swagger-ui .info").wait_for()  # Swagger UI, served from /static/

    # The admin: its scripts run (the action bar counts the selection) and an
    # action goes through.
    page.goto(f"{base}/admin/comments/comment/?o=1")
    first = Comment.objects.filter(article=article).order_by("id").first()
    page.locator(f'input.action-select[value="{first.pk}"]').check()
    page.locator(".action-counter").wait_for()
    assert page.locator(".action-counter").inner_text().startswith("1 of")
    page.select_option('select[name="action"]', "approve_selected")
    page.locator('button[name="index"]').click()
    page.wait_for_load_state("load")
    first.refresh_from_db()
    assert first.status == CommentStatus.APPROVED
    page.goto(f"{base}/admin/comments/comment/{first.pk}/change/")
    page.goto(f"{base}/admin/articles/article/add/")

    # The queue: htmx swaps in the decision.
    page.goto(f"{base}/moderate/")
    item = page.locator("[data-queue-item]").first
    item.locator('button[data-action="approve"]').click()
    page.locator(".queue-item--done").first.wait_for()
    context.close()
    assert not violations, "\n".join(violations)
