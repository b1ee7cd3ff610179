"""The JSON API through Django's test client (real URLs, middleware, database)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.guidelines import site_policy

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


COMMENT = {"author_name": "Shilan", "author_email": "shilan@example.org", "text": "Good point."}
URL = "/api/articles/russia-defends-aleppo/comments"


def test_a_published_comment_answers_201_without_the_email(client, article, engine_answers):
    response = post_json(client, URL, COMMENT)
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "published" and body["status"] == "approved"
    assert body["message"] == "Your comment is published."
    assert body["reasons"] == []
    assert "shilan@example.org" not in response.content.decode()


def test_a_held_comment_answers_202(client, article, engine_answers):
    engine_answers("review")
    response = post_json(client, URL, COMMENT)
    assert response.status_code == 202
    assert response.json()["outcome"] == "held"


def test_a_rejected_comment_answers_201_with_its_clause(client, article, engine_answers):
    engine_answers("reject")
    response = post_json(client, URL, {**COMMENT, "text": "You are an idiot."})
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "rejected"
    assert body["message"] == "Rejected: personal attacks are not allowed."
    assert body["reasons"] == [
        {
            "clause_id": "personal_attacks",
            "guideline": "We will not tolerate the following: personal attacks.",
        }
    ]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"author_email": "nope"}, "author_email"),
        ({"text": ""}, "text"),
        ({"author_name": ""}, "author_name"),
    ],
)
def test_validation_errors_have_one_shape(client, article, engine_answers, change, field):
    response = post_json(client, URL, {**COMMENT, **change})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == field
    assert error["code"] in {"required", "invalid_email"}
    assert error["message"]
    assert not Comment.objects.exists()


def test_wrongly_typed_and_malformed_bodies(client, article, engine_answers):
    response = post_json(client, URL, {**COMMENT, "parent_id": "not a number"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "parent_id"
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_json"


def test_unknown_article_404_and_closed_article_409(client, article, engine_answers):
    response = post_json(client, "/api/articles/nope/comments", COMMENT)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "article_not_found"
    article.comments_open = False
    article.save()
    response = post_json(client, URL, COMMENT)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "comments_closed"


def test_the_thread_is_approved_only_oldest_first_paginated(client, article, post, moderator):
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(52):
        post(f"Comment number {i}.", now=t0 + dt.timedelta(minutes=i))
    post("Held.", decision="review", now=t0 + dt.timedelta(hours=2))
    post("Rejected.", decision="reject", now=t0 + dt.timedelta(hours=3))

    first = client.get(URL).json()
    assert (first["count"], first["page"], first["pages"]) == (52, 1, 2)
    assert [c["text"] for c in first["comments"][:2]] == ["Comment number 0.", "Comment number 1."]
    assert len(first["comments"]) == 50
    second = client.get(URL + "?page=2").json()
    assert [c["text"] for c in second["comments"]] == ["Comment number 50.", "Comment number 51."]
    assert set(second["comments"][0]) == {
        "id",
        "author_name",
        "erased",
        "text",
        "language",
        "created_at",
        "parent_id",
        "featured",
        "reactions",
        "reacted",
        "parent_gone",
        "can_reply",
        "own",
        "own_message",
        "replies",
    }
    raw = client.get(URL).content.decode()
    assert "@example.org" not in raw and "violation" not in raw
    assert client.get(URL + "?page=0").status_code == 422


def test_articles_list_and_detail(client, article):
    listing = client.get("/api/articles").json()
    assert listing["articles"][0]["slug"] == "russia-defends-aleppo"
    assert listing["articles"][0]["tags"] == ["Aleppo", "Syria"]
    detail = client.get("/api/articles/russia-defends-aleppo").json()
    assert detail["dateline"] == "ERBIL, Kurdistan Region"
    assert detail["published"] == "2016-04-21"
    assert client.get("/api/articles/nope").status_code == 404


ARTICLE = {
    "slug": "new-article",
    "title": "A new article",
    "published": "21-04-2016",
    "body": "One.\n\nTwo.",
    "tags": ["Aleppo", "aleppo"],
}


def test_article_import_needs_the_token(client, settings, db):
    settings.CIVILITY_API_TOKEN = "s3cret-token"
    assert post_json(client, "/api/articles", ARTICLE).status_code == 401
    response = post_json(client, "/api/articles", ARTICLE, HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    auth = {"HTTP_AUTHORIZATION": "Bearer s3cret-token"}
    response = post_json(client, "/api/articles", ARTICLE, **auth)
    assert response.status_code == 201
    assert response.json() == {"slug": "new-article", "result": "created"}
    assert post_json(client, "/api/articles", ARTICLE, **auth).json()["result"] == "unchanged"
    changed = post_json(client, "/api/articles", {**ARTICLE, "title": "Renamed"}, **auth)
    assert changed.status_code == 200 and changed.json()["result"] == "updated"
    detail = client.get("/api/articles/new-article").json()
    assert detail["tags"] == ["Aleppo"] and detail["title"] == "Renamed"
    bad = post_json(client, "/api/articles", {**ARTICLE, "language": "xx"}, **auth)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "language"


def test_article_import_is_off_without_a_configured_token(client, settings, db):
    settings.CIVILITY_API_TOKEN = ""
    response = post_json(client, "/api/articles", ARTICLE, HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 401


def test_moderation_endpoints_need_a_moderator(client, reader, post):
    assert client.get("/api/moderation/queue").status_code == 401
    client.force_login(reader)
    response = client.get("/api/moderation/queue")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert client.get("/api/moderation/clauses").status_code == 403


def test_the_queue_shows_held_comments_with_the_engines_reasons(client, moderator, post):
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    second = post("Second held.", decision="review", now=t0 + dt.timedelta(minutes=5)).comment
    first = post("First held.", decision="review", now=t0).comment
    post("Published.", now=t0)
    client.force_login(moderator)
    body = client.get("/api/moderation/queue").json()
    assert [c["id"] for c in body["comments"]] == [first.pk, second.pk]
    item = body["comments"][0]
    assert item["suggested"] == "review"
    assert item["scores"]["personal_attack"] == pytest.approx(0.97)
    assert item["reasons"][0]["clause_id"] == "personal_attacks"
    assert item["reasons"][0]["evidence"] == [[0, 5]]
    assert item["history"][0]["actor"] is None
    assert "author_email" not in item


def test_deciding_through_the_api_needs_csrf_and_a_clause(moderator, post):
    comment = post("Held.", decision="review").comment
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    url = f"/api/moderation/comments/{comment.pk}/decisions"
    refused = post_json(client, url, {"status": "approved"})  # no CSRF token
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"

    # What a browser does: send the csrftoken cookie back in the X-CSRFToken header.
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    headers = {"HTTP_X_CSRFTOKEN": token}
    response = post_json(client, url, {"status": "rejected"}, **headers)
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "clause_required",
        "message": "Choose the guideline this comment breaks.",
        "field": "clause_id",
    }
    response = post_json(
        client,
        url,
        {"status": "rejected", "clause_id": "personal_attacks", "note": "insult"},
        **headers,
    )
    assert response.status_code == 201
    assert response.json()["actor"] == "mod"
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.REJECTED
    reversal = post_json(client, url, {"status": "approved"}, **headers)
    assert reversal.status_code == 201
    assert DecisionRecord.objects.filter(comment=comment).count() == 3
    assert (
        post_json(
            client, "/api/moderation/comments/999999/decisions", {"status": "approved"}, **headers
        ).status_code
        == 404
    )


def test_clauses_list_the_policy(client, moderator):
    client.force_login(moderator)
    clauses = client.get("/api/moderation/clauses").json()
    ids = [c["id"] for c in clauses]
    assert "personal_attacks" in ids
    assert all(c["text"] for c in clauses)
    # Only what a comment can break: a welcome clause is never a reason to reject.
    assert {c.id for c in site_policy.clauses() if c.prohibits} == set(ids)
    assert "criticism" not in ids and "relevance" not in ids


def test_openapi_is_published(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/articles/{slug}/comments" in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    # Self-hosted: the docs page loads nothing from a CDN.
    assert "https://" not in docs.content.decode()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
