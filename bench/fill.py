"""Fill a PostgreSQL database with a newsroom's years of comments, for bench/queries.py.

Run by hand, never from the tests:

    .venv/bin/python bench/fill.py                         # 1,000,000 comments, 20,000 articles
    .venv/bin/python bench/fill.py --comments 200000 --articles 2000
    .venv/bin/python bench/fill.py --database-url postgresql://USER@HOST/DB

Seeded (``--seed``), so two runs make the same database. It creates the
database if it does not exist (default ``civility_bench`` on the local
server), migrates it with ``civility manage migrate``, then writes with COPY:

- articles published over two years, in the five languages (mostly English);
  their comment counts are heavy-tailed, as news is: most articles get a
  few, some hundreds, and one breaking-news thread gets ``--breaking``;
- comments with realistic decisions: about 80 % published by the engine,
  7 % rejected by it (under a clause, with its category and scores), 13 %
  held, of which moderators decided most (a second decision row, by a
  person, minutes to hours later) and ``--held`` are still waiting;
- replies (15 % of published comments answer an earlier published one in
  the same thread), reactions (keyed reader hashes) on published comments;
- then ANALYZE, as an operator's maintenance would (docs/deployment.md),
  and the dashboard's daily roll-up of every past day (``civility
  dashboard rollup --all``, as an operator would after an import).

The comment's kept latest decision (``decided_at``, ``decided_by_person``)
is written as the actions write it. Nothing here goes through the posting
service: it would take hours; bench/queries.py measures posting separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/civility_bench"
LANGUAGES = ["en"] * 14 + ["ar", "ar", "ckb", "kmr", "tr", "tr"]
WORDS = (
    "the ceasefire aleppo russia talks geneva government people city war peace army "
    "report news kurdish region erbil syria forces civilians hospital aid border oil "
    "election minister parliament economy prices water school children refugees camp "
    "agree disagree truth lies article reporter thanks question why how never always "
    "should must will would could again today yesterday tomorrow years months week"
).split()
# Rejections by the engine: (clause, category), weighted roughly as a newsroom sees them.
REJECTIONS = [
    ("personal_attacks", "personal_attack"),
    ("personal_attacks", "personal_attack"),
    ("profanity", "profanity"),
    ("profanity", "profanity"),
    ("abuse", "abuse"),
    ("threats", "threat"),
    ("promotion", "promotion"),
    ("vulgarity", "vulgarity"),
]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 40))
    return " ".join(words).capitalize() + rng.choice([".", ".", "!", "?"])


def article_sizes(rng: random.Random, articles: int, comments: int, breaking: int) -> list[int]:
    """Heavy-tailed comment counts per article summing to ``comments``."""
    weights = [rng.paretovariate(1.2) for _ in range(articles)]
    scale = (comments - breaking) / sum(weights)
    sizes = [int(w * scale) for w in weights]
    sizes[0] = breaking
    short = comments - sum(sizes)
    for i in rng.sample(range(1, articles), k=min(abs(short), articles - 1)):
        sizes[i] += 1 if short > 0 else (-1 if sizes[i] > 0 else 0)
    sizes[-1] += comments - sum(sizes)
    return sizes


def ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def rollup(url: str) -> int:
    """The dashboard's roll-up of every past day, as the nightly job would have written it."""
    env = {
        **os.environ,
        "CIVILITY_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
    }
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "civility", "dashboard", "rollup", "--all"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return round(time.monotonic() - started)


def migrate(url: str) -> None:
    env = {
        **os.environ,
        "CIVILITY_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
    }
    subprocess.run(
        [sys.executable, "-m", "civility", "manage", "migrate", "--verbosity", "0"],
        env=env,
        check=True,
        cwd=ROOT,
    )


# The columns each COPY writes. A migration that adds a NOT NULL column
# without a database default must add it here too: ``check_columns`` says
# which one before anything is written (tests/bench/test_fill.py runs it).
COLUMNS = {
    "articles_article": (
        "id slug title published source dateline body language comments_open"
        " external_id created_at held"
    ),
    "comments_comment": (
        "id article_id parent_id author_name author_email text language created_at status"
        " content_hash ip_hash erased_at decided_at decided_by_person"
    ),
    "comments_decision": (
        "comment_id status actor_id clause_id category scores evidence suggested"
        " engine_version created_at guideline note"
    ),
    "threads_reaction": "comment_id reader created_at",
}


def copy_sql(table: str) -> str:
    return f"COPY {table} ({', '.join(COLUMNS[table].split())}) FROM STDIN"


def check_columns(conn) -> None:
    """Refuse to start if the schema has a required column a COPY below leaves out."""
    missing = []
    for table, columns in COLUMNS.items():
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s"
            " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'",
            (table,),
        ).fetchall()
        missing += [f"{table}.{name}" for (name,) in rows if name not in columns.split()]
    if missing:
        raise SystemExit(
            "bench/fill.py does not write these NOT NULL columns (a migration added them):"
            f" {', '.join(sorted(missing))}; add them to COLUMNS and to the rows"
        )


def fill(url: str, *, comments: int, articles: int, breaking: int, held: int, seed: int) -> dict:
    import psycopg

    rng = random.Random(seed)
    started = time.monotonic()
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    sizes = article_sizes(rng, articles, comments, breaking)
    counts = {"articles": articles, "comments": 0, "decisions": 0, "replies": 0, "reactions": 0}
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT count(*) FROM comments_comment").fetchone()[0]:
            raise SystemExit(f"{url} already has comments; fill an empty database")
        check_columns(conn)
        with conn.cursor() as cur:
            # A history of old decisions: the database refuses decision times
            # other than now unless told (comments/triggers.py).
            cur.execute("SET LOCAL civility.backdating = 'on'")
            with cur.copy(copy_sql("articles_article")) as copy:
                for a in range(1, articles + 1):
                    published = (now - dt.timedelta(days=730 * (articles - a) / articles)).date()
                    copy.write_row(
                        (a, f"bench-{a}", sentence(rng)[:290], published, "Rudaw", "ERBIL",
                         sentence(rng) + "\n\n" + sentence(rng), rng.choice(LANGUAGES),
                         a > articles // 10, f"bench-{a}",
                         dt.datetime.combine(published, dt.time(8), tzinfo=dt.UTC), False)
                    )  # fmt: skip
            # Held comments still waiting: the newest ones, spread over recent articles.
            waiting = set(rng.sample(range(1, comments + 1), k=min(held, comments)))
            comment_copy = cur.copy(copy_sql("comments_comment"))
            decisions: list[tuple] = []
            reactions: list[tuple] = []
            cid = 0
            with comment_copy as copy:
                for a, size in enumerate(sizes, start=1):
                    published = now - dt.timedelta(days=730 * (articles - a) / articles)
                    thread: list[int] = []  # published comments, for replies
                    for _ in range(size):
                        cid += 1
                        created = published + dt.timedelta(minutes=rng.expovariate(1 / 600))
                        created = min(created, now)
                        roll = rng.random()
                        parent = None
                        if thread and rng.random() < 0.15:
                            parent = rng.choice(thread[-50:])
                        scores = {"violation": round(rng.random() * 0.3, 3)}
                        first = {"status": "approved", "clause": "", "category": ""}
                        person = None
                        if cid in waiting:
                            first = {"status": "pending", "clause": "personal_attacks",
                                     "category": "personal_attack"}  # fmt: skip
                        elif roll < 0.80:
                            pass
                        elif roll < 0.87:
                            clause, category = rng.choice(REJECTIONS)
                            first = {"status": "rejected", "clause": clause, "category": category}
                            scores = {
                                "violation": round(0.8 + rng.random() * 0.2, 3),
                                category: 0.9,
                            }
                        else:
                            clause, category = rng.choice(REJECTIONS)
                            first = {"status": "pending", "clause": clause, "category": category}
                            scores = {"violation": round(0.4 + rng.random() * 0.3, 3)}
                            later = created + dt.timedelta(minutes=rng.expovariate(1 / 90))
                            status = "approved" if rng.random() < 0.6 else "rejected"
                            person = (
                                status,
                                clause if status == "rejected" else "",
                                min(later, now),
                            )
                        status = person[0] if person else first["status"]
                        decided_at = person[2] if person else created
                        email = f"reader{rng.randrange(200_000)}@example.org"
                        text = sentence(rng)
                        key = hashlib.sha256(f"{a}\n{email}\n{text}".encode()).hexdigest()
                        copy.write_row(
                            (cid, a, parent, f"Reader {rng.randrange(50_000)}", email, text,
                             rng.choice(LANGUAGES), created, status, key, None, None,
                             decided_at, person is not None)
                        )  # fmt: skip
                        decisions.append(
                            (cid, first["status"], None, first["clause"], first["category"],
                             json.dumps(scores), "[]", "review" if first["status"] == "pending"
                             else ("approve" if first["status"] == "approved" else "reject"),
                             "bench-fill", created)
                        )  # fmt: skip
                        if person:
                            decisions.append(
                                (cid, person[0], 1, person[1], "", "{}", "[]", "", "", person[2])
                            )
                        if status == "approved":
                            thread.append(cid)
                            counts["replies"] += parent is not None
                            for r in range(min(int(rng.expovariate(1 / 1.5)), 30)):
                                reactions.append((cid, f"{cid:x}{r:02x}".rjust(64, "0"), created))
            counts["comments"] = cid
            with cur.copy(copy_sql("comments_decision")) as copy:
                for row in decisions:
                    copy.write_row((*row, "", ""))
            counts["decisions"] = len(decisions)
            with cur.copy(copy_sql("threads_reaction")) as c:
                for row in reactions:
                    c.write_row(row)
            counts["reactions"] = len(reactions)
            for table in ("articles_article", "comments_comment"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    counts["seconds"] = round(time.monotonic() - started)
    return counts


def ensure_moderator(url: str) -> None:
    """The account bench/queries.py signs in as (id 1 is the people's decisions' actor)."""
    env = {
        **os.environ,
        "CIVILITY_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
    }
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth.models import Group, User\n"
        "from civility.comments.roles import ensure_groups\n"
        "ensure_groups()\n"
        "u, _ = User.objects.get_or_create(username='bench-mod')\n"
        "u.groups.add(Group.objects.get(name='moderators'))\n"
        "assert u.pk == 1, u.pk\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--breaking", type=int, default=5_000, help="comments on the top thread")
    parser.add_argument("--held", type=int, default=2_000, help="held comments still waiting")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    ensure_database(args.database_url)
    migrate(args.database_url)
    ensure_moderator(args.database_url)
    counts = fill(
        args.database_url,
        comments=args.comments,
        articles=args.articles,
        breaking=args.breaking,
        held=args.held,
        seed=args.seed,
    )
    counts["rollup_seconds"] = rollup(args.database_url)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
