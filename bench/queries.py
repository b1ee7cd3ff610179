"""The lists, the threads and posting on a full database: p50/p90/p99 per page.

Run by hand after bench/fill.py, never from the tests:

    .venv/bin/python bench/fill.py                   # once: 1,000,000 comments (minutes)
    .venv/bin/python bench/queries.py                # ~2 minutes
    .venv/bin/python bench/queries.py --runs 50 --json /tmp/queries.json

Each page is asked ``--runs`` times through Django's whole stack (test
client: URL routing, middleware, sessions, the view, its queries, the
template) against the filled database, signed in as a moderator where the
page needs one; the figures are wall-clock milliseconds per request. Thread
reads are measured twice: with the thread cache off (what the database
answers) and on (what readers get). Posting stores ``--posts`` comments
through the posting service with a constant engine (the engine's cost does
not depend on the database; bench/load.py measures it) on the full database
and on an empty one made beside it, in the same run: the target is the full
database's p99 within 1.5x the empty one's.

The pages are asked in a process started as a gunicorn worker starts
(web/worker.py: the engine loaded, then ``gc.freeze``); ``--unfrozen`` skips
the freeze, to see what it is worth in the same machine's figures.

Targets (docs/deployment.md): every page p99 <= 100 ms; posting p99 <= 1.5x empty.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/civility_bench"
TARGET_P99_MS = 100
TARGET_POST_RATIO = 1.5

PAGES = [
    ("queue", "/moderate/"),
    ("approved, newest", "/moderate/approved/"),
    ("rejected, newest", "/moderate/rejected/"),
    ("approved by a person", "/moderate/approved/?by=person"),
    ("approved by the system", "/moderate/approved/?by=system"),
    ("rejected, one clause", "/moderate/rejected/?clause=profanity"),
    ("rejected, a rare clause", "/moderate/rejected/?clause=threats"),
    ("approved, one article", "/moderate/approved/?article={busiest}"),
    ("approved, 4th page", "{fourth}"),
    ("search: a word in the text", "/moderate/approved/?q=hospital"),
    ("search: an author", "/moderate/approved/?author=Reader%2012345"),
    ("dashboard", "/moderate/dashboard/"),
    ("dashboard (90 days)", "/moderate/dashboard/?days=90"),
]
THREADS = [
    ("thread page (5,000 comments)", "/articles/{busiest}/"),
    ("thread page, last page", "/articles/{busiest}/?page=100"),
    ("API thread, page 1", "/api/articles/{busiest}/comments"),
    ("API thread, page 60", "/api/articles/{busiest}/comments?page=60"),
    ("widget thread", "/api/embed/thread?article={busiest}"),
]


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "n": len(samples),
        "p50_ms": round(at(0.50), 1),
        "p90_ms": round(at(0.90), 1),
        "p99_ms": round(at(0.99), 1),
        "max_ms": round(ordered[-1], 1),
        "mean_ms": round(statistics.fmean(samples), 1),
    }


def timed(fn, runs: int) -> dict:
    fn()  # warm: connections, templates, the first plan
    samples, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        samples.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - cpu_started))
    # The process's own CPU (Django, the template; not PostgreSQL's): load-independent.
    return {**percentiles(samples), "cpu_p50_ms": round(statistics.median(cpu), 1)}


# --- one phase, in a process of its own (Django speaks to one database per process) ----


def phase_pages(runs: int, cache: str, only: str | None = None) -> dict:
    import re

    from django.contrib.auth.models import User
    from django.test import Client

    from civility.articles.models import Article

    client = Client()
    client.force_login(User.objects.get(username="bench-mod"))
    busiest = Article.objects.order_by("id").values_list("slug", flat=True).first()
    url = "/moderate/approved/"
    for _ in range(3):
        html = client.get(url).content.decode()
        url = "/moderate/approved/?" + re.search(r'rel="next" href="\?([^"]+)"', html).group(1)
    fourth = url.replace("&amp;", "&")
    results = {}
    wanted = THREADS if cache == "on" else PAGES + THREADS
    if only:
        wanted = [(label, path) for label, path in wanted if only in label]
    for label, path in wanted:
        path = path.format(busiest=busiest, fourth=fourth)

        def get(path=path):
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            return response

        if get().status_code == 404:
            results[label] = {"missing": path}
            continue
        results[label] = {"path": path, **timed(get, runs)}
    return results


def phase_posts(posts: int) -> dict:
    from civility.articles.models import Article
    from civility.moderation.verdict import Decision, Verdict
    from civility.posting.service import post_comment

    class Approve:
        def moderate(self, text, **kwargs):
            return Verdict(decision=Decision.APPROVE, lang="en", scores={}, model="bench")

    articles = list(Article.objects.order_by("-id").values_list("slug", flat=True)[:50])
    if not articles:
        from civility.articles.importer import import_articles

        import_articles([{"slug": "empty", "title": "Empty", "published": "2026-01-01",
                          "body": "A body."}])  # fmt: skip
        articles = ["empty"]
    engine = Approve()
    serial = iter(range(10**9))
    stamp = time.time_ns()

    def post():
        n = next(serial)
        post_comment(article=articles[n % len(articles)], author_name=f"Bench {n}",
                     author_email=f"bench{stamp}-{n}@example.org",
                     text=f"The ceasefire will not hold ({stamp}-{n}).", engine=engine)  # fmt: skip

    return timed(post, posts)


def run_phase(url: str, phase: str, args, cache: str = "off") -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CIVILITY_")},
        "CIVILITY_DATABASE_URL": url,
        "CIVILITY_THREAD_CACHE": "memory" if cache == "on" else "off",
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        "CIVILITY_ALLOWED_HOSTS": "testserver",  # the test client's host name
        "CIVILITY_EMAIL_BACKEND": "locmem",
        "CIVILITY_RATE_LIMIT_IP": "100000000/1",
        "CIVILITY_RATE_LIMIT_EMAIL": "100000000/1",
        "CIVILITY_RATE_LIMIT_SAME_TEXT": "100000000/1",
    }
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--runs", str(args.runs),
         "--posts", str(args.posts), "--cache", cache,
         *(["--unfrozen"] if args.unfrozen else []),
         *(["--only", args.only] if args.only else [])],
        env=env, check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def empty_database(url: str) -> str:
    import psycopg

    base, _, name = url.rpartition("/")
    empty = f"{base}/{name}_empty"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_empty"')
        conn.execute(f'CREATE DATABASE "{name}_empty"')
    env = {**os.environ, "CIVILITY_DATABASE_URL": empty}
    subprocess.run([sys.executable, "-m", "civility", "manage", "migrate", "--verbosity", "0"],
                   env=env, check=True, cwd=ROOT)  # fmt: skip
    return empty


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def row(label: str, r: dict) -> str:
    if "missing" in r:
        return f"  {label:<32} (no such page here: {r['missing']})"
    met = "met" if r["p99_ms"] <= TARGET_P99_MS else "NOT MET"
    return (
        f"  {label:<32} p50 {r['p50_ms']:7.1f}  p90 {r['p90_ms']:7.1f}  p99 {r['p99_ms']:7.1f}"
        f"  max {r['max_ms']:7.1f} ms  cpu {r.get('cpu_p50_ms', 0):6.1f} ms"
        f"  n={r['n']}  p99<={TARGET_P99_MS} ms {met}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--only", help="only the pages whose label contains this (e.g. dashboard); no posting"
    )
    parser.add_argument(
        "--unfrozen",
        action="store_true",
        help="serve the pages without gc.freeze (web/worker.py), to compare",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--cache", default="off", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        import django

        # Not setup_test_environment(): its instrumented template rendering
        # copies every context for the test client and would double the figures.
        django.setup()
        if args.phase == "pages":
            from civility.web.worker import ready_to_serve

            # As a gunicorn worker starts (web/wsgi.py): the engine loaded, then
            # frozen out of the garbage collector's way, which decides the p99s
            # (--unfrozen: the engine loaded, nothing frozen, as before).
            if args.unfrozen:
                from civility.moderation.engine import warm_up

                warm_up()
            else:
                ready_to_serve()
            result = phase_pages(args.runs, args.cache, args.only)
        else:
            result = phase_posts(args.posts)
        print(json.dumps(result))
        return 0

    before = loadavg()
    import psycopg

    with psycopg.connect(args.database_url) as conn:
        size = conn.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    print(f"{size:,} comments over {articles:,} articles; load average {before}", flush=True)
    figures = {"comments": size, "articles": articles, "load_before": before}
    figures["pages"] = run_phase(args.database_url, "pages", args, cache="off")
    if args.only:
        figures["load_after"] = loadavg()
        for label, r in figures["pages"].items():
            print(row(label, r))
        print(f"\nload average before {before}, after {figures['load_after']}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
        return 0
    figures["threads_cached"] = run_phase(args.database_url, "pages", args, cache="on")
    figures["post_full"] = run_phase(args.database_url, "posts", args)
    figures["post_empty"] = run_phase(empty_database(args.database_url), "posts", args)
    figures["load_after"] = loadavg()

    print("\nPages (thread cache off: what the database answers)")
    for label, r in figures["pages"].items():
        print(row(label, r))
    print("\nThreads as readers get them (thread cache on)")
    for label, r in figures["threads_cached"].items():
        print(row(label, r))
    full, empty = figures["post_full"], figures["post_empty"]
    ratio = full["p99_ms"] / max(empty["p99_ms"], 1e-9)
    print("\nPosting (the posting service, constant engine)")
    print(row("full database", full))
    print(row("empty database", empty))
    print(
        f"  p99 full / empty: {ratio:.2f}x  target <= {TARGET_POST_RATIO}x "
        f"{'met' if ratio <= TARGET_POST_RATIO else 'NOT MET'}"
    )
    print(f"\nload average before {before}, after {figures['load_after']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
