"""The thread cache's file backend lists its folder one write in CULL_EVERY, not on each.

Django's file cache lists every file before each write (to decide whether to
cull); with the thread cache's 20,000 entries that listing cost more than the
write. threads/filecache.py culls as Django does, only less often.
"""

from __future__ import annotations

from pathlib import Path

from civility.threads.filecache import CULL_EVERY, ThreadFileCache


def make(tmp_path: Path, max_entries: int = 20_000) -> ThreadFileCache:
    return ThreadFileCache(
        str(tmp_path / "threads"), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 3}}
    )


def test_writes_list_the_folder_once_in_cull_every(tmp_path, monkeypatch):
    store = make(tmp_path)
    listings = []
    original = ThreadFileCache._list_cache_files
    monkeypatch.setattr(
        ThreadFileCache, "_list_cache_files", lambda self: listings.append(1) or original(self)
    )
    for i in range(3 * CULL_EVERY):
        store.set(f"thread-version:{i}", "token", timeout=None)
    assert len(listings) == 3
    # Every value was written and reads back.
    assert all(store.get(f"thread-version:{i}") == "token" for i in range(3 * CULL_EVERY))


def test_the_folder_stays_within_its_bound(tmp_path):
    max_entries = 200
    store = make(tmp_path, max_entries)
    folder = Path(store._dir)
    most = 0
    for i in range(1_000):
        store.set(f"piece:{i}", i, timeout=None)
        most = max(most, len(list(folder.glob("*.djcache"))))
    assert most <= max_entries + CULL_EVERY
    # Culling removed old entries, as Django's does: the newest write is there.
    assert store.get("piece:999") == 999
    assert len(list(folder.glob("*.djcache"))) < 1_000
