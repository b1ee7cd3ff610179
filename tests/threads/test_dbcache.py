"""The thread cache in the database's table: one statement a write, counted one write in 64.

Django's database cache counts the whole table before every write;
threads/dbcache.py does so one write in CULL_EVERY and otherwise writes with
one upsert. What Django's reads see must not change: values, expiry, and
``add`` over a live entry (refused) or an expired one (taken).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civility.threads.dbcache import ThreadDatabaseCache
from civility.threads.filecache import CULL_EVERY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TABLE = "civility_thread_cache"


def make(max_entries: int = 20_000) -> ThreadDatabaseCache:
    store = ThreadDatabaseCache(
        TABLE, {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 3}}
    )
    store.clear()
    return store


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def test_values_read_back_as_django_wrote_them():
    store = make()
    store.set("thread-version:1", "token@1", timeout=None)
    store.set("thread:1:page", {"comments": [1, 2, 3], "text": "بەخێربێن"}, timeout=600)
    assert store.get("thread-version:1") == "token@1"
    assert store.get("thread:1:page") == {"comments": [1, 2, 3], "text": "بەخێربێن"}
    store.set("thread-version:1", "token@2", timeout=None)  # replaced, not added
    assert store.get("thread-version:1") == "token@2"
    assert store.get_many(["thread-version:1", "absent"]) == {"thread-version:1": "token@2"}
    store.set("expired", "old", timeout=0)  # Django's "expire at once"
    assert store.get("expired") is None


def test_add_takes_a_missing_or_expired_entry_never_a_live_one():
    store = make()
    assert store.add("thread-version:7", "first", timeout=None) is True
    assert store.add("thread-version:7", "second", timeout=None) is False
    assert store.get("thread-version:7") == "first"
    store.set("thread-version:8", "stale", timeout=0)
    assert store.add("thread-version:8", "fresh", timeout=None) is True
    assert store.get("thread-version:8") == "fresh"


def test_a_write_is_one_statement_and_one_in_cull_every_counts():
    store = make()
    store.set("warm", 1)  # the connection's first statement may set it up
    with CaptureQueriesContext(connection) as writes:
        for i in range(2 * CULL_EVERY):
            store.set(f"thread-version:{i}", f"token{i}", timeout=None)
    counts = [q["sql"] for q in writes.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 2
    # The others: one INSERT ... ON CONFLICT each, no look-up, no transaction.
    upserts = [q["sql"] for q in writes.captured_queries if "ON CONFLICT" in q["sql"]]
    assert len(upserts) == 2 * CULL_EVERY - 2
    assert len(writes.captured_queries) < 2 * CULL_EVERY + 2 * 8


def test_the_table_stays_within_its_bound():
    # A cull removes a third (CULL_FREQUENCY 3), more than the CULL_EVERY
    # writes that can come before the next count, as with the real 20,000.
    max_entries = 300
    store = make(max_entries)
    most = 0
    for i in range(1_200):
        store.set(f"piece:{i}", i, timeout=600)
        if i % 16 == 0:
            most = max(most, rows())
    assert most <= max_entries + CULL_EVERY + 1
    assert rows() < 1_200
    assert store.get("piece:1199") == 1199
