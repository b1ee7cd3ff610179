"""Comment text is text: the payload corpus, escaped on every page and in JSON.

Fast checks through Django's test client; tests/security/test_xss_browser.py
loads the same pages in Chromium and watches for a script that runs.
Links in comments are not links: the text is shown as written, so a URL in a
comment is plain text (no ``<a>``, hence no rel to get wrong).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils.html import escape

from civility.articles.importer import import_articles
from civility.articles.models import Article
from civility.comments import notifications
from civility.comments.actions import decide
from civility.comments.models import Comment
from civility.posting.service import post_comment

pytestmark = pytest.mark.django_db


def fits_a_name(payload: str) -> bool:
    """A name is one line of at most 80 characters (abuse/textrules.py, one_line)."""
    return len(payload) <= 80 and not any(
        ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in payload
    )


CORPUS = Path(__file__).with_name("xss_payloads.txt")
PER_PAGE = 50


def load_payloads() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [
        line.replace("\\n", "\n").replace("\\t", "\t")
        for line in lines
        if line and not line.startswith("#")
    ]


PAYLOADS = load_payloads()


def test_the_corpus():
    assert len(PAYLOADS) >= 300
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    kinds = {
        "script tags": "<script",
        "event handlers": "onerror=",
        "javascript: URLs": "javascript:",
        "data: URLs": "data:text/html",
        "SVG": "<svg",
        "MathML": "<math",
        "CSS": "<style",
        "template syntax": "{{",
        "broken markup": "<img src=x onerror=window.__xss=1//",
        "encoded": "&#x3C;script",
        "polyglots": "jaVasCript:/*-/*`/*",
        "htmx attributes": "hx-on",
    }
    for kind, needle in kinds.items():
        assert any(needle.lower() in p.lower() for p in PAYLOADS), f"no {kind} payload"
    # Every payload would leave a trace if it ran.
    markers = (
        "__xss",
        "__x'+'ss",
        "alert",
        "\\u0061lert",
        "d2luZG93Ll9feHNzPTE",
        "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg",
    )
    for payload in PAYLOADS:
        assert any(m in payload for m in markers), payload


def assert_escaped(html: str, payloads) -> None:
    for payload in payloads:
        assert escape(payload) in html, f"not shown escaped: {payload!r}"
        if any(c in payload for c in "<>\"'"):
            assert payload not in html, f"shown raw: {payload!r}"


def test_article_pages_and_json_show_the_text_escaped(client, article, post_corpus):
    post_corpus(PAYLOADS)
    pages = -(-len(PAYLOADS) // PER_PAGE)
    for page in range(1, pages + 1):
        html = client.get(f"{article.get_absolute_url()}?page={page}").content.decode()
        shown = PAYLOADS[(page - 1) * PER_PAGE : page * PER_PAGE]
        assert_escaped(html, shown)
        # No link, image, frame or script comes out of a comment.
        for tag in ('<a href="javascript', "<script>", "<img", "<iframe", "<svg", "<math"):
            assert tag not in html.lower(), tag

        response = client.get(f"/api/articles/{article.slug}/comments?page={page}")
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert [c["text"] for c in response.json()["comments"]] == shown


def test_the_queue_and_the_admin_show_the_text_escaped(client, article, post_corpus, moderator):
    from civility.comments.roles import ensure_groups

    ensure_groups()
    held = post_corpus(PAYLOADS, "review")
    client.force_login(moderator)
    html = client.get("/moderate/").content.decode()
    # The queue marks the engine's evidence inside the (escaped) text: read it
    # without the <mark> wrappers. Names no longer carry every payload (a name
    # is one line), so the text itself must show each one.
    assert_escaped(re.sub(r"<mark[^>]*>|</mark>", "", html), PAYLOADS[:PER_PAGE])

    moderator.is_superuser = moderator.is_staff = True
    moderator.save()
    listing = client.get("/admin/comments/comment/?o=1").content.decode()  # 100, oldest first
    assert_escaped(listing, [p for p in PAYLOADS[:100] if len(p) <= 79])
    for comment in held[:40]:
        detail = client.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()
        assert escape(comment.text) in detail
        decide(comment, status="approved", actor=moderator)
    approved = client.get("/moderate/approved/").content.decode()
    assert_escaped(re.sub(r"<mark[^>]*>|</mark>", "", approved), [c.text for c in held[:40]])


def test_article_titles_and_tags_are_escaped_too(client, db):
    hostile = [p for p in PAYLOADS if len(p) <= 60 and "<" in p][:25]
    import_articles(
        [
            {
                "slug": f"hostile-{n}",
                "title": payload,
                "published": "2016-04-21",
                "body": payload,
                "tags": [payload, "Aleppo"],
            }
            for n, payload in enumerate(hostile)
        ]
    )
    home = client.get("/").content.decode()
    assert_escaped(home, hostile)
    article = Article.objects.get(slug="hostile-0")
    assert_escaped(client.get(article.get_absolute_url()).content.decode(), [hostile[0]])
    tag = article.tags.get(name="Aleppo")
    assert_escaped(client.get(f"/tags/{tag.slug}/").content.decode(), hostile)


def test_a_url_in_a_comment_is_plain_text(client, article, engine_answers):
    engine_answers("approve")
    post_comment(
        article=article,
        author_name="Reader",
        author_email="r@example.org",
        text="Read https://example.org/report and www.example.net/x please.",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Read https://example.org/report and www.example.net/x please." in html
    assert 'href="https://example.org/report"' not in html
    assert Comment.objects.count() == 1


def test_decision_emails_are_plain_text_with_one_line_headers(
    article, engine_answers, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    """E-mails carry the comment as quoted plain text: nothing to render, nothing to inject."""
    engine_answers("review")
    hostile = [p for p in PAYLOADS if "<" in p][:30]
    hostile.append("Subject line\nBcc: victim@example.org\n\n<script>window.__xss=1</script>")
    for n, payload in enumerate(hostile):
        comment = post_comment(
            article=article,
            author_name=payload if fits_a_name(payload) else f"R{n}",
            author_email=f"reader{n}@example.org",
            text=payload,
            notify=True,
        ).comment
        # The reader opened the link in the first e-mail (comments/notifications.py).
        assert notifications.confirm(notifications.confirm_token(comment))
        with django_capture_on_commit_callbacks(execute=True):
            decide(comment, status="approved", actor=moderator)
    assert len(mailoutbox) == len(hostile)
    for message, payload in zip(mailoutbox, hostile, strict=True):
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", None)  # no HTML part
        raw = message.message()
        assert raw.get_content_type() == "text/plain"
        assert "\n" not in message.subject and "\r" not in message.subject
        assert raw["Bcc"] is None and message.to == [message.to[0]]
        quoted = "\n".join(f"> {line}" for line in payload.split("\n"))
        assert quoted in message.body
