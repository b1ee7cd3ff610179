"""How fast the site stores comments: post_comment and the API, on SQLite.

Run by hand (not part of the tests):

    .venv/bin/python bench/web_post.py [--n 300] [--real-engine]

Uses a throw-away SQLite database in a temporary folder with the production
SQLite settings (WAL, synchronous=FULL, BEGIN IMMEDIATE). Without
--real-engine a constant engine answers, so the figure is the web core's own
cost: validation, the repeat check, two inserts in one transaction, fsync.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--real-engine", action="store_true")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="civility-bench-")
    os.environ.update(CIVILITY_DATA_DIR=data_dir, CIVILITY_DATABASE_URL="")
    # Every post comes from one client: lift the per-address and per-e-mail
    # limits (abuse/rate_limits.py) so the figure is the cost of storing.
    for name in ("IP", "EMAIL", "SAME_TEXT"):
        os.environ[f"CIVILITY_RATE_LIMIT_{name}"] = "1000000/60"
    os.environ["DJANGO_SETTINGS_MODULE"] = "civility.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from civility.demo import load_content
    from civility.moderation.verdict import Decision, Verdict
    from civility.posting.service import post_comment

    call_command("migrate", verbosity=0)
    load_content()
    slug = "russia-defends-military-action-in-aleppo-region"

    class Constant:
        def moderate(self, text, **kwargs):
            return Verdict(decision=Decision.APPROVE, lang="en", scores={}, model="constant")

    engine = None if args.real_engine else Constant()
    if engine is not None:
        from django.conf import settings

        settings.CIVILITY_ENGINE_FACTORY = lambda: engine
    if args.real_engine:  # load the models before timing
        post_comment(article=slug, author_name="W", author_email="w@example.org", text="warm up")

    start = time.perf_counter()
    for i in range(args.n):
        post_comment(
            article=slug,
            author_name="Reader",
            author_email=f"reader{i}@example.org",
            text=f"Comment number {i} about the ceasefire in Aleppo.",
            engine=engine,
        )
    actions_s = time.perf_counter() - start

    client = Client(HTTP_HOST="localhost")
    latencies = []
    start = time.perf_counter()
    for i in range(args.n):
        sent = time.perf_counter()
        body = {
            "author_name": "Reader",
            "author_email": f"api{i}@example.org",
            "text": f"API comment {i} about the talks in Geneva.",
        }
        response = client.post(
            f"/api/articles/{slug}/comments", json.dumps(body), content_type="application/json"
        )
        assert response.status_code in (201, 202), response.content
        latencies.append(time.perf_counter() - sent)
    api_s = time.perf_counter() - start

    engine_name = "real engine" if args.real_engine else "constant engine"
    print(f"{args.n} comments, {engine_name}, SQLite WAL synchronous=FULL")
    print(
        f"post_comment: {args.n / actions_s:7.1f} comments/s ({1000 * actions_s / args.n:.2f} ms each)"
    )
    print(f"POST /api/…:  {args.n / api_s:7.1f} comments/s ({1000 * api_s / args.n:.2f} ms each)")
    latencies.sort()
    p50, p99 = (1000 * latencies[int(q * (len(latencies) - 1))] for q in (0.5, 0.99))
    print(f"POST /api/… latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 <= 20 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
