"""The lists stay fast at a million comments: kept columns, pages by position, index plans.

bench/fill.py and bench/queries.py measure the lists on a full database;
these tests hold the properties that make them fast: the latest decision
kept on the comment by every action, pages that neither skip nor repeat,
and (on both databases) a plan that reads every list from an index, never
the whole table, and never sorts it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civility.comments import actions
from civility.comments.models import Comment, CommentStatus
from civility.moderators.keyset import Cursor

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def test_every_action_keeps_the_latest_decision_on_the_comment(post, moderator):
    posted = post("Held first.", decision="review").comment
    first = Comment.objects.get(pk=posted.pk)
    assert first.decided_at == first.created_at and first.decided_by_person is False
    later = timezone.now() + dt.timedelta(minutes=5)
    actions.decide(posted, status="approved", actor=moderator, now=later)
    decided = Comment.objects.get(pk=posted.pk)
    assert (decided.status, decided.decided_at, decided.decided_by_person) == (
        CommentStatus.APPROVED,
        later,
        True,
    )
    back = later + dt.timedelta(minutes=5)
    actions.return_to_queue(
        posted, hide=True, clause_id="personal_attacks", note="reports", reports={}, now=back
    )
    returned = Comment.objects.get(pk=posted.pk)
    assert (returned.status, returned.decided_at, returned.decided_by_person) == (
        CommentStatus.PENDING,
        back,
        False,
    )
    assert returned.decided_at == returned.latest_decision.created_at


def test_the_migration_fills_the_columns_from_the_log(post, moderator):
    import importlib

    fill = importlib.import_module("civility.comments.migrations.0007_decided_columns").FILL
    one = post("One.", decision="review").comment
    two = post("Two.", author_email="two@example.org").comment
    actions.decide(one, status="rejected", actor=moderator, clause_id="personal_attacks")
    Comment.objects.update(decided_at=None, decided_by_person=None)
    with connection.cursor() as cursor:
        cursor.execute(fill)
    for comment in Comment.objects.filter(pk__in=[one.pk, two.pk]):
        latest = comment.latest_decision
        assert comment.decided_at == latest.created_at
        assert comment.decided_by_person is (latest.actor_id is not None)


def test_pages_by_position_neither_skip_nor_repeat(post, mod_client):
    # Many comments decided at the same instant: the id breaks the tie.
    now = timezone.now()
    texts = [f"Comment {i:03}." for i in range(123)]
    for i, text in enumerate(texts):
        post(text, now=now - dt.timedelta(seconds=i // 10), author_email=f"r{i}@example.org")

    def shown(html):
        return re.findall(r"Comment (\d{3})\.", html)

    seen, pages, url = [], 0, "/moderate/approved/"
    while url:
        html = mod_client.get(url).content.decode()
        page = shown(html)
        assert len(page) <= 50
        seen += page
        pages += 1
        older = link(html, "next")
        url = f"/moderate/approved/?{older}" if older else None
    assert pages == 3
    assert len(seen) == 123 and len(set(seen)) == 123
    # Latest decision first; ten share each instant, and the id breaks the tie.
    expected = Comment.objects.order_by("-decided_at", "-id").values_list("text", flat=True)
    assert [f"Comment {x}." for x in seen] == list(expected)
    # Back from the last page to the one before: the same 50 rows.
    last = mod_client.get(f"/moderate/approved/?{older_link(mod_client, 2)}").content.decode()
    newer = link(last, "prev")
    assert shown(mod_client.get(f"/moderate/approved/?{newer}").content.decode()) == seen[50:100]


def link(html: str, rel: str) -> str | None:
    """The query string of the page's next or previous link."""
    found = re.search(rf'rel="{rel}" href="\?([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def older_link(client, times: int) -> str:
    url, query = "/moderate/approved/", ""
    for _ in range(times):
        query = link(client.get(url).content.decode(), "next")
        url = f"/moderate/approved/?{query}"
    return query


@pytest.mark.parametrize("raw", ["", "x", "1-", "-5", "99999999999999999999999-1", "1-0"])
def test_a_malformed_cursor_is_the_first_page(raw, post, mod_client):
    post("Only one.")
    assert Cursor.parse(raw) is None
    html = mod_client.get(f"/moderate/approved/?before={raw}").content.decode()
    assert "Only one." in html


# --- the plans -------------------------------------------------------------------

LISTS = [
    "/moderate/",
    "/moderate/approved/",
    "/moderate/rejected/",
    "/moderate/approved/?by=person",
    "/moderate/approved/?by=system",
    "/moderate/rejected/?clause=personal_attacks",
    "/moderate/approved/?q=comment",
    "/moderate/approved/?author=Shilan",
    "/moderate/approved/?article={slug}",
    "/moderate/approved/?before={cursor}",
    "/api/articles/{slug}/comments",
    "/api/articles/{slug}/comments?page=2",
    "/articles/{slug}/",
]


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Ask the planner for its best index plan: a test table is small
            # enough that reading it whole would be cheaper, a million rows not.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def full_reads(sql: str, text: str) -> list[str]:
    """The plan's steps that read a comments table whole, or sort a list page's rows.

    A page of a list (a query with LIMIT) must come in index order: sorting
    means reading every matching row first. Other queries (a page's
    decision histories, by id) may sort the few rows they read.
    """
    page = " LIMIT " in sql
    bad = []
    for line in text.splitlines():
        if connection.vendor == "postgresql":
            if "Seq Scan on comments_" in line or (page and re.match(r"\s*(->\s*)?Sort ", line)):
                bad.append(line)
        elif re.match(r"\s*SCAN comments_\w+$", line) or (page and "TEMP B-TREE" in line):
            bad.append(line)
    return bad


@pytest.mark.postgres
def test_every_list_reads_its_rows_from_an_index(post, mod_client, article, moderator):
    now = timezone.now()
    for i in range(60):
        post(f"Comment {i}.", author_email=f"r{i}@example.org", now=now - dt.timedelta(minutes=i))
    for i in range(5):
        held = post(f"Held {i}.", decision="review", author_email=f"h{i}@example.org").comment
        post(f"Bad {i}.", decision="reject", author_email=f"b{i}@example.org")
    actions.decide(held, status="approved", actor=moderator)
    cursor = Cursor.of(Comment.objects.filter(status="approved").order_by("-decided_at").first())
    problems = {}
    for url in LISTS:
        url = url.format(slug=article.slug, cursor=cursor)
        with CaptureQueriesContext(connection) as queries:
            assert mod_client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or "comments_" not in sql:
                continue
            if bad := full_reads(sql, plan(sql)):
                problems.setdefault(url, []).append((sql, bad))
    assert not problems, "\n\n".join(
        f"{url}\n{sql}\n{bad}" for url, found in problems.items() for sql, bad in found
    )


@pytest.mark.postgres
def test_the_dashboard_reads_its_window_from_an_index(post, mod_client, moderator):
    """The month's comments from the index on posting time (comment_posted): without
    it each chart read the whole table, or a whole index, at a million comments."""
    for i in range(10):
        held = post(f"Held {i}.", decision="review", author_email=f"h{i}@example.org").comment
        actions.decide(held, status="approved", actor=moderator)
    with CaptureQueriesContext(connection) as queries:
        assert mod_client.get("/moderate/dashboard/").status_code == 200
    window = [q["sql"] for q in queries.captured_queries if '"created_at" >=' in q["sql"]]
    assert len(window) >= 6  # every chart's query
    if connection.vendor != "postgresql":
        return
    problems = [sql for sql in window if "comment_posted" not in plan(sql)]
    assert not problems, "\n\n".join(f"{sql}\n{plan(sql)}" for sql in problems)


@pytest.mark.postgres
def test_the_dashboard_reads_past_days_from_the_roll_up_by_an_index(post, mod_client, moderator):
    """The month's whole past days from the daily roll-up (moderators/rollup.py), by its
    index; only the first partial day and today from the comments (issue 16: 2.0 s at a
    million comments counted live)."""
    from civility.moderators import rollup

    now = timezone.now()
    for i in range(10):
        held = post(
            f"Held {i}.",
            decision="review",
            author_email=f"h{i}@example.org",
            now=now - dt.timedelta(days=i, hours=1),
        ).comment
        actions.decide(held, status="approved", actor=moderator, now=now - dt.timedelta(days=i))
    rollup.roll(days=30)
    with CaptureQueriesContext(connection) as queries:
        assert mod_client.get("/moderate/dashboard/").status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in sqls if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    rolled = [sql for sql in sqls if "moderators_dashboardcount" in sql]
    assert len(rolled) == 3  # outcome per day, the other figures summed, articles by title
    window = [sql for sql in sqls if '"created_at" >=' in sql]
    if connection.vendor != "postgresql":
        return
    problems = [sql for sql in rolled if "dashboard_count_day" not in plan(sql)]
    problems += [sql for sql in window if "comment_posted" not in plan(sql)]
    assert not problems, "\n\n".join(f"{sql}\n{plan(sql)}" for sql in problems)


@pytest.mark.postgres
def test_the_lists_counts_stop_counting_past_a_limit(post, monkeypatch):
    """Exact up to EXACT_UP_TO comments; above, PostgreSQL's estimate, never a full count.

    At a million approved comments an exact COUNT(*) on every list page and
    every poll cost 0.25-0.45 s each (issue 16); the estimate costs one EXPLAIN.
    """
    from civility.moderators import views

    for i in range(4):
        post(f"Comment number {i} on the ceasefire.", author_email=f"c{i}@example.org")
    assert views.counts()["approved"] == 4  # exact: far below the limit
    monkeypatch.setattr(views, "EXACT_UP_TO", 2)
    with CaptureQueriesContext(connection) as seen:
        approved = views.count_of(Comment.objects.filter(status=CommentStatus.APPROVED))
    if connection.vendor == "postgresql":
        assert approved >= 3  # the planner's figure, at least what was counted
        assert any(q["sql"].startswith("EXPLAIN") for q in seen.captured_queries)
        assert not any(
            "COUNT(*)" in q["sql"] and "LIMIT" not in q["sql"] for q in seen.captured_queries
        )
    else:
        assert approved == 4  # SQLite has no estimate: it counts (one server, fewer rows)


@pytest.mark.postgres
def test_a_list_far_past_the_limit_is_not_counted_at_all(post, monkeypatch):
    """Far past the limit (ESTIMATE_ONLY_FACTOR times it, by the planner), only EXPLAIN runs.

    Counting the first 10,001 of a million comments cost 33 ms of a desk page.
    """
    from civility.moderators import views

    for i in range(4):
        post(f"Comment number {i} on the ceasefire.", author_email=f"c{i}@example.org")
    monkeypatch.setattr(views, "EXACT_UP_TO", 0)  # any estimate is far past it
    with CaptureQueriesContext(connection) as seen:
        approved = views.count_of(Comment.objects.filter(status=CommentStatus.APPROVED))
    sqls = [q["sql"] for q in seen.captured_queries]
    if connection.vendor == "postgresql":
        assert approved > 0
        assert [sql.split()[0] for sql in sqls] == ["EXPLAIN"]
    else:
        assert approved == 4 and not any(sql.startswith("EXPLAIN") for sql in sqls)
