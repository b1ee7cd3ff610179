"""How fast the reader pages and the moderator queue render, on SQLite.

Run by hand (not part of the tests):

    .venv/bin/python bench/web_pages.py [--rounds 50]

A throw-away SQLite database gets the demo article with a full page of 50
approved comments (plus 10 more, so the thread has two pages), 50 held
comments with engine scores and evidence, and a moderator. Each page is then
fetched ``--rounds`` times through Django's test client (the whole stack:
middleware, sessions, templates; no network), and the median and 95th
percentile are printed in milliseconds, with the number of SQL queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="civility-bench-")
    os.environ.update(
        CIVILITY_DATA_DIR=data_dir, CIVILITY_DATABASE_URL="", CIVILITY_ALLOWED_HOSTS="testserver"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "civility.web.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from civility.articles.models import Article
    from civility.demo import load_content
    from civility.moderation.verdict import Decision, Reason, Verdict
    from civility.posting.service import post_comment

    call_command("migrate", verbosity=0)
    load_content()
    article = Article.objects.get(slug="russia-defends-military-action-in-aleppo-region")

    class Fixed:
        decision = Decision.APPROVE

        def moderate(self, text, **kwargs):
            reasons = ()
            if self.decision is not Decision.APPROVE:
                reasons = (
                    Reason(
                        "personal_attack",
                        "No personal attacks.",
                        0.8,
                        ((0, 5),),
                        "personal_attacks",
                    ),
                )
            return Verdict(
                decision=self.decision,
                lang="en",
                scores={"violation": 0.8, "personal_attack": 0.8, "threat": 0.1},
                reasons=reasons,
                model="fixed",
            )

    engine = Fixed()
    settings.CIVILITY_ENGINE_FACTORY = lambda: engine
    for i in range(60):
        post_comment(
            article=article,
            author_name=f"Reader {i}",
            author_email=f"r{i}@example.org",
            text=f"Comment number {i} about the ceasefire in Aleppo.\nSecond line.",
        )
    engine.decision = Decision.REVIEW
    for i in range(50):
        post_comment(
            article=article,
            author_name=f"Held {i}",
            author_email=f"h{i}@example.org",
            text=f"Idiot number {i}, held for a moderator.",
        )
    moderator = User.objects.create_user("bench-moderator", password="x-bench-password-1")
    moderator.groups.add(Group.objects.get(name="moderators"))

    reader = Client()
    staff = Client()
    staff.force_login(moderator)
    pages = [
        ("home", reader, "/"),
        ("article, 50 comments", reader, article.get_absolute_url()),
        ("tag page", reader, "/tags/aleppo/"),
        ("queue, 50 held", staff, "/moderate/"),
        ("approved list, 50", staff, "/moderate/approved/"),
    ]
    print(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, client, url in pages:
        client.get(url)  # warm the template and policy caches
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{name:24} {statistics.median(times):10.1f} {p95:8.1f} {len(captured):8d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
