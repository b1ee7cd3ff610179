"""The widget's routes through Django's test client (real URLs, middleware, database)."""

from __future__ import annotations

import pytest

from civility.abuse import bots
from civility.articles.models import Article
from civility.comments.models import Comment, CommentStatus
from civility.embed.models import EmbedSite

SITE_ORIGIN = "https://news.example.com"  # the site tests/embed/conftest.py configures

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

THREAD = "/api/embed/thread"
POST = "/api/embed/articles/russia-defends-aleppo/comments"


def comment(**change):
    data = {
        "author_name": "Shilan",
        "author_email": "shilan@example.org",
        "text": "A fair point about the ceasefire.",
        "issued": bots.form_timestamp(),
        "website": "",
    }
    return {**data, **change}


# --- reading -------------------------------------------------------------------


def test_the_thread_by_publisher_id_has_words_token_and_approved_comments(
    client, article, site, engine_answers, post_json
):
    assert post_json(POST, comment()).status_code == 201
    engine_answers("review")
    assert post_json(POST, comment(text="Held for a person to read.")).status_code == 202

    response = client.get(THREAD, {"article": "rudaw-123"}, headers={"Origin": SITE_ORIGIN})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == SITE_ORIGIN
    body = response.json()
    assert body["article"]["slug"] == "russia-defends-aleppo"
    assert [c["text"] for c in body["thread"]["comments"]] == ["A fair point about the ceasefire."]
    assert "author_email" not in body["thread"]["comments"][0]
    assert body["interface"]["lang"] == "en" and body["interface"]["dir"] == "ltr"
    assert body["interface"]["strings"]["name"] == "Name"
    assert any("profanity" in p for p in body["interface"]["guidelines"])
    bots.check_form({"issued": body["form"]["issued"]})  # a valid, fresh token


def test_a_page_finds_its_article_by_canonical_url_or_slug(client, article):
    article.external_id = "https://news.example.com/2016/aleppo"
    article.save()
    by_url = client.get(THREAD, {"url": "https://news.example.com/2016/aleppo#comments"})
    by_slug = client.get(THREAD, {"article": "russia-defends-aleppo"})
    assert by_url.json()["article"]["slug"] == by_slug.json()["article"]["slug"] == article.slug


def test_an_unknown_article_is_404_in_the_one_shape(client, db):
    response = client.get(THREAD, {"article": "nope"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "article_not_found"
    response = client.get(THREAD)
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "required",
        "message": "Name the article (data-civility-article) or give the page's URL.",
        "field": "article",
    }


@pytest.mark.parametrize(
    ("lang", "expected_lang", "expected_dir"),
    [("ar", "ar", "rtl"), ("ckb-IQ", "ckb", "rtl"), ("TR", "tr", "ltr"), ("fr", "en", "ltr")],
)
def test_the_words_follow_the_page_language(client, article, lang, expected_lang, expected_dir):
    from django.utils import translation

    body = client.get(THREAD, {"article": "rudaw-123", "lang": lang}).json()
    assert body["interface"]["lang"] == expected_lang
    assert body["interface"]["dir"] == expected_dir
    with translation.override(expected_lang):
        assert body["interface"]["strings"]["post"] == translation.gettext("Post")


# --- CORS and the origin check (the CSRF defence) -----------------------------------


def test_a_preflight_from_a_configured_site_is_allowed(client, site):
    response = client.options(
        POST,
        headers={
            "Origin": SITE_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "Content-Type, X-Civility-Reader"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Origin" in response["Vary"]


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "https://news.example.com.evil.example",
        "http://news.example.com",  # another scheme is another origin
        "https://news.example.com:8443",
        "null",
    ],
)
def test_other_origins_get_no_cors_and_cannot_post(client, site, article, post_json, origin):
    preflight = client.options(
        POST, headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 403
    assert "Access-Control-Allow-Origin" not in preflight
    response = post_json(POST, comment(), origin=origin)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "Access-Control-Allow-Origin" not in response
    assert not Comment.objects.exists()


def test_a_post_without_origin_or_from_an_inactive_site_is_refused(site, article, post_json):
    assert post_json(POST, comment(), origin=None).status_code == 403
    EmbedSite.objects.update(active=False)
    assert post_json(POST, comment()).status_code == 403
    assert not Comment.objects.exists()


def test_a_cross_origin_post_needs_no_cookie_or_csrf_token(
    site, article, engine_answers, post_json, client
):
    # Django's CSRF check is on for this client: the route must not depend on it.
    client.handler.enforce_csrf_checks = True
    response = post_json(POST, comment())
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "Set-Cookie" not in response.headers


# --- posting -------------------------------------------------------------------


def test_outcomes_are_the_article_pages(site, article, engine_answers, post_json):
    published = post_json(POST, comment())
    assert published.status_code == 201
    assert published.json()["outcome"] == "published"
    assert published.json()["message"] == "Your comment is published."

    engine_answers("review")
    held = post_json(POST, comment(text="Something for a moderator."))
    assert held.status_code == 202
    assert held.json()["message"] == "Your comment is held for a moderator."

    engine_answers("reject")
    rejected = post_json(POST, comment(text="You are a fool."))
    assert rejected.status_code == 201
    assert rejected.json()["message"] == "Rejected: personal attacks are not allowed."
    assert Comment.objects.get(text="You are a fool.").status == CommentStatus.REJECTED


def test_form_errors_name_every_field_with_the_pages_messages(site, article, post_json):
    response = post_json(POST, comment(author_name="", author_email="not-an-address", text=" "))
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == body["errors"][0]
    assert body["errors"] == [
        {"code": "required", "message": "Please give your name.", "field": "author_name"},
        {
            "code": "invalid_email",
            "message": "Please give a valid email address, like name@example.com.",
            "field": "author_email",
        },
        {"code": "required", "message": "Please write your comment.", "field": "text"},
    ]


def test_errors_speak_the_page_language(site, article, post_json):
    from django.utils import translation

    response = post_json(POST, comment(author_name="", lang="ar"))
    with translation.override("ar"):
        expected = translation.gettext("Please give your name.")
    assert response.json()["error"]["message"] == expected


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"website": "http://spam.example"}, "form_honeypot"),
        ({"issued": "forged"}, "form_unsigned"),
    ],
)
def test_the_honeypot_and_signed_timestamp_guard_the_widget_too(
    site, article, post_json, change, code
):
    response = post_json(POST, comment(**change))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not Comment.objects.exists()


def test_a_closed_article_and_rate_limits_answer_with_their_status(
    site, article, engine_answers, post_json, settings
):
    from civility.web.config import Rate

    settings.CIVILITY_RATE_LIMIT_EMAIL = Rate(1, 60)
    assert post_json(POST, comment()).status_code == 201
    limited = post_json(POST, comment(text="A second thought on the same report."))
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited["Retry-After"]) > 0
    Article.objects.filter(pk=article.pk).update(comments_open=False)
    closed = post_json(POST, comment(author_email="other@example.org"))
    assert closed.status_code == 409
    assert closed.json()["error"]["code"] == "comments_closed"


# --- creating an article on first use -----------------------------------------------

PAGE = {
    "url": "https://news.example.com/2016/04/aleppo?ref=home#top",
    "title": "  Russia defends   military action in Aleppo  ",
    "description": "Moscow says its strikes target groups outside the ceasefire.",
    "lang": "en-GB",
}


def test_a_site_that_allows_it_creates_the_article_once_held_for_an_editor(client, site, post_json):
    site.create_articles = True
    site.save()
    created = post_json("/api/embed/articles", PAGE)
    assert created.status_code == 202
    assert created.json()["error"]["code"] == "article_held"
    article = Article.objects.get()
    assert article.held
    assert article.external_id == "https://news.example.com/2016/04/aleppo?ref=home"
    assert article.title == "Russia defends military action in Aleppo"
    assert article.body == PAGE["description"]
    assert article.language == "en" and article.source == "Rudaw English"
    again = post_json("/api/embed/articles", PAGE)
    assert again.status_code == 202
    assert Article.objects.count() == 1
    assert client.get(THREAD, {"url": PAGE["url"]}).json()["error"]["code"] == "article_held"

    Article.objects.filter(pk=article.pk).update(held=False)  # the editor approves
    assert post_json("/api/embed/articles", PAGE).status_code == 200
    found = client.get(THREAD, {"url": PAGE["url"]})
    assert found.json()["article"]["slug"] == article.slug


def test_a_publisher_id_and_the_site_language_for_an_unknown_page_language(site, post_json):
    EmbedSite.objects.filter(pk=site.pk).update(create_articles=True, language="ckb")
    response = post_json("/api/embed/articles", {**PAGE, "article": "rudaw-77", "lang": ""})
    assert response.status_code == 202
    article = Article.objects.get(external_id="rudaw-77")
    assert article.language == "ckb"


@pytest.mark.parametrize(
    ("create", "page", "status", "code"),
    [
        (False, PAGE, 403, "article_creation_off"),
        (True, {**PAGE, "url": "https://elsewhere.example/2016/x"}, 422, "url_not_on_site"),
        (True, {**PAGE, "title": " "}, 422, "required"),
        (True, {**PAGE, "url": "javascript:alert(1)"}, 422, "invalid_url"),
        (True, {**PAGE, "title": "Bad\u0000title"}, 422, "text_control_chars"),
    ],
)
def test_creating_is_refused_unless_allowed_and_on_the_site(
    site, post_json, create, page, status, code
):
    EmbedSite.objects.filter(pk=site.pk).update(create_articles=create)
    response = post_json("/api/embed/articles", page)
    assert response.status_code == status, response.json()
    assert response.json()["error"]["code"] == code
    assert not Article.objects.exists()


def test_creating_needs_a_configured_origin(site, post_json):
    EmbedSite.objects.filter(pk=site.pk).update(create_articles=True)
    response = post_json("/api/embed/articles", PAGE, origin="https://evil.example")
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_a_refused_lookup_speaks_the_page_language_too(client, db):
    from django.utils import translation

    response = client.get(THREAD, {"article": "x" * 201, "lang": "ar"})
    assert response.status_code == 422
    with translation.override("ar"):
        expected = translation.gettext("This is too long; please shorten it.")
    assert response.json()["error"]["message"] == expected


# --- issue 12, item 9: one signed token, a bounded few posts ---------------------


def test_one_issued_token_from_the_thread_serves_a_few_posts_not_any_number(
    client, article, site, engine_answers, post_json
):
    # The attack: load the thread once, then post all day on its signature.
    engine_answers("review")
    issued = client.get(THREAD, {"article": "rudaw-123"}, headers={"Origin": SITE_ORIGIN}).json()[
        "form"
    ]["issued"]
    answers = [
        post_json(POST, comment(issued=issued, text=f"Comment number {n} on the ceasefire."))
        for n in range(bots.FORM_USES + 3)
    ]
    assert [a.status_code for a in answers] == [202] * bots.FORM_USES + [400] * 3
    assert answers[-1].json()["error"]["code"] == "form_expired"  # the widget fetches a fresh one
    assert Comment.objects.count() == bots.FORM_USES
    # Two readers who load the page in the same second get two tokens.
    assert bots.form_timestamp(now=1_800_000_000) != bots.form_timestamp(now=1_800_000_000)
