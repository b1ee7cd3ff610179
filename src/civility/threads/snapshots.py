"""Whole answers for the public thread, replayed before Django is entered.

Breaking news is when readers load a thread the most, and most of them are
anonymous: they all get the same bytes. ``cache.respond`` already keeps those
bytes, but reaching it costs a full pass through Django (the middleware
chain, URL resolving, django-ninja's parameter parsing, the article lookup),
about three milliseconds of CPU for an answer that is a cache read.
``ThreadSnapshots`` wraps the WSGI application (web/wsgi.py, what gunicorn
serves) and answers those requests from the shared thread cache itself: the
status, the headers and the body Django produced the first time, replayed.

What keeps a replay correct:

- **Never stale.** A snapshot is stored under the article's thread version
  (``cache.version``) that the view read *before* it read the database, the
  same rule as every cached piece of a thread; a decision, a reaction, a
  reply, a closing or an article saved replaces the version, so the next
  request misses and goes through Django.
- **Only what is the same for everyone.** A GET of a path in ``_PATHS``,
  without the reader's header (their own comments and reactions are theirs),
  with only the query parameters the view reads, in a form the view accepts
  (anything else goes through Django, which answers it or refuses it); the
  answer is stored only when the view marked it as a published thread's
  (``mark``), its status is 200 and it sets no cookie.
- **Conditional GETs.** The stored ETag answers ``If-None-Match`` with 304
  here too; anything else conditional goes through Django.
- **Only a cache every server shares without the database.** Redis, or files
  on one server, or one process's memory in the tests: the database cache
  (PostgreSQL without Redis) would open connections outside Django's request
  cycle, so with it the wrapper steps aside and Django answers as before.

A snapshot is kept per slug and request and names the article and the
version it was built under; it is replayed only while that article's version
is still the same. Each process remembers which article a slug's last
snapshot named, so that a read asks for the snapshot and that article's
version in one ``get_many`` (one Redis round trip, not two); the snapshot's
own article id is still checked, and a slug that names another article now
costs one more read. A renamed, held or deleted article has a new version, so
its old slug's snapshot is never replayed (Django answers 404).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from . import cache, tree

# Set by the wrapper on a request it may store; ``cache.respond`` then marks
# the answer with (article id, the version token it read). Django's
# request.META is the WSGI environ, so both see the same dict.
ELIGIBLE, MARK = cache.SNAPSHOT_ELIGIBLE, cache.SNAPSHOT_MARK

# Paths whose anonymous GET answer is the published thread, and the query
# parameters each reads. One place to add the widget's or a page's later.
_PATHS = {"api": re.compile(r"^/api/articles/(?P<slug>[^/]+)/comments$")}
_PAGE = re.compile(r"^[1-9][0-9]{0,5}$")
# Headers never replayed: each answer gets its own from the server.
_PER_ANSWER = frozenset({"date", "server", "set-cookie"})
# Bodies larger than this are answered by Django each time (a thread page is ~30 KB).
_MAX_BODY = 1_000_000
# Slugs whose article each process remembers (a few hundred bytes each).
_REMEMBERED_SLUGS = 10_000

StartResponse = Callable[..., object]


def enabled() -> bool:
    """Whether the thread cache is one the wrapper may read outside Django's request cycle."""
    backend = type(caches[cache.ALIAS])
    return not issubclass(backend, (DatabaseCache, DummyCache))


def _snapshot_key(kind: str, slug: str, params: tuple) -> str:
    # One snapshot per slug and request: each new one replaces the last. The
    # slug is hashed (200 characters of any script); keys stay short and plain.
    page, sort, scheme = params
    digest = hashlib.blake2b(slug.encode(), digest_size=10).hexdigest()
    return f"thread-snapshot:{kind}:{page}:{sort}:{scheme}:{digest}"


def _scheme(environ: dict) -> str | None:
    """The request's scheme, as Django sees it; None when Django must answer it.

    Django's own request object judges: a host not in ALLOWED_HOSTS is
    Django's 400 to give, a plain-HTTP request under SECURE_SSL_REDIRECT its
    redirect. The scheme is part of the key (HSTS is sent over HTTPS only).
    """
    request = WSGIRequest(environ)
    try:
        request.get_host()
    except DisallowedHost:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None
    return request.scheme


def _params(query: str) -> tuple | None:
    """(page, sort) when the query string holds only those, in a form the view takes."""
    page, sort = 1, tree.DEFAULT_SORT
    seen = set()
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name in seen:
            return None
        seen.add(name)
        if name == "page" and _PAGE.match(value):
            page = int(value)
        elif name == "sort" and (value in tree.SORTS or value == ""):
            sort = tree.choose_sort(value)
        else:
            return None
    return page, sort


class ThreadSnapshots:
    """WSGI middleware: anonymous thread reads answered from the shared cache."""

    def __init__(self, application: Callable[[dict, StartResponse], Iterable[bytes]]):
        self.application = application
        # slug -> the article its last snapshot named: a hint that lets one
        # get_many read the snapshot and the version together. Only a hint:
        # the snapshot's own article id is checked against it on every read.
        self._articles: dict[str, int] = {}

    def _remember(self, slug: str, article_id: int) -> None:
        if len(self._articles) >= _REMEMBERED_SLUGS:
            self._articles.clear()  # the busy threads come back within a few reads
        self._articles[slug] = article_id

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        request = self._eligible(environ) if enabled() else None
        if request is None:
            return self.application(environ, start_response)
        kind, slug, params = request
        store = caches[cache.ALIAS]
        # The snapshot names its article and the version it was built under;
        # the article's version now decides. Where this process has seen the
        # slug before, both are read at once (one round trip to Redis).
        key = _snapshot_key(kind, slug, params)
        seen = self._articles.get(slug)
        if seen is not None:
            found = store.get_many([key, cache.version_key(seen)])
            snapshot, current = found.get(key), found.get(cache.version_key(seen))
        else:
            snapshot, current = store.get(key), None
        if snapshot is not None:
            article_id, token, headers, body = snapshot
            if article_id != seen:  # first sight, or the slug now names another article
                current = store.get(cache.version_key(article_id))
                self._remember(slug, article_id)
            if current is not None and current.partition("@")[0] == token:
                return self._replay(headers, body, environ, start_response)
        environ[ELIGIBLE] = True
        return self._store_after(environ, start_response, store, kind, slug, params)

    @staticmethod
    def _eligible(environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_X_CIVILITY_READER"):
            return None
        if "HTTP_IF_MODIFIED_SINCE" in environ and "HTTP_IF_NONE_MATCH" not in environ:
            return None  # Django compares dates; the replay compares only ETags
        try:  # WSGI hands the path over as latin-1; Django decodes it as UTF-8
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return None
        for kind, pattern in _PATHS.items():
            if found := pattern.match(path):
                params = _params(environ.get("QUERY_STRING", ""))
                if params is None or (scheme := _scheme(environ)) is None:
                    return None
                return kind, found["slug"], (*params, scheme)
        return None

    @staticmethod
    def _replay(headers, body, environ: dict, start_response: StartResponse) -> list[bytes]:
        match = environ.get("HTTP_IF_NONE_MATCH")
        if match is not None:
            etag = dict((name.lower(), value) for name, value in headers).get("etag")
            tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
            if etag in tags or "*" in tags:
                kept = [
                    (n, v)
                    for n, v in headers
                    if n.lower() not in ("content-length", "content-type")
                ]
                start_response("304 Not Modified", kept)
                return []
        start_response("200 OK", list(headers))
        return [body]

    def _store_after(self, environ, start_response, store, kind, slug, params):
        answered: dict = {}

        def capture(status, headers, exc_info=None):
            answered["status"], answered["headers"] = status, headers
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        result = self.application(environ, capture)
        marked = environ.get(MARK)
        headers = answered.get("headers") or []
        if (
            marked is None
            or not str(answered.get("status", "")).startswith("200")
            or any(name.lower() == "set-cookie" for name, _ in headers)
        ):
            return result
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        if len(body) <= _MAX_BODY:
            article_id, token = marked
            kept = [(n, v) for n, v in headers if n.lower() not in _PER_ANSWER]
            snapshot = (article_id, token, kept, body)
            store.set(_snapshot_key(kind, slug, params), snapshot, timeout=cache.ENTRY_SECONDS)
            self._remember(slug, article_id)
        return [body]
