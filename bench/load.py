"""Load benchmark: Civility against Isso, served as in production, driven over loopback.

Run by hand, never from the tests (it takes minutes and needs wrk):

    apt-get install -y wrk                      # the load driver (C, keep-alive)
    .venv/bin/python bench/load.py              # ~3 minutes, both servers
    .venv/bin/python bench/load.py --soak 600   # then 10 minutes at half the load

What it does, each server under gunicorn with the same workers and threads,
each on its own SQLite database in a temporary folder:

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

--json FILE writes every figure for docs/deployment.md.
"""

from __future__ import annotations

import argparse
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
THREAD_SIZE = 200
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


def wrk_script(*, method: str, path: str, body: str, limit: int, out: Path, delay_ms=0) -> str:
    """A wrk script: one request kind, a count limit per thread, figures as JSON.

    ``body`` is "civility", "isso" or "" (GET). Each POST carries a new text so
    that no request is answered as a repeat of an earlier one.
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
          local text = texts[(counter % #texts) + 1] .. " (" .. n .. ")."
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


def start_civility(work: Path, workers: int, threads: int) -> Site:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CIVILITY_")},
        "CIVILITY_DATA_DIR": str(work / "civility"),
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        # One client address posts everything: the rate limits still run on
        # every post (their cost is measured) but far above the load.
        "CIVILITY_RATE_LIMIT_IP": "100000000/1",
        "CIVILITY_RATE_LIMIT_EMAIL": "100000000/1",
        "CIVILITY_RATE_LIMIT_SAME_TEXT": "100000000/1",
    }
    civility = [PYTHON, "-m", "civility"]
    subprocess.run([*civility, "manage", "migrate", "--verbosity", "0"], env=env, check=True)
    seed = SEED_CIVILITY.replace("THREAD_SIZE", str(THREAD_SIZE)).replace("TEXTS", repr(TEXTS))
    subprocess.run([PYTHON, "-c", seed], env=env, check=True)
    site = Site(
        "Civility",
        free_port(),
        "/api/articles/bench-post/comments",
        "civility",
        "/api/articles/bench-thread/comments",
    )
    site.log = work / "civility.log"
    with site.log.open("wb") as log:
        site.process = subprocess.Popen(
            [*civility, "serve", "--no-migrate", "--port", str(site.port)]
            + ["--workers", str(workers), "--threads", str(threads)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_until_up(site.base + site.read_path, site.process)
    status, body = http(site.base + site.read_path)
    assert json.loads(body)["count"] == THREAD_SIZE, body[:200]
    return site


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
    for _ in range(2):
        wrk(site, work, what="post-warmup", seconds=15, limit=4 * args.workers * args.threads,
            connections=args.workers * args.threads)  # fmt: skip
    wrk(site, work, what="read-warmup", seconds=3, limit=1000, connections=args.read_connections)
    site.results["post"] = wrk(
        site, work, what="post", seconds=args.seconds, limit=args.posts,
        connections=args.post_connections,
    )  # fmt: skip
    site.results["read"] = wrk(
        site, work, what="read", seconds=args.seconds, limit=args.reads,
        connections=args.read_connections,
    )  # fmt: skip
    site.results["rss_mb"] = round(rss_mb(site.process.pid), 1)


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


def report(sites: list[Site], before: str, after: str) -> None:
    print(f"\nload average before {before}, after {after} ({os.cpu_count()} CPUs)")
    for site in sites:
        print(f"{site.name} (RSS {site.results['rss_mb']} MB after the run)")
        print(row("post a comment", site.results["post"]))
        print(row("read the thread", site.results["read"]))
    if len(sites) == 2:
        civ, isso = (s.results for s in sites)
        post_ratio = civ["post"]["per_s"] / max(isso["post"]["per_s"], 1e-9)
        read_ratio = civ["read"]["per_s"] / max(isso["read"]["per_s"], 1e-9)
        print(f"ratio Civility/Isso: posting {post_ratio:.2f}×, reading {read_ratio:.2f}×")
        cpu = [
            isso[k]["server_cpu_ms_per_request"] / max(civ[k]["server_cpu_ms_per_request"], 1e-9)
            for k in ("post", "read")
        ]
        print(
            f"server CPU per request, Isso/Civility: posting {cpu[0]:.2f}×, reading {cpu[1]:.2f}×"
        )
    civ = sites[0].results
    checks = [
        (f"posting >= {TARGET_POSTS_PER_S}/s", civ["post"]["per_s"] >= TARGET_POSTS_PER_S),
        (f"posting p99 < {TARGET_P99_MS} ms", civ["post"]["p99_ms"] < TARGET_P99_MS),
        (f"reading >= {TARGET_READS_PER_S}/s", civ["read"]["per_s"] >= TARGET_READS_PER_S),
        ("no errors", civ["post"]["errors"] == 0 and civ["read"]["errors"] == 0),
    ]
    if len(sites) == 2:
        checks += [("posting >= 2× Isso", post_ratio >= 2), ("reading >= 2× Isso", read_ratio >= 2)]
    for label, ok in checks:
        print(f"  target {label:<26} {'met' if ok else 'NOT MET'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="longest each measurement runs")
    parser.add_argument("--posts", type=int, default=6000, help="most posts per measurement")
    parser.add_argument("--reads", type=int, default=60000, help="most reads per measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (each server)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--post-connections", type=int, default=8)
    parser.add_argument("--read-connections", type=int, default=16)
    parser.add_argument("--no-isso", action="store_true", help="measure Civility alone")
    parser.add_argument("--isso-venv", type=Path, help="an environment with isso and gunicorn")
    parser.add_argument("--soak", type=int, default=0, help="then soak Civility this many seconds")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench/load.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="civility-load-"))
    sites: list[Site] = []
    before = loadavg()
    try:
        venv = None if args.no_isso else isso_venv(args.isso_venv, work)
        civility = start_civility(work, args.workers, args.threads)
        sites.append(civility)
        print(f"Civility up on :{civility.port}; measuring ...", flush=True)
        measure(civility, work, args)
        if venv is not None:
            isso = start_isso(work, venv, args.workers, args.threads)
            sites.append(isso)
            print(f"Isso up on :{isso.port}; measuring ...", flush=True)
            measure(isso, work, args)
            isso.stop()
        after = loadavg()
        report(sites, before, after)
        figures = {
            "load_before": before,
            "load_after": after,
            "cpus": os.cpu_count(),
            "workers": args.workers,
            "threads": args.threads,
            **{s.name: s.results for s in sites},
        }
        if args.soak:
            post_rate = min(TARGET_POSTS_PER_S, civility.results["post"]["per_s"]) / 2
            read_rate = min(TARGET_READS_PER_S, civility.results["read"]["per_s"]) / 2
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
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
