"""A signed-in reader through the widget: the route, and the form in Chromium."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from readertokens import WRONG_SECRET, make_token

from civility.abuse import bots
from civility.comments.models import Comment
from civility.embed.models import EmbedSite
from civility.readers.models import ReaderComment

ORIGIN = "https://news.example.com"
POST = "/api/embed/articles/russia-defends-aleppo/comments"


def widget_post(client, **body):
    data = {"text": "A fair point.", "issued": bots.form_timestamp(), "website": "", **body}
    return client.post(
        POST, json.dumps(data), content_type="application/json", headers={"Origin": ORIGIN}
    )


@pytest.fixture
def site(db):
    return EmbedSite.objects.create(name="Rudaw", origins=ORIGIN)


@pytest.mark.django_db
def test_the_widget_route_takes_the_token_instead_of_the_form(
    client, article, site, hs256, engine_answers
):
    engine_answers("approve")
    response = widget_post(client, reader_token=make_token())
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email) == ("Shilan Ahmed", "shilan@example.org")
    assert ReaderComment.objects.filter(comment=comment).exists()

    refused = widget_post(client, text="Another.", reader_token=make_token(key=WRONG_SECRET))
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "reader_token_invalid"
    # Guests still post with the form.
    guest = widget_post(client, text="Guest.", author_name="G", author_email="g@example.org")
    assert guest.status_code == 201


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aleppo</title></head>
<body><div id="civility-comments"></div>
<script src="{server}/static/civility/embed.js" data-civility-article="russia-defends-aleppo"
        data-civility-reader-token="{token}" async></script>
</body></html>
"""


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_reader_posts_without_name_or_email(
    page, live_server, static_site, article, hs256, engine_answers
):
    from playwright.sync_api import expect

    engine_answers("approve")
    url = static_site("signed-in.html", PAGE.format(server=live_server.url, token=make_token()))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    EmbedSite.objects.create(name="Rudaw", origins=origin)
    page.goto(url)

    box = page.locator("#civility-comments .civ")
    expect(box.locator("#civ-text")).to_be_visible()
    assert box.locator("#civ-author_name").count() == 0
    assert box.locator("#civ-author_email").count() == 0
    box.locator("#civ-text").fill("Signed in, and glad of this report.")
    page.get_by_role("button", name="Post").click()
    expect(box.locator(".outcome")).to_have_text("Your comment is published.")
    comment = Comment.objects.get()
    assert comment.author_name == "Shilan Ahmed"
    expect(box.locator(".comment .author")).to_have_text(["Shilan Ahmed"])
