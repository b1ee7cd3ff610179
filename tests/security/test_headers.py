"""Security headers on every response, and pages that a strict CSP does not break."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from civility.posting.service import post_comment
from civility.web.security import SecurityHeadersMiddleware, content_security_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, article, engine_answers, make_user):
    engine_answers("review")
    post_comment(
        article=article, author_name="R", author_email="r@example.org", text="Held for review."
    )
    admin = make_user("admin")
    return {
        "public": [
            "/",
            article.get_absolute_url(),
            f"/tags/{article.tags.first().slug}/",
            "/accounts/login/",
            "/api/articles",
            "/api/openapi.json",
            "/api/docs",
            "/no-such-page/",
            "/static/civility/css/civility.css",
        ],
        "signed_in": [
            "/moderate/",
            "/moderate/approved/",
            "/admin/",
            "/admin/comments/comment/",
            "/admin/articles/article/add/",
        ],
        "admin": admin,
    }


def responses(client, pages):
    for url in pages["public"]:
        yield url, client.get(url)
    client.force_login(pages["admin"])
    for url in pages["signed_in"]:
        yield url, client.get(url)


def test_every_response_carries_the_headers(client, pages):
    for url, response in responses(client, pages):
        csp = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
        assert directives["frame-ancestors"] == "'none'", url
        assert "unsafe" not in csp, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "Strict-Transport-Security" not in response  # plain http


def test_a_view_may_name_the_sites_that_frame_it():
    def framed(request):
        response = HttpResponse("widget")
        response["X-Frame-Options"] = "DENY"
        response.frame_ancestors = ["https://news.example.com", "https://www.example.org"]
        return response

    response = SecurityHeadersMiddleware(framed)(RequestFactory().get("/x"))
    assert (
        "frame-ancestors https://news.example.com https://www.example.org"
        in (response["Content-Security-Policy"])
    )
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'none'" in content_security_policy()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)


def test_no_page_has_inline_script_handler_or_style(client, pages):
    """The CSP forbids them; a page that had one would break in the browser."""
    for url, response in responses(client, pages):
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), f"{url}: inline script"
        assert not HANDLER.search(html), f"{url}: inline event handler"
        assert not STYLE_ATTR.search(html), f"{url}: style attribute"
        assert "<style" not in html.lower(), f"{url}: <style> element"
