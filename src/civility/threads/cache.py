"""The published thread, served from a cache that every worker and server shares.

Breaking news is when readers load threads the most; building a page of 50
comments costs milliseconds of ORM work, reading it back costs a cache get.
The cache is ``caches["threads"]`` (web/settings.py): Redis when
``CIVILITY_REDIS_URL`` is set (every app server sees the same entries),
otherwise the database's cache table on PostgreSQL, or files in the data
folder on SQLite (all the workers of one server share them).

Never stale after a commit. Each article has a *version*: a random token and
the time it was made, kept in the cache without expiry. Every cached piece of
a thread (the API's page, the widget's thread, the article page's comments)
is stored under the version that was current when the request *began* to
read the database. ``invalidate(article_id)`` replaces the version, so a
request after it reads fresh rows and stores them under the new token, while
a slow request that read old rows stores them under the old token, which
nobody asks for again. Entries also expire after ``ENTRY_SECONDS``, so time
alone (comments closing by age) is reflected within that.

Who invalidates: nobody by hand. ``invalidate`` listens, after commit, to

- ``comments.signals.comment_posted`` when the comment is published,
- ``comments.signals.comment_decided`` (any person's or the system's
  decision: approving, rejecting, returning to the queue),
- ``threads.signals.thread_changed``: replies, reactions, picks, closing,
  reports, an erasure of names (``after_commit_thread_changed(article_id)``
  is the one function to call from a new action, after its writes),
- an article saved (its title, its open or closed flag are in the thread).

The version also gives the HTTP validators for conditional GETs (``ETag``,
``Last-Modified``): ``respond`` below.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from civility.comments.models import Comment
from civility.comments.signals import comment_decided, comment_posted

from .signals import thread_changed

ALIAS = "threads"
# The environ keys by which threads/snapshots.py (the WSGI wrapper) and
# ``respond`` agree that an answer is the same for every anonymous reader:
# the wrapper sets the first on a request it may store, ``respond`` answers
# with (article id, the version token it read before the database).
SNAPSHOT_ELIGIBLE = "civility.thread_snapshot.eligible"
SNAPSHOT_MARK = "civility.thread_snapshot"
# A cached piece lives at most this long (seconds): what changes with time
# alone (closing by age) shows within it; everything else invalidates at once.
ENTRY_SECONDS = 600


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: float  # seconds since the epoch, whole seconds (Last-Modified has no more)


def _store():
    return caches[ALIAS]


def version_key(article_id: int) -> str:
    return f"thread-version:{article_id}"


def version(article_id: int) -> Version:
    """The article's current version, made (now) when the cache has none."""
    store = _store()
    raw = store.get(version_key(article_id))
    if raw is None:
        raw = _new_version()
        # add, not set: two workers making the first version agree on one.
        if not store.add(version_key(article_id), raw, timeout=None):
            raw = store.get(version_key(article_id)) or raw
    token, _, changed = raw.partition("@")
    return Version(token, float(changed or 0))


def _new_version() -> str:
    return f"{secrets.token_hex(8)}@{int(time.time())}"


def invalidate(article_id: int) -> None:
    """Every cached piece of this article's thread is stale from now on.

    Call it after the commit that changed the thread (the receivers below do);
    called inside a transaction that later rolls back, it only costs a rebuild.
    """
    _store().set(version_key(article_id), _new_version(), timeout=None)


def cached(
    article_id: int,
    kind: str,
    params: tuple,
    build: Callable[[], Any],
    *,
    current: Version | None = None,
) -> Any:
    """``build()``'s value for this article, kind and parameters, from the cache if current.

    ``build`` must read only committed, published data: it is run with the
    version read *before* it, so a decision committed meanwhile makes its
    value unreachable rather than stale. Values are pickled by the cache
    backend; keep them plain (dicts, lists, strings, bytes). ``current``: the
    version already read for this request (``validators``), to read it once.
    """
    current = current or version(article_id)
    key = _entry_key(article_id, current, kind, params)
    store = _store()
    value = store.get(key)
    if value is None:
        value = build()
        store.set(key, value, timeout=ENTRY_SECONDS)
    return value


def respond(
    request: HttpRequest,
    article_id: int,
    kind: str,
    params: tuple,
    build: Callable[[], bytes],
    *,
    since: float = 0,
    content_type: str = "application/json; charset=utf-8",
) -> HttpResponse:
    """A whole GET response of a thread, with its validators: 304, or the cached body.

    ``build`` returns the body's bytes; ``params`` holds everything else the
    body depends on (page, language...); ``since`` is a later time that also
    changes it (the widget's form token is renewed on a schedule).
    """
    current = version(article_id)
    found = validators(current, article_id, kind, params, since=since)
    if (answer := not_modified(request, found)) is not None:
        return answer
    if request.META.get(SNAPSHOT_ELIGIBLE):  # threads/snapshots.py may replay this answer
        request.META[SNAPSHOT_MARK] = (article_id, current.token)
    body = cached(article_id, kind, (*params, since), build, current=current)
    return set_validators(HttpResponse(body, content_type=content_type), found)


def _entry_key(article_id: int, current: Version, kind: str, params: tuple) -> str:
    digest = hashlib.blake2b(repr(params).encode(), digest_size=8).hexdigest()
    return f"thread:{article_id}:{current.token}:{kind}:{digest}"


# --- conditional GET -------------------------------------------------------------


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: float


def validators(
    current: Version, article_id: int, kind: str, params: tuple, *, since: float = 0
) -> Validators:
    """The ETag and Last-Modified of a response built from this version of the thread."""
    digest = hashlib.blake2b(
        repr((article_id, current.token, kind, params, since)).encode(), digest_size=12
    ).hexdigest()
    return Validators(f'"{digest}"', max(current.changed_at, since))


def not_modified(request: HttpRequest, found: Validators) -> HttpResponse | None:
    """304 when the client's copy is current (If-None-Match first, as RFC 9110 says)."""
    match = request.headers.get("If-None-Match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        if found.etag in tags or "*" in tags:
            return _not_modified(found)
        return None
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            if parsedate_to_datetime(since).timestamp() >= int(found.last_modified):
                return _not_modified(found)
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def _not_modified(found: Validators) -> HttpResponse:
    return set_validators(HttpResponseNotModified(), found)


def set_validators(response: HttpResponse, found: Validators) -> HttpResponse:
    response["ETag"] = found.etag
    response["Last-Modified"] = formatdate(found.last_modified, usegmt=True)
    # Cache it, but ask every time: a decision must show on the next load.
    response["Cache-Control"] = "no-cache"
    return response


# --- who invalidates ---------------------------------------------------------------


@receiver(comment_posted, dispatch_uid="thread-cache-posted")
def _posted(sender, comment: Comment, outcome: str = "", **kwargs) -> None:
    if outcome == "published":  # a held or rejected comment changes no reader's thread
        invalidate(comment.article_id)


@receiver(comment_decided, dispatch_uid="thread-cache-decided")
def _decided(sender, comment: Comment, **kwargs) -> None:
    invalidate(comment.article_id)


@receiver(thread_changed, dispatch_uid="thread-cache-changed")
def _changed(sender, article_id: int, **kwargs) -> None:
    invalidate(article_id)


@receiver(post_save, sender="articles.Article", dispatch_uid="thread-cache-article")
def _article_saved(sender, instance, created: bool = False, **kwargs) -> None:
    if not created:  # after the commit: a reader in between would cache the old article
        transaction.on_commit(lambda: invalidate(instance.pk))


@receiver(post_delete, sender="articles.Article", dispatch_uid="thread-cache-article-deleted")
def _article_deleted(sender, instance, **kwargs) -> None:
    # Its comments go with it: nothing cached of its thread may be answered again.
    article_id = instance.pk
    transaction.on_commit(lambda: invalidate(article_id))
