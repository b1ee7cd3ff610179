"""The thread cache's writes with a full cache, ours against Django's backends.

Run by hand, never from the tests:

    .venv/bin/python bench/cache_writes.py             # files: 20,000 entries, ~1 minute
    .venv/bin/python bench/cache_writes.py --database-url postgresql://postgres@127.0.0.1:5432/postgres

Fills the cache with ``--entries`` thread-cache entries (the thread cache's
MAX_ENTRIES is 20,000), then times ``--writes`` writes of an article's new
version (what every published comment costs, threads/cache.py ``invalidate``)
through Django's backend and through ours on that same cache, in this one
process, and prints milliseconds per write and the ratio:

- files (SQLite sites without Redis): Django's ``FileBasedCache`` against
  ``ThreadFileCache`` (threads/filecache.py) on one folder;
- ``--database-url`` (PostgreSQL without Redis): Django's ``DatabaseCache``
  against ``ThreadDatabaseCache`` (threads/dbcache.py) on one table, made in
  a fresh database on that server and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def timed_writes(name: str, store, writes: int) -> float:
    samples = []
    for i in range(writes):
        started = time.perf_counter()
        store.set(f"thread-version:{i % 100}", f"token{i}@0", timeout=None)
        samples.append(1000 * (time.perf_counter() - started))
    mean = statistics.fmean(samples)
    ordered = sorted(samples)
    print(
        f"  {name:<26} mean {mean:6.2f} ms  p50 {ordered[len(ordered) // 2]:6.2f}"
        f"  p99 {ordered[int(0.99 * len(ordered))]:6.2f} ms per write"
    )
    return mean


def compare(theirs, ours, location: str, args, filled: str):
    """Fill the cache at ``location`` through ``ours``, then time both classes' writes to it."""
    # Above the fill, so neither class culls during the measurement.
    params = {"OPTIONS": {"MAX_ENTRIES": 2 * args.entries + 10 * args.writes}}
    filler = ours(location, params)
    for i in range(args.entries):
        filler.set(f"thread:{i}", {"comments": list(range(50))}, timeout=600)
    print(f"{filled}; load {os.getloadavg()[0]:.2f}")
    names = f"Django {theirs.__name__}", ours.__name__
    return tuple(
        (name, timed_writes(name, cls(location, params), args.writes))
        for name, cls in zip(names, (theirs, ours), strict=True)
    )


def files(args):
    from django.conf import settings

    settings.configure()
    from django.core.cache.backends.filebased import FileBasedCache

    from civility.threads.filecache import ThreadFileCache

    folder = tempfile.mkdtemp(prefix="civility-filecache-")
    return compare(
        FileBasedCache, ThreadFileCache, folder, args, f"{args.entries:,} entries in {folder}"
    )


def database(args):
    import psycopg

    base = args.database_url.rstrip("/").rsplit("/", 1)[0]
    name = f"civility_cache_writes_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        from django.conf import settings

        from civility.web.config import database as database_settings

        settings.configure(
            DATABASES={"default": database_settings(f"{base}/{name}", Path(tempfile.mkdtemp()))},
            USE_TZ=True,
        )
        import django

        django.setup()
        from django.core.cache.backends.db import DatabaseCache
        from django.core.management import call_command
        from django.db import connections

        from civility.threads.dbcache import ThreadDatabaseCache

        table = "civility_thread_cache"
        call_command("createcachetable", table, verbosity=0)
        figures = compare(
            DatabaseCache, ThreadDatabaseCache, table, args, f"{args.entries:,} rows in {name}"
        )
        connections.close_all()
        return figures
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--database-url", help="a PostgreSQL server: measure the table instead")
    args = parser.parse_args()
    (theirs, their_ms), (ours, our_ms) = database(args) if args.database_url else files(args)
    print(f"ratio {theirs} / {ours}: {their_ms / our_ms:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
