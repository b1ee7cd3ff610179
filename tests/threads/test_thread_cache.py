"""The shared thread cache: never stale after a commit, on every backend it runs on.

The API, the widget and the article page read published threads from
``caches["threads"]`` (threads/cache.py). These tests fill the cache with a
read, change the thread through the real actions (a transaction that
commits: ``transactional_db``), and read again.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

from civility.comments import actions
from civility.threads import cache, closing
from tests.conftest import make_article

BACKENDS = {
    "file": lambda tmp: {
        "BACKEND": "civility.threads.filecache.ThreadFileCache",
        "LOCATION": str(tmp / "threads"),
    },
    "database": lambda tmp: {
        "BACKEND": "civility.threads.dbcache.ThreadDatabaseCache",
        "LOCATION": "civility_thread_cache",
    },
    "redis": lambda tmp: {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request, settings, tmp_path, transactional_db):
    """The thread cache on files, the database's cache table, or Redis."""
    config = BACKENDS[request.param](tmp_path)
    if request.param == "redis":
        config["LOCATION"] = request.getfixturevalue("redis_url")
    settings.CACHES = {**settings.CACHES, "threads": {**config, "KEY_PREFIX": "civility-test"}}
    caches["threads"].clear()
    yield request.param
    caches["threads"].clear()


def api_ids(client, article, **headers):
    response = client.get(f"/api/articles/{article.slug}/comments", headers=headers)
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["comments"]]


def widget_ids(client, article):
    response = client.get(f"/api/embed/thread?article={article.external_id}")
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["thread"]["comments"]]


def page_shows(client, article, comment) -> bool:
    response = client.get(f"/articles/{article.slug}/")
    assert response.status_code == 200
    return comment.text in response.content.decode()


@pytest.mark.postgres
def test_a_decision_is_seen_at_once_by_the_api_the_widget_and_the_page(
    backend, transactional_db, article, post, moderator
):
    client = Client()
    first = post("The ceasefire will not hold.").comment
    assert api_ids(client, article) == [first.pk]  # cached now
    assert widget_ids(client, article) == [first.pk]
    assert page_shows(client, article, first)

    second = post("Aleppo needs corridors first.").comment  # published: purges
    assert api_ids(client, article) == [first.pk, second.pk]
    assert widget_ids(client, article) == [first.pk, second.pk]

    actions.decide(first, status="rejected", actor=moderator, clause_id="personal_attacks")
    assert api_ids(client, article) == [second.pk]
    assert widget_ids(client, article) == [second.pk]
    assert not page_shows(client, article, first)

    held = post("Held for a person.", decision="review").comment
    assert api_ids(client, article) == [second.pk]
    actions.decide(held, status="approved", actor=moderator)
    assert api_ids(client, article) == [second.pk, held.pk]
    assert page_shows(client, article, held)


def test_closing_an_article_purges_its_widget_thread(
    transactional_db, article, post, moderator, settings
):
    client = Client()
    post()
    payload = client.get(f"/api/embed/thread?article={article.external_id}").json()
    assert payload["article"]["comments_open"] is True
    closing.close_comments(article, actor=moderator)
    payload = client.get(f"/api/embed/thread?article={article.external_id}").json()
    assert payload["article"]["comments_open"] is False


def test_erasing_a_commenter_purges_the_names_shown(transactional_db, article, post):
    from civility.privacy.commenters import erase_commenter

    client = Client()
    post(author_name="Shilan", author_email="shilan@example.org")
    assert "Shilan" in client.get(f"/api/articles/{article.slug}/comments").content.decode()
    erase_commenter("shilan@example.org")
    assert "Shilan" not in client.get(f"/api/articles/{article.slug}/comments").content.decode()


def test_only_the_changed_article_is_purged(db, article, django_capture_on_commit_callbacks, post):
    other = make_article(slug="other", external_id="other-1")
    built = []

    def build(name):
        return lambda: built.append(name) or name

    cache.cached(article.pk, "t", (), build("a"))
    cache.cached(other.pk, "t", (), build("b"))
    with django_capture_on_commit_callbacks(execute=True):
        post("Published here.")
    cache.cached(article.pk, "t", (), build("a"))
    cache.cached(other.pk, "t", (), build("b"))
    assert built == ["a", "b", "a"]


def test_a_decision_during_a_slow_read_leaves_no_stale_entry(db, article):
    """The version is read before the rows: rows read before a commit are stored
    under the old version, which no request asks for once the commit purged it."""
    cache.cached(article.pk, "t", (), lambda: "old rows", current=cache.version(article.pk))

    def slow_read():
        cache.invalidate(article.pk)  # a decision commits while this request reads
        return "rows read before the decision"

    assert cache.cached(article.pk, "x", (), slow_read) == "rows read before the decision"
    assert cache.cached(article.pk, "x", (), lambda: "fresh rows") == "fresh rows"


# --- conditional GET ------------------------------------------------------------------


def test_the_api_answers_304_until_the_thread_changes(
    db, article, post, moderator, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post().comment
    url = f"/api/articles/{article.slug}/comments"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    # Another page is another representation.
    assert client.get(url + "?page=2", headers={"If-None-Match": etag}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(comment, status="rejected", actor=moderator, clause_id="personal_attacks")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["comments"] == []
    assert changed["ETag"] != etag


def test_the_widget_answers_304_until_the_thread_or_the_language_changes(
    db, article, post, django_capture_on_commit_callbacks
):
    client = Client()
    url = f"/api/embed/thread?article={article.external_id}"
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url + "&lang=ar", headers={"If-None-Match": etag}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        post("Published now.")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and len(changed.json()["thread"]["comments"]) == 1


def test_a_bad_page_and_a_missing_article_keep_their_errors(db, article):
    client = Client()
    assert client.get(f"/api/articles/{article.slug}/comments?page=0").status_code == 422
    missing = client.get("/api/articles/no-such/comments")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "article_not_found"
