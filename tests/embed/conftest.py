"""Fixtures for the widget's routes: a configured site and a JSON poster.

The article (external id ``rudaw-123``) and the pinned engine come from
tests/conftest.py.
"""

from __future__ import annotations

import json

import pytest

SITE_ORIGIN = "https://news.example.com"


@pytest.fixture
def site(db):
    from civility.embed.models import EmbedSite

    return EmbedSite.objects.create(name="Rudaw English", origins=SITE_ORIGIN)


@pytest.fixture
def post_json(client):
    def send(url, data, origin=SITE_ORIGIN):
        headers = {"Origin": origin} if origin else {}
        return client.post(url, json.dumps(data), content_type="application/json", headers=headers)

    return send
