"""SQLite whose writers wait in a queue that wakes them, not in SQLite's sleeps.

SQLite lets one writer in at a time. Every write transaction here begins
``BEGIN IMMEDIATE`` (web/config.py), and a writer that finds the lock taken
is put to sleep by SQLite's busy handler for 1, 2, 5, 10 ... then 50 and
100 ms at a time, whether or not the lock was freed a millisecond later.
Under a burst of posts (8 at once, two gunicorn workers of four threads)
each transaction holds the lock for a few milliseconds, but an unlucky one
slept past many others: posting's p50 was 96 ms and its p99 1,576 ms
(docs/deployment.md).

So a write transaction first takes its turn, then BEGINs:

- among the threads of one process, a ``threading.Lock`` per database file,
  which hands the turn to a waiting thread the moment it is released;
- among processes, an exclusive ``flock`` on ``<database>.writers`` beside
  the database file, taken by the one thread of each process that holds the
  process's turn, polled every 0.2 to 2 ms (no timed ``flock`` exists).

The turn is given back after COMMIT or ROLLBACK, and when the connection
closes. A writer that waits longer than the connection's ``timeout`` (20 s)
stops waiting and BEGINs anyway, where SQLite answers "database is locked"
as before: the queue adds no new way to fail. Readers never queue (WAL).
Databases in memory (the tests' default) have no file to lock beside them
and are left as Django has them.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from django.db.backends.sqlite3 import base

_turns: dict[str, threading.Lock] = {}
_turns_guard = threading.Lock()


def _process_turn(path: str) -> threading.Lock:
    with _turns_guard:
        return _turns.setdefault(path, threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _holding_turn: bool = False

    def _queue_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return os.path.abspath(name) + ".writers"

    def _take_turn(self) -> None:
        path = self._queue_path()
        if path is None or self._holding_turn:
            return
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        turn = _process_turn(path)
        if not turn.acquire(timeout=timeout):
            return  # BEGIN anyway: SQLite's own answer, as without the queue
        try:
            if self._queue_fd is None:
                self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            pause = 0.0002
            while True:
                try:
                    fcntl.flock(self._queue_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        turn.release()
                        return
                    time.sleep(pause)
                    pause = min(pause * 2, 0.002)
        except BaseException:
            turn.release()
            raise
        self._holding_turn = True

    def _give_turn_back(self) -> None:
        if not self._holding_turn:
            return
        self._holding_turn = False
        try:
            if self._queue_fd is not None:
                fcntl.flock(self._queue_fd, fcntl.LOCK_UN)
        finally:
            _process_turn(self._queue_path()).release()

    def _start_transaction_under_autocommit(self):
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._give_turn_back()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._give_turn_back()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._give_turn_back()

    def close(self):
        try:
            super().close()
        finally:
            self._give_turn_back()
            if self._queue_fd is not None:
                os.close(self._queue_fd)
                self._queue_fd = None
