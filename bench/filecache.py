"""The thread cache's file backend against Django's, with a full folder.

Run by hand, never from the tests:

    .venv/bin/python bench/filecache.py                 # 20,000 entries, ~1 minute
    .venv/bin/python bench/filecache.py --entries 5000

Fills a folder with ``--entries`` thread-cache entries (the thread cache's
MAX_ENTRIES is 20,000), then times ``--writes`` writes of an article's new
version (what every published comment costs, threads/cache.py ``invalidate``)
through Django's ``FileBasedCache`` and through ``ThreadFileCache``
(threads/filecache.py) on that same folder, in this one process. Prints
milliseconds per write and the ratio.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--writes", type=int, default=500)
    args = parser.parse_args()

    from django.conf import settings

    settings.configure()
    from django.core.cache.backends.filebased import FileBasedCache

    from civility.threads.filecache import ThreadFileCache

    folder = tempfile.mkdtemp(prefix="civility-filecache-")
    # Above the fill, so neither class culls during the measurement.
    params = {"OPTIONS": {"MAX_ENTRIES": 2 * args.entries + 10 * args.writes}}
    filler = ThreadFileCache(folder, params)
    for i in range(args.entries):
        filler.set(f"thread:{i}", {"comments": list(range(50))}, timeout=600)
    print(f"{len(os.listdir(folder)):,} entries in {folder}; load {os.getloadavg()[0]:.2f}")

    figures = {}
    for name, cls in (
        ("Django FileBasedCache", FileBasedCache),
        ("ThreadFileCache", ThreadFileCache),
    ):
        store = cls(folder, params)
        samples = []
        for i in range(args.writes):
            started = time.perf_counter()
            store.set(f"thread-version:{i % 100}", f"token{i}@0", timeout=None)
            samples.append(1000 * (time.perf_counter() - started))
        figures[name] = statistics.fmean(samples)
        ordered = sorted(samples)
        print(
            f"  {name:<22} mean {figures[name]:6.2f} ms  p50 {ordered[len(ordered) // 2]:6.2f}"
            f"  p99 {ordered[int(0.99 * len(ordered))]:6.2f} ms per write"
        )
    ratio = figures["Django FileBasedCache"] / figures["ThreadFileCache"]
    print(f"ratio Django / ThreadFileCache: {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
