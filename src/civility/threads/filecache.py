"""The thread cache on files (SQLite sites without Redis): Django's file cache,
culled now and then instead of on every write.

Django's ``FileBasedCache.set`` lists the whole cache folder before each
write, to see whether it must cull. The thread cache writes on every
published comment (the article's new version, threads/cache.py) and on every
first read of a thread since; it holds up to ``MAX_ENTRIES`` (20,000) files,
and listing 20,000 files took 14 ms here: the cost of a write grew with
the number of threads cached, the opposite of what breaking news needs.

Here one write in ``CULL_EVERY`` (per process) lists the folder and culls as
Django does; the others only write their file. The folder can hold at most
``CULL_EVERY`` x (the number of processes) entries more than ``MAX_ENTRIES``
before some process culls it, a few hundred small files.
"""

from __future__ import annotations

import itertools
import threading

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64


class ThreadFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = itertools.count(1)
        self._lock = threading.Lock()

    def _cull(self):
        with self._lock:
            due = next(self._writes) % CULL_EVERY == 0
        if due:
            super()._cull()
