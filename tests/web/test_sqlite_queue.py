"""SQLite's writers wait in a queue that wakes them (web/sqlite/base.py).

Each test opens the project's SQLite configuration (web/config.py) on a
file of its own, outside the test database, through Django's connection
handler, so the connections are the real backend's. "Another process" is a
real one: a Python child that takes the queue's file lock.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from django.db.utils import ConnectionHandler, OperationalError

from civility.web import config
from civility.web.sqlite.base import _process_turn


@pytest.fixture(autouse=True)
def _own_files(django_db_blocker):
    """These connections are to files of the tests' own, not the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path):
    """(handler, path): the project's SQLite settings on a new file, with a table."""
    settings = config.sqlite(tmp_path / "queue.sqlite3")
    handler = ConnectionHandler({"default": settings})
    with handler["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE log (who TEXT, at REAL)")
    yield handler, settings["NAME"]
    handler.close_all()


def write(handler, who: str) -> None:
    connection = handler["default"]
    with _atomic(connection):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO log VALUES (%s, %s)", [who, time.monotonic()])


class _atomic:
    """transaction.atomic for a connection outside django.db.connections."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)

    def __exit__(self, kind, value, traceback):
        try:
            if kind is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        finally:
            self.connection.set_autocommit(True)


def rows(handler) -> list[str]:
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT who FROM log ORDER BY rowid")
        return [who for (who,) in cursor.fetchall()]


HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("holding", flush=True)
sys.stdin.readline()  # until the test says so
print(time.monotonic(), flush=True)
"""


def test_a_writer_waits_for_another_process_s_turn(database):
    handler, path = database
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, path + ".writers"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "holding"
        writer = threading.Thread(target=write, args=(handler, "after the other process"))
        writer.start()
        writer.join(0.5)
        assert writer.is_alive()  # waiting for its turn, not writing
        child.stdin.write("\n")
        child.stdin.flush()
        released_at = float(child.stdout.readline())
        writer.join(10)
        assert not writer.is_alive()
    finally:
        child.kill()
        child.wait()
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT at FROM log")
        (written_at,) = cursor.fetchone()
    assert written_at > released_at


def test_threads_of_one_process_take_turns_and_each_write_lands(database):
    handler, path = database
    first_inside, let_go = threading.Event(), threading.Event()

    def slow_writer():
        connection = handler["default"]
        with _atomic(connection):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO log VALUES ('first', 0)")
            first_inside.set()
            let_go.wait(10)

    first = threading.Thread(target=slow_writer)
    first.start()
    assert first_inside.wait(10)
    assert _process_turn(path + ".writers").locked()  # the turn is held by the first
    others = [threading.Thread(target=write, args=(handler, f"w{i}")) for i in range(4)]
    for thread in others:
        thread.start()
    time.sleep(0.2)
    assert all(thread.is_alive() for thread in others)
    let_go.set()
    for thread in [first, *others]:
        thread.join(20)
    assert rows(handler)[0] == "first"
    assert sorted(rows(handler)[1:]) == ["w0", "w1", "w2", "w3"]
    assert not _process_turn(path + ".writers").locked()


def test_the_turn_is_given_back_after_a_rollback_and_on_close(database):
    handler, path = database
    connection = handler["default"]
    with pytest.raises(RuntimeError):
        with _atomic(connection):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO log VALUES ('rolled back', 0)")
            raise RuntimeError
    assert not _process_turn(path + ".writers").locked()
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert _process_turn(path + ".writers").locked()
    connection.close()
    assert not _process_turn(path + ".writers").locked()
    write(handler, "after")
    assert rows(handler) == ["after"]


def test_a_writer_stops_waiting_after_the_timeout_and_sqlite_answers(tmp_path):
    settings = config.sqlite(tmp_path / "queue.sqlite3")
    settings["OPTIONS"]["timeout"] = 0.5
    handler = ConnectionHandler({"default": settings})
    with handler["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE log (who TEXT, at REAL)")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, settings["NAME"] + ".writers"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "holding"
        write(handler, "went anyway")  # the queue is stuck; SQLite itself is free
        assert rows(handler) == ["went anyway"]
    finally:
        child.kill()
        child.wait()
        handler.close_all()


def test_sqlite_still_refuses_a_second_writer_past_the_timeout(tmp_path):
    settings = config.sqlite(tmp_path / "queue.sqlite3")
    settings["OPTIONS"]["timeout"] = 0.3
    one, two = ConnectionHandler({"default": settings}), ConnectionHandler({"default": settings})
    with one["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE log (who TEXT, at REAL)")
    holder = one["default"]
    holder.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    failed = []

    def second():
        try:
            write(two, "second")
        except OperationalError as error:
            failed.append(str(error))

    thread = threading.Thread(target=second)  # another thread: the same process's turn
    thread.start()
    thread.join(10)
    holder.rollback()
    holder.set_autocommit(True)
    assert failed and "locked" in failed[0]
    one.close_all()
    two.close_all()
