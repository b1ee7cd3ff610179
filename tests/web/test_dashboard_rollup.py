"""The dashboard's daily roll-up: the same figures as counted live, whatever is decided when."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pytest
from django.utils import timezone

from civility.cli import main as cli_main
from civility.comments import actions
from civility.moderators import rollup, stats
from civility.moderators.models import DashboardCount, DashboardDay

pytestmark = pytest.mark.postgres

CLAUSES = ("personal_attacks", "threats", "profanity")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def _record(article, *, posted, status, clause="", suggested="approve", language="en", n=0):
    comment, _record_, _created = actions.record_comment(
        article=article,
        author_name=f"Reader {n}",
        author_email=f"r{n}@example.org",
        text=f"Comment {n} on the ceasefire.",
        language=language,
        content_hash=f"hash-{n}",
        decision={
            "status": status,
            "clause_id": clause,
            "suggested": suggested,
            "category": clause,
        },
        now=posted,
    )
    return comment


def _random_desk(rng, articles, moderator, *, comments=40, days=12):
    """Comments over the last ``days`` days: engine decisions, then people's, some today."""
    now = timezone.now()
    held = []
    for n in range(comments):
        posted = now - dt.timedelta(hours=rng.uniform(0, 24 * days))
        kind = rng.choice(["approve", "approve", "review", "reject"])
        status = {"approve": "approved", "review": "pending", "reject": "rejected"}[kind]
        clause = rng.choice(CLAUSES) if kind != "approve" else ""
        comment = _record(
            rng.choice(articles),
            posted=posted,
            status=status,
            clause=clause,
            suggested=kind,
            language=rng.choice(["en", "en", "ar", "ckb", "tr", ""]),
            n=n,
        )
        if kind == "review" or rng.random() < 0.15:
            held.append(comment)
    decided = []
    for comment in held:
        if rng.random() < 0.2:
            continue  # still waiting
        later = comment.created_at + dt.timedelta(hours=rng.uniform(0.1, 30))
        decided.append((comment, min(later, now)))
    return decided


def _decide(rng, moderator, comment, when):
    if rng.random() < 0.5:
        actions.decide(comment, status="approved", actor=moderator, now=when)
    else:
        actions.decide(
            comment, status="rejected", clause_id=rng.choice(CLAUSES), actor=moderator, now=when
        )


def _everything(days: int) -> dict:
    out = {}
    for chart_id, make in stats.CHARTS.items():
        chart = make(days)
        out[chart_id] = (chart.title, chart.header(), chart.to_json(), chart.rows())
    return out


def _live(monkeypatch, days: int) -> dict:
    """The charts counted live: no roll-up, none written."""
    with monkeypatch.context() as m:
        m.setattr(stats, "LAZY_DAYS", 0)
        m.setattr(stats, "_rolled", lambda days, markers: stats.Figures())
        m.setattr(stats, "figures", _all_live)
        return _everything(days)


def _all_live(days: int):
    since = timezone.now() - dt.timedelta(days=days)
    from civility.comments.models import Comment

    found = stats.live(Comment.objects.filter(created_at__gte=since))
    found.name_articles()
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_roll_up_draws_what_live_counting_draws(seed, make_article, moderator, monkeypatch):
    """Property-style: random posts and decisions over twelve days (late ones too), then
    every chart, its data table and CSV rows are equal counted live, from a fresh
    roll-up, with some days stale after more decisions, and once those are rolled."""
    rng = random.Random(seed)
    articles = [
        make_article(slug=f"a{i}", title=rng.choice(["Ceasefire", "Oil", f"Story {i}"]))
        for i in range(4)
    ]
    decisions = _random_desk(rng, articles, moderator)
    rng.shuffle(decisions)
    first, later = decisions[: len(decisions) // 2], decisions[len(decisions) // 2 :]
    for comment, when in first:
        _decide(rng, moderator, comment, when)
    for days in (7, 30):
        assert _everything(days) == _live(monkeypatch, days)  # lazily rolls 2 days
    assert rollup.roll(days=40) > 0
    for days in (7, 30):
        assert _everything(days) == _live(monkeypatch, days)
    for comment, _when in later:  # decided now: their posting days go stale
        _decide(rng, moderator, comment, timezone.now())
    stale = [d for d in DashboardDay.objects.all() if not d.current]
    if later:
        assert stale
    monkeypatch.setattr(stats, "LAZY_DAYS", 0)
    for days in (7, 30):
        assert _everything(days) == _live(monkeypatch, days)  # stale days counted live
    monkeypatch.setattr(stats, "LAZY_DAYS", 2)
    for days in (7, 30):
        assert _everything(days) == _live(monkeypatch, days)
    rollup.roll(days=40)
    assert all(d.current for d in DashboardDay.objects.all())
    for days in (7, 30):
        assert _everything(days) == _live(monkeypatch, days)


def test_a_late_decision_changes_the_rolled_day(article, moderator, monkeypatch):
    """A comment held four days ago and decided today: its day's figures follow."""
    monkeypatch.setattr(stats, "LAZY_DAYS", 0)
    posted = timezone.now() - dt.timedelta(days=4)
    day = rollup.day_of(posted)
    held = _record(article, posted=posted, status="pending", suggested="review", clause="threats")
    assert rollup.roll(days=10) >= 7
    marker = DashboardDay.objects.get(day=day)
    assert marker.current

    def pending_on(day):
        chart = stats.per_day(7)
        i = chart.labels.index(day.isoformat())
        return {s["label"]: s["data"][i] for s in chart.series}

    assert pending_on(day) == {"Approved": 0, "Held for review": 1, "Rejected": 0}
    actions.decide(held, status="approved", actor=moderator)
    marker.refresh_from_db()
    assert not marker.current  # the decision made the day stale, in its transaction
    assert pending_on(day) == {"Approved": 1, "Held for review": 0, "Rejected": 0}
    assert stats.time_to_decision(7).series[0]["data"][-5] == pytest.approx(96, abs=0.1)
    rollup.roll(days=10)
    marker.refresh_from_db()
    assert marker.current and marker.wait_median == pytest.approx(96, abs=0.1)
    assert pending_on(day) == {"Approved": 1, "Held for review": 0, "Rejected": 0}


def test_a_decision_on_todays_comment_writes_nothing(article, moderator):
    held = _record(article, posted=timezone.now(), status="pending", suggested="review")
    actions.decide(held, status="approved", actor=moderator)
    assert not DashboardDay.objects.exists()


def test_rolling_a_day_twice_writes_the_same_rows(article):
    posted = timezone.now() - dt.timedelta(days=2)
    for n in range(3):
        _record(article, posted=posted, status="approved", n=n)
    day = rollup.day_of(posted)

    def rows():
        return sorted(
            DashboardCount.objects.filter(day=day).values_list(
                "figure", "key", "column", "article_id", "n"
            )
        )

    rollup.roll_day(day)
    once = rows()
    rollup.roll_day(day)
    assert rows() == once
    assert ("outcome", "system", "approved", None, 3) in once
    assert ("article", "", "approved", article.pk, 3) in once
    with pytest.raises(ValueError):
        rollup.roll_day(rollup.site_today())


def test_a_change_while_counting_leaves_the_day_stale(article, monkeypatch):
    """A decision committed between the count and the write: the day is not marked current."""
    posted = timezone.now() - dt.timedelta(days=3)
    _record(article, posted=posted, status="approved")
    day = rollup.day_of(posted)
    counted = stats.live

    def live_then_a_decision(comments):
        found = counted(comments)
        rollup.mark_changed(day)
        return found

    monkeypatch.setattr(stats, "live", live_then_a_decision)
    rollup.roll_day(day)
    assert not DashboardDay.objects.get(day=day).current
    assert not DashboardCount.objects.filter(day=day).exists()


def test_the_dashboard_rolls_at_most_lazy_days_per_request(article, mod_client):
    _record(article, posted=timezone.now() - dt.timedelta(days=3), status="approved")
    assert mod_client.get("/moderate/dashboard/?days=7").status_code == 200
    assert sorted(d.day for d in DashboardDay.objects.all() if d.current) == [
        rollup.site_today() - dt.timedelta(days=2),
        rollup.site_today() - dt.timedelta(days=1),
    ]


def test_the_csv_is_the_same_rolled_or_live(article, mod_client, moderator, monkeypatch):
    held = _record(
        article, posted=timezone.now() - dt.timedelta(days=5), status="pending", clause="threats"
    )
    actions.decide(held, status="rejected", clause_id="threats", actor=moderator)
    monkeypatch.setattr(stats, "LAZY_DAYS", 0)

    def csvs():
        return {
            chart: list(
                csv.reader(
                    io.StringIO(
                        mod_client.get(f"/moderate/dashboard/{chart}.csv?days=7").content.decode()
                    )
                )
            )
            for chart in stats.CHARTS
        }

    live = csvs()
    rollup.roll(days=7)
    assert DashboardCount.objects.exists()
    assert csvs() == live


def test_the_command_backfills_and_queues(article, capsys, monkeypatch):
    _record(article, posted=timezone.now() - dt.timedelta(days=20), status="approved")
    assert cli_main(["dashboard", "rollup", "--all"]) == 0
    assert "rolled up 20 day(s)" in capsys.readouterr().out
    assert cli_main(["dashboard", "rollup", "--all"]) == 0
    assert "rolled up 0 day(s)" in capsys.readouterr().out
    assert cli_main(["dashboard", "rollup", "--days", "5", "--force"]) == 0
    assert "rolled up 5 day(s)" in capsys.readouterr().out
    queued = []

    class Task:
        def enqueue(self, **kwargs):
            queued.append(kwargs)

    monkeypatch.setattr(rollup, "rollup_task", Task())
    assert cli_main(["dashboard", "rollup", "--queue"]) == 0
    assert queued == [{"days": 90}]


def test_the_nightly_task_rolls_yesterday(article):
    _record(article, posted=timezone.now() - dt.timedelta(days=1), status="approved")
    assert rollup.rollup_task.call(days=3) == 3
    assert DashboardDay.objects.get(day=rollup.site_today() - dt.timedelta(days=1)).current
