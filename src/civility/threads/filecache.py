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


class CullsNowAndThen:
    """Mixed into a cache backend: ``_cull_due()`` is true one call in ``CULL_EVERY``
    (per process, whichever thread asks), for the writes that count and cull."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)
        self._writes_lock = threading.Lock()

    def _cull_due(self) -> bool:
        with self._writes_lock:
            return next(self._writes) % CULL_EVERY == 0


class ThreadFileCache(CullsNowAndThen, FileBasedCache):
    def _cull(self):
        if self._cull_due():
            super()._cull()
