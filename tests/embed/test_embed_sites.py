"""Embedding sites: origins as browsers write them, and the widget file's promises."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import civility
from civility.embed.models import EmbedSite, normalise_origin, origin_of

EMBED_JS = Path(civility.__file__).parent / "static" / "civility" / "embed.js"


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("https://News.Example.com/", "https://news.example.com"),
        ("https://news.example.com:443", "https://news.example.com"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_origins_are_written_as_browsers_send_them(raw, origin):
    assert normalise_origin(raw) == origin


@pytest.mark.parametrize(
    "raw", ["news.example.com", "ftp://news.example.com", "https://news.example.com/path", ""]
)
def test_what_is_not_an_origin_is_refused(raw):
    with pytest.raises(ValueError):
        normalise_origin(raw)


def test_a_page_url_belongs_to_its_origin():
    assert origin_of("https://news.example.com:443/2016/x?y=1") == "https://news.example.com"


def test_the_admin_form_cleans_and_checks_the_origins(db):
    site = EmbedSite(
        name="Rudaw", origins="https://a.example/, https://a.example\nhttp://b.example"
    )
    site.full_clean()
    assert site.origins == "https://a.example\nhttp://b.example"
    with pytest.raises(ValidationError) as raised:
        EmbedSite(name="Bad", origins="a.example/news").full_clean()
    assert "origins" in raised.value.message_dict
    with pytest.raises(ValidationError):
        EmbedSite(name="Empty", origins=" ").full_clean()


def test_a_site_is_found_only_by_an_exact_active_origin(db):
    EmbedSite.objects.create(name="A", origins="https://a.example\nhttps://www.a.example")
    EmbedSite.objects.create(name="Off", origins="https://off.example", active=False)
    assert EmbedSite.objects.for_origin("https://www.a.example").name == "A"
    assert EmbedSite.objects.for_origin("https://a.example.evil.example") is None
    assert EmbedSite.objects.for_origin("https://off.example") is None
    assert EmbedSite.objects.for_origin("null") is None
    assert EmbedSite.objects.for_origin(None) is None


def test_the_widget_stays_small():
    # Measured, not timed: what a reader downloads, gzipped.
    assert len(gzip.compress(EMBED_JS.read_bytes(), 9)) < 20_000


def test_the_widget_never_parses_text_as_html():
    source = EMBED_JS.read_text()
    # Readers' text reaches the host page's DOM: only ever as text.
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in source
    assert re.search(r'credentials:\s*"omit"', source)


def test_editors_add_a_site_in_the_admin(admin_client):
    assert admin_client.get("/admin/embed/embedsite/add/").status_code == 200
    response = admin_client.post(
        "/admin/embed/embedsite/add/",
        {
            "name": "Rudaw Sorani",
            "origins": "https://www.rudaw.net/\nhttps://rudaw.net",
            "create_articles": "on",
            "language": "ckb",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content[:500]
    site = EmbedSite.objects.get()
    assert site.origin_list() == ["https://www.rudaw.net", "https://rudaw.net"]
    bad = admin_client.post(
        "/admin/embed/embedsite/add/", {"name": "Bad", "origins": "rudaw.net", "language": "en"}
    )
    assert bad.status_code == 200 and EmbedSite.objects.count() == 1
