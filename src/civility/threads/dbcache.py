"""The thread cache in the database's table (PostgreSQL without Redis): Django's
database cache, counted and culled now and then instead of on every write.

Django's ``DatabaseCache`` counts the whole table (``SELECT COUNT(*)``)
before each write, to see whether it must cull, then looks the key up and
updates or inserts it in a transaction of its own: four statements or more.
The thread cache writes on every published comment (the article's new
version, threads/cache.py) and on every first read of a thread since, and
holds up to ``MAX_ENTRIES`` (20,000) rows, so the count grew with the
number of threads cached (1-2 ms at 20,000 rows on PostgreSQL).

Here one write in ``CULL_EVERY`` (per process) goes Django's way, count and
cull included; the others are one statement, an insert that updates the row
already there (``ON CONFLICT ... DO UPDATE``, on PostgreSQL and SQLite
alike). ``add`` replaces only a row that has expired, as Django's does.
The table can hold at most ``CULL_EVERY`` x (the number of processes) rows
more than ``MAX_ENTRIES`` before a counting write culls it. Reading is
Django's own.
"""

from __future__ import annotations

import base64
import pickle
from contextlib import nullcontext
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

from .filecache import CullsNowAndThen


class ThreadDatabaseCache(CullsNowAndThen, DatabaseCache):
    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if self._cull_due() or mode == "touch":  # the thread cache never touches
            return super()._base_set(mode, key, value, timeout)
        return self._upsert(mode, key, value, timeout)

    def _upsert(self, mode: str, key: str, value, timeout) -> bool:
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        name = connection.ops.quote_name
        table = name(self._table)
        key_col, value_col, expires_col = name("cache_key"), name("value"), name("expires")
        # The same stored forms as Django's writes, which its reads expect:
        # base64 of the pickle; the expiry to the second, or the far future.
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(seconds, tz=UTC if settings.USE_TZ else None)
        adapt = connection.ops.adapt_datetimefield_value
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        sql = (
            f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) VALUES (%s, %s, %s)"
            f" ON CONFLICT ({key_col}) DO UPDATE SET {value_col} = EXCLUDED.{value_col},"
            f" {expires_col} = EXCLUDED.{expires_col}"
        )
        params = [key, encoded, adapt(expires.replace(microsecond=0))]
        if mode == "add":  # over a live entry, add changes nothing and says so
            sql += f" WHERE {table}.{expires_col} < %s"
            params.append(adapt(tz_now().replace(microsecond=0)))
        # Inside a caller's transaction a failed statement would abort it on
        # PostgreSQL: a savepoint keeps the failure here, as Django's does.
        contained = transaction.atomic(using=alias) if connection.in_atomic_block else nullcontext()
        try:
            with contained, connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.rowcount == 1
        except DatabaseError:
            return False  # as Django's: a cache write may fail without failing the request
