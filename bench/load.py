"""Load benchmark: Civility against Isso, served as in production, driven over loopback.

Run by hand, never from the tests (it takes minutes and needs wrk):

    apt-get install -y wrk                      # the load driver (C, keep-alive)
    .venv/bin/python bench/load.py              # ~3 minutes, both servers
    .venv/bin/python bench/load.py --soak 600   # then 10 minutes at half the load

What it does, each server under gunicorn with the same workers and threads
(by default `civility serve`'s: one worker per CPU, one thread each, which
is gunicorn's sync worker for both), each on its own SQLite database in a
temporary folder:

1. Civility: `civility manage migrate`, two articles, 200 approved comments
   under one of them, then `civility serve` (gunicorn, DEBUG off). Isso (PyPI
   `isso`, installed into a temporary virtual environment unless
   --isso-venv names one): a config file (moderation and rate limits off), 200
   comments posted under one thread, then `gunicorn isso.run`.
2. Warm-up (discarded), then for each server: posting comments for at most
   --seconds or --posts requests, whichever comes first, each with a new text
   and one of 500 e-mail addresses (Civility's engine runs on every one:
   normalising, language, rules, classifiers, relevance); then reading the
   thread (a page of 50 of its 200 comments; Isso with limit=50, the same
   amount of work for both) for at most --seconds or --reads requests.
3. Prints requests per second, latency percentiles and errors for both, and
   the ratios, with the load average before and after (other work on the
   machine skews every figure: compare only figures from the same run).
4. --soak N: N seconds of posting and reading at the same time, each at half
   the target rate (or half what was measured, if lower), sampling the
   servers' memory (RSS of the gunicorn master and workers) every 5 s.

5. A mixed run (breaking news: posting and reading at once, each at full
   speed) for each server; CPU per request over both kinds together.
6. --database postgresql: Civility on a fresh PostgreSQL database (made on
   --database-url's server, dropped afterwards) with Redis (--redis-url) for
   rate limits and the thread cache, as several app servers run it.
   --two-servers (PostgreSQL): one Civility server pinned to CPU 0 with
   taskset, then two, pinned to CPU 0 and CPU 1, posting at once; the ratio
   is the scaling figure (target >= 1.7x). wrk and everything else on the
   machine share those cores, so on a busy 2-core machine the ratio says
   less than on an idle one with a core per server and one for the driver.
7. --profile N: N posts through the whole stack in one process (Django's
   test client), after the engine's warm-up and one post: CPU and wall time
   per step (the posting steps, the engine's steps inside "moderate", the
   one transaction), then N more under cProfile, by function, cumulative.
8. --compare-float: posting again with the transformer tier in float32
   (CIVILITY_TRANSFORMER_QUANTISE=none) on the same database: the int8
   tier's gain in the same run.
9. --floor: posting again, on the same database, with the engine replaced
   by one that approves at once (a settings module in the temporary folder
   sets CIVILITY_ENGINE_FACTORY; never a product setting): what the house
   alone costs (HTTP, the posting steps, the transaction), so that the
   posting ratio can be split into the engine's part and the rest.

Targets (issue 16): posting >= 1x Isso's rate (stretch 2x), p99 <= 100 ms at
8 connections; thread reads >= 2,000/s and >= 20x Isso; two servers >= 1.7x
one. Printed met / NOT MET with the load average.

--json FILE writes every figure for docs/deployment.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGET_POSTS_PER_S = 300
TARGET_P99_MS = 100
TARGET_READS_PER_S = 2000
TARGET_POST_VS_ISSO = 1.0  # stretch: 2.0
TARGET_READ_VS_ISSO = 20.0
TARGET_TWO_SERVERS = 1.7
THREAD_SIZE = 200
RUNS = itertools.count(1)  # numbers each wrk run: its posts' texts are its own
PAGE = 50

# Comments a reader might write under the article: relevant, some critical.
TEXTS = [
    "The ceasefire will not hold while the bombing of Aleppo goes on",
    "Russia says it only targets Nusra but the hospitals keep being hit",
    "Good reporting from Erbil, thank you for covering the talks in Geneva",
    "Why does the article not mention the civilians who fled to Afrin",
    "Lavrov has said the same thing every month since February",
    "Rudaw should also ask the Syrian opposition what they think of this",
    "The truce excluded Nusra from the start, so this was expected",
    "I disagree with the headline: Moscow did not defend anything, it denied",
    "Aleppo needs humanitarian corridors before any new round of talks",
    "Kurdish forces in Sheikh Maqsoud are caught between both sides",
]


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_script(
    *, method: str, path: str, body: str, limit: int, out: Path, delay_ms=0, run: int = 0
) -> str:
    """A wrk script: one request kind, a count limit per thread, figures as JSON.

    ``body`` is "civility", "isso" or "" (GET). Each POST carries a new text so
    that no request is answered as a repeat of an earlier one, in this run or
    in an earlier run on the same database (``run`` numbers the wrk runs:
    Civility answers the same text from the same mailbox within ten minutes
    as a repeat, without moderating it again).
    """
    texts = ", ".join(lua_string(t) for t in TEXTS)
    return textwrap.dedent(
        f"""
        local threads = {{}}
        function setup(thread)
          table.insert(threads, thread)
          thread:set("tid", #threads)
        end
        local texts = {{ {texts} }}
        local counter, responses = 0, 0
        local limit = {limit}
        local kind = "{body}"
        request = function()
          counter = counter + 1
          if kind == "" then return wrk.format("{method}", "{path}") end
          local n = tid * 10000000 + counter
          local text = texts[(counter % #texts) + 1] .. " ({run}-" .. n .. ")."
          local payload
          if kind == "civility" then
            payload = string.format(
              '{{"author_name":"Reader %d","author_email":"reader%d@example.org","text":"%s"}}',
              n % 97, n % 500, text)
          else
            payload = string.format(
              '{{"author":"Reader %d","email":"reader%d@example.org","text":"%s","title":"Bench"}}',
              n % 97, n % 500, text)
          end
          return wrk.format("{method}", "{path}", {{["Content-Type"] = "application/json"}}, payload)
        end
        {"delay = function() return " + str(delay_ms) + " end" if delay_ms else ""}
        response = function(status, headers, body)
          responses = responses + 1
          if responses >= limit then wrk.thread:stop() end
        end
        done = function(summary, latency, requests)
          local e = summary.errors
          local f = io.open("{out}", "w")
          f:write(string.format(
            '{{"requests":%d,"duration_s":%f,"connect_errors":%d,"read_errors":%d,' ..
            '"write_errors":%d,"status_errors":%d,"timeouts":%d,' ..
            '"p50_ms":%f,"p90_ms":%f,"p99_ms":%f,"max_ms":%f,"mean_ms":%f}}',
            summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status,
            e.timeout, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
            latency:percentile(99) / 1e3, latency.max / 1e3, latency.mean / 1e3))
          f:close()
        end
        """
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(url: str, data: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode} (see its log)")
        try:
            if http(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout}s")


def family(pid: int) -> list[int]:
    """A process and its children (gunicorn: the master and its workers)."""
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                pids.append(int(entry))
    return pids


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a server's processes.

    Per request, this is what the server costs whatever else the machine
    runs; requests per second are not (other work takes the cores too).
    """
    total = 0
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (gunicorn master + workers), MB."""
    total = 0
    for p in family(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


@dataclass
class Site:
    name: str
    port: int
    post_path: str
    post_kind: str
    read_path: str
    process: subprocess.Popen | None = None
    log: Path | None = None
    results: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)


# --- Civility ----------------------------------------------------------------------

SEED_CIVILITY = """
import django, datetime as dt
django.setup()
from civility.articles.importer import import_articles
from civility.posting.service import post_comment
from civility.moderation.verdict import Decision, Verdict
import_articles([
  {"slug": "bench-thread", "title": "Russia defends military action in Aleppo region",
   "published": "2016-04-21", "body": "Russia defended its military action near Aleppo."},
  {"slug": "bench-post", "title": "Russia defends military action in Aleppo region",
   "published": "2016-04-21",
   "body": "Russia defended its military action near Aleppo.\\n\\nThe ceasefire excludes Nusra."},
])
class Approve:
    def moderate(self, text, **kwargs):
        return Verdict(decision=Decision.APPROVE, lang="en", scores={}, model="seed")
for i in range(THREAD_SIZE):
    post_comment(article="bench-thread", author_name=f"Reader {i}",
                 author_email=f"seed{i}@example.org", text=TEXTS[i % len(TEXTS)] + f" ({i}).",
                 engine=Approve())
"""


def civility_env(work: Path, database_url: str = "", redis_url: str = "") -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CIVILITY_")},
        "CIVILITY_DATA_DIR": str(work / "civility"),
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        # One client address posts everything: the rate limits still run on
        # every post (their cost is measured) but far above the load.
        "CIVILITY_RATE_LIMIT_IP": "100000000/1",
        "CIVILITY_RATE_LIMIT_EMAIL": "100000000/1",
        "CIVILITY_RATE_LIMIT_SAME_TEXT": "100000000/1",
        # No worker runs during the benchmark: tasks wait in their table.
        "CIVILITY_TASKS": "database",
        # Every server shares one key, as a real deployment must.
        "CIVILITY_SECRET_KEY": "bench-load-" + "x" * 40,
    }
    if database_url:
        env["CIVILITY_DATABASE_URL"] = database_url
    if redis_url:
        env["CIVILITY_REDIS_URL"] = redis_url
    return env


def prepare_civility(env: dict) -> None:
    """Migrate, two articles, the thread of 200 approved comments."""
    civility = [PYTHON, "-m", "civility"]
    subprocess.run([*civility, "manage", "migrate", "--verbosity", "0"], env=env, check=True)
    seed = SEED_CIVILITY.replace("THREAD_SIZE", str(THREAD_SIZE)).replace("TEXTS", repr(TEXTS))
    subprocess.run([PYTHON, "-c", seed], env=env, check=True)


def start_civility(
    work: Path, workers: int, threads: int, env: dict, *, name="Civility", cpus: str = ""
) -> Site:
    """`civility serve` on a free port, on the prepared database; pinned to ``cpus`` if given."""
    civility = [PYTHON, "-m", "civility"]
    site = Site(
        name,
        free_port(),
        "/api/articles/bench-post/comments",
        "civility",
        "/api/articles/bench-thread/comments",
    )
    site.log = work / f"{name}.log"
    pin = ["taskset", "-c", cpus] if cpus else []
    with site.log.open("wb") as log:
        site.process = subprocess.Popen(
            [*pin, *civility, "serve", "--no-migrate", "--port", str(site.port)]
            + ["--workers", str(workers), "--threads", str(threads)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_until_up(site.base + site.read_path, site.process, timeout=300)
    status, body = http(site.base + site.read_path)
    assert json.loads(body)["count"] == THREAD_SIZE, body[:200]
    return site


def create_database(server_url: str) -> tuple[str, callable]:
    """A fresh PostgreSQL database on ``server_url``'s server: (its URL, drop())."""
    import psycopg

    name = f"civility_load_{os.getpid()}"
    admin = server_url.rstrip("/").rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin.rsplit("/", 1)[0] + f"/{name}", drop


# --- Isso --------------------------------------------------------------------------


def isso_venv(path: Path | None, work: Path) -> Path:
    """An environment with isso and gunicorn: the one given, else a new one in ``work``."""
    if path and (path / "bin" / "gunicorn").exists():
        return path
    path = path or work / "isso-venv"
    print(f"installing isso and gunicorn into {path} ...", flush=True)
    subprocess.run([PYTHON, "-m", "venv", str(path)], check=True)
    subprocess.run(
        [str(path / "bin" / "pip"), "install", "--quiet", "isso", "gunicorn"], check=True
    )
    return path


def start_isso(work: Path, venv: Path, workers: int, threads: int) -> Site:
    port = free_port()
    config = work / "isso.cfg"
    config.write_text(
        textwrap.dedent(
            f"""
            [general]
            dbpath = {work / "isso.db"}
            host = http://127.0.0.1:{port}/
            [moderation]
            enabled = false
            [guard]
            enabled = false
            [server]
            listen = http://127.0.0.1:{port}/
            """
        )
    )
    site = Site("Isso", port, "/new?uri=/bench-post", "isso", f"/?uri=/bench-thread&limit={PAGE}")
    site.log = work / "isso.log"
    env = {**os.environ, "ISSO_SETTINGS": str(config)}
    with site.log.open("wb") as log:
        site.process = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "isso.run", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "--threads", str(threads), "--timeout", "120"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_until_up(site.base + "/info", site.process)
    for i in range(THREAD_SIZE):
        body = {
            "author": f"Reader {i}",
            "email": f"seed{i}@example.org",
            "text": TEXTS[i % len(TEXTS)] + f" ({i}).",
            "title": "Bench thread",
        }
        status, answer = http(site.base + "/new?uri=/bench-thread", body)
        assert status == 201, (status, answer[:200])
    status, body = http(site.base + f"/?uri=/bench-thread&limit={PAGE}")
    data = json.loads(body)
    assert data["total_replies"] == THREAD_SIZE and len(data["replies"]) == PAGE, body[:200]
    return site


# --- driving -----------------------------------------------------------------------


def wrk(site: Site, work: Path, *, what: str, seconds: float, limit: int, connections: int,
        wrk_threads: int = 2, delay_ms: int = 0, account_cpu: bool = True) -> dict:  # fmt: skip
    out = work / f"{site.name}-{what}-{time.monotonic_ns()}.json"
    cpu_before = cpu_seconds(site.process.pid)
    post = what.startswith("post")
    script = work / f"{site.name}-{what}.lua"
    script.write_text(
        wrk_script(
            method="POST" if post else "GET",
            path=site.post_path if post else site.read_path,
            body=site.post_kind if post else "",
            limit=max(1, limit // wrk_threads),
            out=out,
            delay_ms=delay_ms,
            run=next(RUNS),
        )
    )
    subprocess.run(
        ["wrk", "-t", str(wrk_threads), "-c", str(connections), "-d", f"{max(1, int(seconds))}s"]
        + ["--timeout", "10s", "-s", str(script), site.base],
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text())
    result["per_s"] = result["requests"] / result["duration_s"] if result["duration_s"] else 0
    if account_cpu:
        drain(site)  # the server's work for this run includes what is still queued
        used = cpu_seconds(site.process.pid) - cpu_before
        result["server_cpu_ms_per_request"] = 1000 * used / max(result["requests"], 1)
    result["errors"] = sum(
        result[k]
        for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return result


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def drain(site: Site, timeout: float = 120) -> None:
    """Wait until the server is idle: requests wrk gave up on may still be running."""
    deadline = time.monotonic() + timeout
    last = cpu_seconds(site.process.pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_seconds(site.process.pid)
        if now - last < 0.05:
            return
        last = now


def measure(site: Site, work: Path, args) -> None:
    # Warm-up: every worker loads its models and opens its database; the
    # first comment in a worker pays for loading the models (seconds).
    warm(site, work, args)
    wrk(site, work, what="read-warmup", seconds=3, limit=1000, connections=args.read_connections)
    site.results["post"] = wrk(
        site, work, what="post", seconds=args.seconds, limit=args.posts,
        connections=args.post_connections,
    )  # fmt: skip
    site.results["read"] = wrk(
        site, work, what="read", seconds=args.seconds, limit=args.reads,
        connections=args.read_connections,
    )  # fmt: skip
    site.results["mixed"] = mixed(site, work, args)
    site.results["rss_mb"] = round(rss_mb(site.process.pid), 1)


def together(runs: list[tuple]) -> list[dict]:
    """Several wrk runs at once (each ``(site, work, kwargs)``), in threads."""
    import threading

    results: list[dict | None] = [None] * len(runs)

    def run(i, site, work, kwargs):
        results[i] = wrk(site, work, account_cpu=False, **kwargs)

    threads = [threading.Thread(target=run, args=(i, *r)) for i, r in enumerate(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def mixed(site: Site, work: Path, args) -> dict:
    """Breaking news: posting and reading at once, each at full speed."""
    cpu_before = cpu_seconds(site.process.pid)
    post, read = together([
        (site, work, dict(what="post-mixed", seconds=args.seconds, limit=args.posts,
                          connections=args.post_connections)),
        (site, work, dict(what="read-mixed", seconds=args.seconds, limit=args.reads,
                          connections=args.read_connections)),
    ])  # fmt: skip
    drain(site)
    used = cpu_seconds(site.process.pid) - cpu_before
    requests = post["requests"] + read["requests"]
    return {
        "post": post,
        "read": read,
        "server_cpu_ms_per_request": 1000 * used / max(requests, 1),
    }


def two_servers(work: Path, args, env: dict) -> dict:
    """Posting on one server pinned to CPU 0, then on two pinned to CPU 0 and 1."""
    one = start_civility(work, args.workers, args.threads, env, name="Civility-pinned", cpus="0")
    try:
        warm(one, work, args)
        single = wrk(one, work, what="post-one", seconds=args.seconds, limit=args.posts,
                     connections=args.post_connections)  # fmt: skip
    finally:
        one.stop()
    pair = [
        start_civility(work, args.workers, args.threads, env, name=f"Civility-{cpu}", cpus=cpu)
        for cpu in ("0", "1")
    ]
    try:
        for site in pair:
            warm(site, work, args)
        cpu_before = [cpu_seconds(site.process.pid) for site in pair]
        both = together([
            (site, work, dict(what="post-two", seconds=args.seconds, limit=args.posts,
                              connections=args.post_connections))
            for site in pair
        ])  # fmt: skip
        for site in pair:
            drain(site)
        used = sum(cpu_seconds(s.process.pid) - b for s, b in zip(pair, cpu_before, strict=True))
    finally:
        for site in pair:
            site.stop()
    rate = sum(r["per_s"] for r in both)
    return {
        "one": single,
        "two": both,
        "two_per_s": rate,
        "two_server_cpu_ms_per_request": 1000 * used / max(sum(r["requests"] for r in both), 1),
        "ratio": rate / max(single["per_s"], 1e-9),
    }


def post_again(work: Path, args, env: dict, name: str) -> dict:
    """Posting again, on the same database, with a server started under ``env``
    (warmed up first): the same measurement as Civility's, one thing changed."""
    site = start_civility(work, args.workers, args.threads, env, name=f"Civility-{name}")
    try:
        warm(site, work, args)
        return wrk(site, work, what=f"post-{name}", seconds=args.seconds, limit=args.posts,
                   connections=args.post_connections)  # fmt: skip
    finally:
        site.stop()


def compare_float(work: Path, args, env: dict) -> dict:
    """Posting again with the transformer tier in float32
    (CIVILITY_TRANSFORMER_QUANTISE=none): the int8 tier's gain, same run."""
    return post_again(work, args, {**env, "CIVILITY_TRANSFORMER_QUANTISE": "none"}, "float32")


FLOOR_SETTINGS = """
# Written by bench/load.py --floor: the product's settings, the engine replaced.
from civility.web.settings import *  # noqa: F403

CIVILITY_ENGINE_FACTORY = "load_floor.instant_approval"


class _InstantApproval:
    def moderate(self, text, **kwargs):
        from civility.moderation.verdict import Decision, Verdict

        return Verdict(decision=Decision.APPROVE, lang="en", scores={}, model="floor")


def instant_approval():
    return _InstantApproval()
"""


def floor(work: Path, args, env: dict) -> dict:
    """Posting again through the whole house with the engine replaced by
    instant approval: the cost of everything but the engine."""
    (work / "load_floor.py").write_text(FLOOR_SETTINGS)
    path = os.pathsep.join(p for p in (str(work), env.get("PYTHONPATH", "")) if p)
    floor_env = {**env, "DJANGO_SETTINGS_MODULE": "load_floor", "PYTHONPATH": path}
    return post_again(work, args, floor_env, "floor")


def warm(site: Site, work: Path, args, rounds: int = 6) -> None:
    """Post until no worker is still loading its models (seconds of CPU each).

    Warm when two rounds in a row cost the server about the same CPU per
    post (within 1.5x): on a busy machine a fixed warm-up of two rounds left
    a worker loading its models inside the measurement.
    """
    last = None
    for _ in range(rounds):
        result = wrk(site, work, what="post-warmup", seconds=15,
                     limit=4 * args.workers * args.threads,
                     connections=args.workers * args.threads)  # fmt: skip
        cpu = result["server_cpu_ms_per_request"] if result["requests"] else None
        if cpu and last and max(cpu, last) <= 1.5 * min(cpu, last):
            return
        last = cpu


PROFILE_SCRIPT = """
import cProfile, functools, io, json, os, pstats, sys, time
import django
django.setup()
from django.test import Client
from civility.moderation import engine as engine_module
from civility.moderation.steps import step_name
from civility.posting import service, steps as posting_steps
engine_module.warm_up()  # what every gunicorn worker does before its first request
client = Client(HTTP_HOST="127.0.0.1")
# Where the time goes, by step: CPU (this thread) and wall, without cProfile's
# overhead. The engine's steps nest inside "moderate"; "record" is the one
# transaction (the two inserts and the commit).
spent = {}
def timed(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        cpu, wall = time.thread_time_ns(), time.perf_counter_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            row = spent.setdefault(name, [0, 0])
            row[0] += time.thread_time_ns() - cpu
            row[1] += time.perf_counter_ns() - wall
    if hasattr(fn, "step_name"):
        wrapper.step_name = fn.step_name
    return wrapper
site_steps = tuple(timed("posting: " + s.__name__, s) for s in posting_steps.SITE_STEPS)
for step, original in zip(site_steps, posting_steps.SITE_STEPS):
    if hasattr(original, "doors"):
        step.doors = original.doors
run = posting_steps.run
posting_steps.run = lambda posting, steps=site_steps: run(posting, steps)
engine_module.DEFAULT_STEPS = tuple(
    timed("  engine: " + step_name(s), s) for s in engine_module.DEFAULT_STEPS
)
from django.db import transaction as _transaction
class _Timed:
    def __init__(self, name, inner):
        self.name, self.inner = name, inner
    def __enter__(self):
        self.cpu, self.wall = time.thread_time_ns(), time.perf_counter_ns()
        return self.inner.__enter__()
    def __exit__(self, *exc):
        try:
            return self.inner.__exit__(*exc)
        finally:
            row = spent.setdefault(self.name, [0, 0])
            row[0] += time.thread_time_ns() - self.cpu
            row[1] += time.perf_counter_ns() - self.wall
class _Transaction:
    @staticmethod
    def atomic():
        return _Timed("record: the one transaction (inserts, commit)", _transaction.atomic())
service.transaction = _Transaction
def post(i):
    body = {"author_name": f"Profiled {i}", "author_email": f"profile{i % 500}@example.org",
            "text": TEXTS[i % len(TEXTS)] + f" (profile {os.getpid()}-{i})."}
    answer = client.post("/api/articles/bench-post/comments", data=json.dumps(body),
                         content_type="application/json")
    assert answer.status_code in (201, 202, 422), answer.content[:200]
    return answer
post(0)
spent.clear()
cpu, wall = time.thread_time_ns(), time.perf_counter_ns()
for i in range(1, N + 1):
    post(i)
cpu, wall = time.thread_time_ns() - cpu, time.perf_counter_ns() - wall
print(f"{N} posts through Django's test client (the whole request, in one thread):")
print("| step | CPU ms per post | wall ms per post |")
print("| --- | ---: | ---: |")
print(f"| whole request | {cpu / 1e6 / N:.2f} | {wall / 1e6 / N:.2f} |")
for name, (c, w) in spent.items():
    print(f"| {name} | {c / 1e6 / N:.2f} | {w / 1e6 / N:.2f} |")
print(f"load average {open('/proc/loadavg').read().split()[:3]}")
profile = cProfile.Profile()
started = time.perf_counter()
profile.enable()
for i in range(N + 1, 2 * N + 1):
    post(i)
profile.disable()
elapsed = time.perf_counter() - started
out = io.StringIO()
stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
stats.print_stats(r"civility|django/db|django/core/handlers|sqlite3|psycopg", 40)
print(f"{N} more posts in {elapsed:.2f} s under cProfile: {1000 * elapsed / N:.1f} ms per post")
print(out.getvalue())
"""


def profile_posting(env: dict, n: int) -> str:
    script = PROFILE_SCRIPT.replace("TEXTS", repr(TEXTS)).replace("N = None", "")
    script = f"N = {n}\n" + script
    done = subprocess.run([PYTHON, "-c", script], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return f"profile failed: {done.stderr[-2000:]}"
    return done.stdout


def soak(site: Site, work: Path, args, post_rate: float, read_rate: float) -> dict:
    """Posting and reading together at fixed rates; memory sampled every 5 s."""
    post_conns, read_conns = 4, 8
    # wrk waits delay() ms before each request on a connection: rate ≈ conns × 1000 / delay.
    post_delay = max(1, int(post_conns * 1000 / post_rate))
    read_delay = max(1, int(read_conns * 1000 / read_rate))
    results: dict = {}

    def run(what, conns, delay):
        results[what] = wrk(site, work, what=what, seconds=args.soak, limit=10**9,
                            connections=conns, delay_ms=delay, account_cpu=False)  # fmt: skip

    import threading

    runners = [
        threading.Thread(target=run, args=("post-soak", post_conns, post_delay)),
        threading.Thread(target=run, args=("read-soak", read_conns, read_delay)),
    ]
    for runner in runners:
        runner.start()
    samples = []
    started = time.monotonic()
    while any(r.is_alive() for r in runners):
        samples.append((round(time.monotonic() - started), round(rss_mb(site.process.pid), 1)))
        time.sleep(5)
    for runner in runners:
        runner.join()
    minute = max(1, min(12, len(samples) // 4))  # 60 s of 5-s samples, or a quarter
    first = sum(m for _, m in samples[:minute]) / minute
    last = sum(m for _, m in samples[-minute:]) / minute
    return {
        "seconds": args.soak,
        "target_post_per_s": round(post_rate),
        "target_read_per_s": round(read_rate),
        "post": results.get("post-soak"),
        "read": results.get("read-soak"),
        "rss_first_mb": round(first, 1),
        "rss_last_mb": round(last, 1),
        "rss_max_mb": max(m for _, m in samples),
        "rss_growth_pct": round(100 * (last - first) / first, 1),
        "rss_samples": samples,
    }


def row(label: str, r: dict) -> str:
    return (
        f"  {label:<18} {r['per_s']:8.0f}/s  p50 {r['p50_ms']:7.1f} ms  p90 {r['p90_ms']:7.1f} ms"
        f"  p99 {r['p99_ms']:7.1f} ms  n={r['requests']:<6} errors={r['errors']}"
        + (
            f"  server CPU {r['server_cpu_ms_per_request']:.1f} ms/request"
            if "server_cpu_ms_per_request" in r
            else ""
        )
    )


def report(
    sites: list[Site],
    before: str,
    after: str,
    scaling: dict | None = None,
    float32: dict | None = None,
    house: dict | None = None,
) -> list:
    print(f"\nload average before {before}, after {after} ({os.cpu_count()} CPUs)")
    for site in sites:
        print(f"{site.name} (RSS {site.results['rss_mb']} MB after the run)")
        print(row("post a comment", site.results["post"]))
        print(row("read the thread", site.results["read"]))
        mix = site.results["mixed"]
        print(row("mixed: post", mix["post"]))
        print(row("mixed: read", mix["read"]))
        print(f"  {'mixed: server CPU':<18} {mix['server_cpu_ms_per_request']:.1f} ms/request")
    civ = sites[0].results
    if float32:
        print("Civility with the transformer tier in float32 (CIVILITY_TRANSFORMER_QUANTISE=none):")
        print(row("post a comment", float32))
        print(
            f"  int8 / float32: posting {civ['post']['per_s'] / max(float32['per_s'], 1e-9):.2f}×,"
            f" server CPU per post {civ['post']['server_cpu_ms_per_request']:.1f} against "
            f"{float32['server_cpu_ms_per_request']:.1f} ms"
        )
    if house:
        print("Civility with the engine replaced by instant approval (--floor: the house alone):")
        print(row("post a comment", house))
        share = 1 - house["server_cpu_ms_per_request"] / max(
            civ["post"]["server_cpu_ms_per_request"], 1e-9
        )
        print(f"  the engine's share of a post's server CPU: {share:.0%}")
        if len(sites) == 2:
            isso_post = sites[1].results["post"]
            print(
                f"  house alone / Isso: posting {house['per_s'] / max(isso_post['per_s'], 1e-9):.2f}×,"
                f" server CPU per post {house['server_cpu_ms_per_request']:.1f} against "
                f"{isso_post['server_cpu_ms_per_request']:.1f} ms"
            )
    checks = [
        (f"posting p99 <= {TARGET_P99_MS} ms", civ["post"]["p99_ms"] <= TARGET_P99_MS),
        (f"reading >= {TARGET_READS_PER_S}/s", civ["read"]["per_s"] >= TARGET_READS_PER_S),
        ("no errors", civ["post"]["errors"] == 0 and civ["read"]["errors"] == 0),
    ]
    if len(sites) == 2:
        isso = sites[1].results
        post_ratio = civ["post"]["per_s"] / max(isso["post"]["per_s"], 1e-9)
        read_ratio = civ["read"]["per_s"] / max(isso["read"]["per_s"], 1e-9)
        mixed_ratio = civ["mixed"]["post"]["per_s"] / max(isso["mixed"]["post"]["per_s"], 1e-9)
        print(
            f"ratio Civility/Isso: posting {post_ratio:.2f}×, reading {read_ratio:.2f}×, "
            f"posting while read {mixed_ratio:.2f}×"
        )
        cpu = [
            isso[k]["server_cpu_ms_per_request"] / max(civ[k]["server_cpu_ms_per_request"], 1e-9)
            for k in ("post", "read")
        ]
        print(
            f"server CPU per request, Isso/Civility: posting {cpu[0]:.2f}×, reading {cpu[1]:.2f}×"
        )
        checks += [
            (f"posting >= {TARGET_POST_VS_ISSO:g}× Isso", post_ratio >= TARGET_POST_VS_ISSO),
            ("posting >= 2× Isso (stretch)", post_ratio >= 2),
            (f"reading >= {TARGET_READ_VS_ISSO:g}× Isso", read_ratio >= TARGET_READ_VS_ISSO),
        ]
    if scaling:
        print("two servers (PostgreSQL, Redis), posting, each server pinned with taskset:")
        print(row("one, CPU 0", scaling["one"]))
        for i, r in enumerate(scaling["two"]):
            print(row(f"two: server {i + 1}", r))
        print(
            f"  two servers together {scaling['two_per_s']:.0f}/s = {scaling['ratio']:.2f}× one "
            f"(server CPU {scaling['two_server_cpu_ms_per_request']:.1f} ms/post)"
        )
        checks.append(
            (f"two servers >= {TARGET_TWO_SERVERS}× one", scaling["ratio"] >= TARGET_TWO_SERVERS)
        )
    for label, ok in checks:
        print(f"  target {label:<30} {'met' if ok else 'NOT MET'}")
    print(f"  (load average now {loadavg()})")
    return [(label, ok) for label, ok in checks]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="longest each measurement runs")
    parser.add_argument("--posts", type=int, default=6000, help="most posts per measurement")
    parser.add_argument("--reads", type=int, default=60000, help="most reads per measurement")
    parser.add_argument(
        "--workers",
        type=int,
        help="gunicorn workers, each server (default: as civility serve, one per CPU)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (default: as civility serve, 1: the sync worker)",
    )
    parser.add_argument("--post-connections", type=int, default=8)
    parser.add_argument("--read-connections", type=int, default=16)
    parser.add_argument("--no-isso", action="store_true", help="measure Civility alone")
    parser.add_argument("--isso-venv", type=Path, help="an environment with isso and gunicorn")
    parser.add_argument("--soak", type=int, default=0, help="then soak Civility this many seconds")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server to make the benchmark's database on (dropped afterwards)",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/14",
        help="Redis for rate limits and the thread cache with --database postgresql",
    )
    parser.add_argument(
        "--two-servers",
        action="store_true",
        help="also one server pinned to CPU 0 against two pinned to CPU 0 and 1 (PostgreSQL)",
    )
    parser.add_argument("--profile", type=int, default=0, help="profile this many posts")
    parser.add_argument(
        "--compare-float",
        action="store_true",
        help="also post with the transformer tier in float32 (the int8 gain, same run)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also post with the engine replaced by instant approval (the house alone)",
    )
    args = parser.parse_args()
    if args.workers is None:
        from civility.cli.django_env import usable_cpus

        args.workers = usable_cpus()
    if args.two_servers and args.database != "postgresql":
        print("--two-servers needs --database postgresql (one database, two servers)")
        return 2
    if shutil.which("wrk") is None:
        print("bench/load.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2

    worker_class = "sync" if args.threads == 1 else "gthread"
    print(
        f"each server: gunicorn, {args.workers} workers × {args.threads} "
        f"thread{'' if args.threads == 1 else 's'} "
        f"({worker_class} worker); wrk, {args.post_connections} connections posting",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="civility-load-"))
    sites: list[Site] = []
    before = loadavg()
    drop = None
    try:
        venv = None if args.no_isso else isso_venv(args.isso_venv, work)
        if args.database == "postgresql":
            import redis

            database_url, drop = create_database(args.database_url)
            redis.Redis.from_url(args.redis_url).flushdb()  # the benchmark's own Redis db
            env = civility_env(work, database_url, args.redis_url)
        else:
            env = civility_env(work)
        prepare_civility(env)
        civility = start_civility(work, args.workers, args.threads, env)
        sites.append(civility)
        print(f"Civility up on :{civility.port}; measuring ...", flush=True)
        measure(civility, work, args)
        if venv is not None:
            isso = start_isso(work, venv, args.workers, args.threads)
            sites.append(isso)
            print(f"Isso up on :{isso.port}; measuring ...", flush=True)
            measure(isso, work, args)
            isso.stop()
        civility.stop()
        float32 = compare_float(work, args, env) if args.compare_float else None
        house = floor(work, args, env) if args.floor else None
        scaling = None
        if args.two_servers:
            print("two servers: one pinned to CPU 0, then two on CPU 0 and 1 ...", flush=True)
            scaling = two_servers(work, args, env)
        after = loadavg()
        checks = report(sites, before, after, scaling, float32, house)
        figures = {
            "database": args.database,
            "load_before": before,
            "load_after": after,
            "cpus": os.cpu_count(),
            "workers": args.workers,
            "threads": args.threads,
            **{s.name: s.results for s in sites},
            "two_servers": scaling,
            "float32_post": float32,
            "floor_post": house,
            "targets": {label: ok for label, ok in checks},
        }
        if args.profile:
            print(f"\nprofiling {args.profile} posts in one process (cProfile) ...", flush=True)
            figures["profile"] = profile_posting(env, args.profile)
            print(figures["profile"])
            if args.compare_float:
                print("\nthe same with the transformer tier in float32:", flush=True)
                float_env = {**env, "CIVILITY_TRANSFORMER_QUANTISE": "none"}
                figures["profile_float32"] = profile_posting(float_env, args.profile)
                print(figures["profile_float32"].split("\n\n")[0])
        if args.soak:
            measured = civility.results
            civility = start_civility(work, args.workers, args.threads, env)
            sites.append(civility)
            post_rate = min(TARGET_POSTS_PER_S, measured["post"]["per_s"]) / 2
            read_rate = min(TARGET_READS_PER_S, measured["read"]["per_s"]) / 2
            print(f"\nsoak: {args.soak}s at {post_rate:.0f} posts/s + {read_rate:.0f} reads/s")
            result = soak(civility, work, args, post_rate, read_rate)
            figures["soak"] = result
            print(row("post (soak)", result["post"]))
            print(row("read (soak)", result["read"]))
            print(
                f"  RSS first minute {result['rss_first_mb']} MB, last minute "
                f"{result['rss_last_mb']} MB ({result['rss_growth_pct']:+.1f}%), "
                f"max {result['rss_max_mb']} MB; load average now {loadavg()}"
            )
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        for site in sites:
            site.stop()
        if drop is not None:
            drop()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
