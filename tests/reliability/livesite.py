"""Helpers for the reliability tests: a database of their own, a killable server.

Imported by conftest.py (fixtures) and by the tests (plain names, no package).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from civility.backup import Database

SLUG = "crash-test-article"
ARTICLE = {
    "slug": SLUG,
    "title": "Russia defends military action in Aleppo region",
    "published": "2016-04-21",
    "source": "Rudaw",
    "body": "Russia defended its military action near Aleppo.\n\nThe ceasefire excludes Nusra.",
    "language": "en",
}


@dataclass
class LiveDatabase:
    """A database for one test, reachable from this process and from servers."""

    url: str  # CIVILITY_DATABASE_URL for the server and the CLI
    database: Database  # what civility.backup needs
    env: dict[str, str] = field(default_factory=dict)

    def connect(self):
        """A DB-API connection for checking what is stored (not through Django)."""
        if self.database.vendor == "sqlite":
            return sqlite3.connect(self.database.name, timeout=30)
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def query(self, sql: str, params=()) -> list[tuple]:
        conn = self.connect()
        try:
            if self.database.vendor == "postgresql":
                sql = sql.replace("?", "%s")
            return list(conn.execute(sql, params).fetchall())
        finally:
            conn.close()

    def civility(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "civility", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"civility {' '.join(args)}: {done.stdout}{done.stderr}"
        return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`civility serve` in its own process group, so SIGKILL takes every worker."""

    def __init__(self, live: LiveDatabase, log_path: Path, workers: int = 1):
        self.live, self.log_path, self.workers = live, log_path, workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, timeout: float = 60) -> None:
        assert self.process is None, "already running"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "civility", "serve", "--no-migrate"]
            + ["--port", str(self.port), "--workers", str(self.workers), "--threads", "4"],
            env=self.live.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}: {self.log()}")
            try:
                status, _ = request(self.port, "GET", f"/api/articles/{SLUG}", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server not ready after {timeout}s: {self.log()}")

    def kill(self) -> None:
        """SIGKILL to the whole group: no worker gets to finish anything."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


def request(port: int, method: str, path: str, body=None, timeout: float = 10):
    """One HTTP request on a new connection: (status, parsed JSON or None)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=headers
        )
        response = conn.getresponse()
        raw = response.read()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        return response.status, data
    finally:
        conn.close()
