"""Anonymous thread reads answered before Django: never stale, never someone else's.

``ThreadSnapshots`` (threads/snapshots.py) wraps the WSGI application that
gunicorn serves. These tests call the real wrapper around Django's real WSGI
handler, count the requests that reach Django, and change the thread through
the real actions (transactions that commit) in between.
"""

from __future__ import annotations

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

from civility.articles.models import Article
from civility.comments import actions
from civility.threads import cache, reactions
from civility.threads.snapshots import MARK, ThreadSnapshots
from civility.threads.visitor import Visitor

# On PostgreSQL too: the version is read before the database, whichever it is.
pytestmark = pytest.mark.postgres

BACKENDS = {
    "file": lambda tmp, redis: {
        "BACKEND": "civility.threads.filecache.ThreadFileCache",
        "LOCATION": str(tmp / "threads"),
    },
    "redis": lambda tmp, redis: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis,
    },
}


@pytest.fixture(params=sorted(BACKENDS))
def shared_cache(request, settings, tmp_path, transactional_db):
    redis = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    config = {**BACKENDS[request.param](tmp_path, redis), "KEY_PREFIX": "civility-snapshots"}
    settings.CACHES = {**settings.CACHES, "threads": config}
    caches["threads"].clear()
    yield request.param
    caches["threads"].clear()


class Counted:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self, application):
        self.application, self.calls = application, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.application(environ, start_response)


@pytest.fixture
def site():
    django = Counted(WSGIHandler())
    return ThreadSnapshots(django), django


def get(application, path, query="", **headers):
    """(status, headers as a dict, body) of one GET through the WSGI application."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query}
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    environ["wsgi.input"] = io.BytesIO(b"")
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered["status"], answered["headers"] = status, response_headers

    body = b"".join(application(environ, start_response))
    return int(answered["status"][:3]), dict(answered["headers"]), body


def ids(body: bytes) -> list[int]:
    return [comment["id"] for comment in json.loads(body)["comments"]]


def thread_path(article) -> str:
    return f"/api/articles/{article.slug}/comments"


def test_a_second_anonymous_read_is_the_first_answer_replayed(shared_cache, site, article, post):
    wrapper, django = site
    first = post("The ceasefire will not hold.").comment
    status, headers, body = get(wrapper, thread_path(article))
    assert (status, ids(body), django.calls) == (200, [first.pk], 1)

    again_status, again_headers, again_body = get(wrapper, thread_path(article))
    assert django.calls == 1  # answered from the cache, Django not entered
    assert (again_status, again_body) == (200, body)
    for name in ("Content-Type", "ETag", "Last-Modified", "Cache-Control"):
        assert again_headers[name] == headers[name]
    # The security headers Django's middleware set are replayed with the body.
    assert again_headers.get("Content-Security-Policy") == headers.get("Content-Security-Policy")
    assert "Set-Cookie" not in again_headers


def test_every_change_to_the_thread_is_seen_on_the_next_read(
    shared_cache, site, article, post, moderator
):
    wrapper, django = site
    first = post("The ceasefire will not hold.").comment
    get(wrapper, thread_path(article))
    get(wrapper, thread_path(article))
    assert django.calls == 1

    second = post("Aleppo needs corridors first.").comment  # published: a new version
    assert ids(get(wrapper, thread_path(article))[2]) == [first.pk, second.pk]
    assert django.calls == 2

    actions.decide(first, status="rejected", actor=moderator, clause_id="personal_attacks")
    assert ids(get(wrapper, thread_path(article))[2]) == [second.pk]
    assert ids(get(wrapper, thread_path(article))[2]) == [second.pk]
    assert django.calls == 3

    reactions.react(second, visitor=Visitor.fresh())
    body = get(wrapper, thread_path(article))[2]
    assert json.loads(body)["comments"][0]["reactions"] == 1
    assert django.calls == 4


def test_a_reader_with_a_token_always_reaches_django(shared_cache, site, article, post):
    wrapper, django = site
    post("The ceasefire will not hold.")
    reader = Visitor.fresh().token()
    for _ in range(3):
        status, headers, _ = get(wrapper, thread_path(article), X_CIVILITY_READER=reader)
        assert status == 200
    assert django.calls == 3


@pytest.mark.parametrize(
    "query", ["page=0", "page=abc", "page=01", "sort=loudest", "page=1&page=2", "utm_source=x"]
)
def test_a_query_the_view_does_not_take_as_is_goes_through_django(
    shared_cache, site, article, post, query
):
    wrapper, django = site
    post("The ceasefire will not hold.")
    first = get(wrapper, thread_path(article), query)
    second = get(wrapper, thread_path(article), query)
    assert django.calls == 2
    assert first[0] == second[0]


def test_pages_and_sorts_are_kept_apart(shared_cache, site, article, post):
    wrapper, django = site
    older = post("The ceasefire will not hold.").comment
    newer = post("Aleppo needs corridors first.").comment
    page_two = get(WSGIHandler(), thread_path(article), "page=2")[2]  # as Django answers it
    for _ in range(2):
        assert ids(get(wrapper, thread_path(article), "sort=newest")[2]) == [newer.pk, older.pk]
        assert ids(get(wrapper, thread_path(article), "sort=oldest")[2]) == [older.pk, newer.pk]
        assert get(wrapper, thread_path(article), "page=2")[2] == page_two
    assert django.calls == 3


def test_a_matching_etag_is_answered_304_without_django(shared_cache, site, article, post):
    wrapper, django = site
    post("The ceasefire will not hold.")
    _, headers, _ = get(wrapper, thread_path(article))
    get(wrapper, thread_path(article))  # stored
    calls = django.calls
    status, again, body = get(wrapper, thread_path(article), IF_NONE_MATCH=headers["ETag"])
    assert (status, body, again["ETag"], django.calls) == (304, b"", headers["ETag"], calls)
    status, _, body = get(wrapper, thread_path(article), IF_NONE_MATCH='"another"')
    assert status == 200 and body


def test_a_held_deleted_or_renamed_article_is_not_answered_from_the_cache(
    shared_cache, site, article, post, make_article
):
    wrapper, django = site
    post("The ceasefire will not hold.")
    old_slug = article.slug
    for _ in range(2):
        assert get(wrapper, thread_path(article))[0] == 200

    article.slug = "renamed"
    article.save()
    assert get(wrapper, f"/api/articles/{old_slug}/comments")[0] == 404
    assert get(wrapper, "/api/articles/renamed/comments")[0] == 200
    assert get(wrapper, "/api/articles/renamed/comments")[0] == 200

    article.held = True
    article.save()
    assert get(wrapper, "/api/articles/renamed/comments")[0] == 404

    other = make_article(slug="another-story", title="Another story")
    assert get(wrapper, thread_path(other))[0] == 200
    assert get(wrapper, thread_path(other))[0] == 200
    Article.objects.filter(pk=other.pk).delete()
    assert get(wrapper, thread_path(other))[0] == 404


@pytest.mark.parametrize("shared_cache", ["redis"], indirect=True)  # files: a read per key
def test_a_known_slug_is_read_in_one_round_trip(shared_cache, site, article, post, monkeypatch):
    wrapper, django = site
    post("The ceasefire will not hold.")
    first = get(wrapper, thread_path(article))
    store = caches["threads"]
    calls = []
    for name in ("get", "get_many"):
        real = getattr(store, name)
        monkeypatch.setattr(
            store,
            name,
            lambda *a, _real=real, _name=name, **k: (calls.append(_name), _real(*a, **k))[1],
        )
    reached = django.calls
    assert get(wrapper, thread_path(article)) == first
    assert django.calls == reached  # replayed
    assert calls == ["get_many"]  # the snapshot and the version together: one MGET


def test_a_slug_given_to_another_article_answers_that_article(
    shared_cache, site, article, post, make_article
):
    wrapper, django = site
    post("The ceasefire will not hold.")
    slug = article.slug
    for _ in range(2):  # the wrapper now links the slug to this article
        assert b"ceasefire" in get(wrapper, thread_path(article))[2]

    article.slug = "moved"
    article.save()
    other = make_article(slug=slug, title="Another story")
    post("A comment on the other story.", article=other, author_email="o@example.org")
    for _ in range(2):  # Django's answer, then its replay: the other article's thread
        status, _headers, body = get(wrapper, f"/api/articles/{slug}/comments")
        assert status == 200 and b"other story" in body and b"ceasefire" not in body
    assert b"ceasefire" in get(wrapper, "/api/articles/moved/comments")[2]


def test_an_answer_that_sets_a_cookie_is_never_stored(shared_cache, article):
    calls = []

    def sets_a_cookie(environ, start_response):
        calls.append(1)
        environ[MARK] = (article.pk, cache.version(article.pk).token)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", "a=b")])
        return [b"personal"]

    wrapper = ThreadSnapshots(sets_a_cookie)
    for _ in range(2):
        assert get(wrapper, thread_path(article))[1]["Set-Cookie"] == "a=b"
    assert len(calls) == 2


def test_the_database_cache_is_left_to_django(settings, transactional_db, site, article, post):
    wrapper, django = site
    settings.CACHES = {
        **settings.CACHES,
        "threads": {
            "BACKEND": "civility.threads.dbcache.ThreadDatabaseCache",
            "LOCATION": "civility_thread_cache",
        },
    }
    post("The ceasefire will not hold.")
    for _ in range(3):
        assert get(wrapper, thread_path(article))[0] == 200
    assert django.calls == 3


def test_gunicorn_serves_the_wrapped_application():
    from civility.web import wsgi

    assert isinstance(wsgi.application, ThreadSnapshots)


def test_a_host_django_refuses_is_refused_every_time(shared_cache, site, article, post):
    wrapper, django = site
    post("The ceasefire will not hold.")
    for _ in range(2):
        assert get(wrapper, thread_path(article))[0] == 200
    calls = django.calls
    for _ in range(2):
        assert get(wrapper, thread_path(article), HOST="evil.example")[0] == 400
    assert django.calls == calls + 2


def test_plain_http_under_ssl_redirect_is_redirected_every_time(
    shared_cache, settings, article, post
):
    settings.SECURE_SSL_REDIRECT = True  # before the handler: its middleware reads it once
    django = Counted(WSGIHandler())
    wrapper = ThreadSnapshots(django)
    post("The ceasefire will not hold.")
    for _ in range(2):
        assert get(wrapper, thread_path(article))[0] == 301
    assert django.calls == 2
