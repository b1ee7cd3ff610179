"""The dashboard's numbers: one source for the chart, its table and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from civility.comments import actions
from civility.moderators import rollup, stats

pytestmark = pytest.mark.postgres


@pytest.fixture
def desk(post, moderator, monkeypatch):
    """Two held comments a person decided, one approved and one rejected at once.

    The clock stands at noon of the site's day, so that the five hours this
    story spans fall on one day whenever the suite runs (run just after
    midnight, "today" held only half of it).
    """
    now = rollup.start_of(rollup.site_today()) + dt.timedelta(hours=12)
    monkeypatch.setattr(timezone, "now", lambda: now)
    held = post("Borderline one.", decision="review", now=now - dt.timedelta(hours=5)).comment
    held2 = post(
        "Borderline two.",
        decision="review",
        author_email="b@example.org",
        now=now - dt.timedelta(hours=3),
    ).comment
    post("Fine.", decision="approve", author_email="c@example.org", now=now)
    post("Rude.", decision="reject", author_email="d@example.org", now=now)
    actions.decide(held, status="approved", actor=moderator, now=now - dt.timedelta(hours=4))
    actions.decide(
        held2,
        status="rejected",
        clause_id="personal_attacks",
        actor=moderator,
        now=now - dt.timedelta(hours=1),
    )
    return moderator


def test_the_numbers_add_up(desk):
    per_day = stats.per_day(7)
    assert len(per_day.labels) == 7
    totals = {s["label"]: sum(s["data"]) for s in per_day.series}
    assert totals == {"Approved": 2, "Held for review": 0, "Rejected": 2}
    automated = stats.automated_share(7).series[0]["data"][-1]
    assert automated == 50.0  # two of four decided without a person
    waits = stats.time_to_decision(7)
    assert [s["data"][-1] for s in waits.series] == [1.5, 1.9]  # hours: 1 and 2
    agreement = stats.agreement(7)
    assert agreement.labels == ["Personal attacks"]
    assert [s["data"] for s in agreement.series] == [[1], [1], [0]]
    matrix = stats.suggestion_matrix(7)
    assert matrix.rows() == [["Approve", 0, 0], ["Review", 1, 1], ["Reject", 0, 0]]
    assert stats.per_language(7).labels == ["English"]


def test_every_chart_downloads_as_csv_with_the_same_numbers(client, desk):
    client.force_login(desk)
    page = client.get("/moderate/dashboard/?days=7").content.decode()
    for chart_id, make in stats.CHARTS.items():
        assert f'data-chart="{chart_id}"' in page
        response = client.get(f"/moderate/dashboard/{chart_id}.csv?days=7")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        chart = make(7)
        assert rows[0] == chart.header()
        assert rows[1:] == [["" if v is None else str(v) for v in row] for row in chart.rows()]
    assert client.get("/moderate/dashboard/nothing.csv").status_code == 404


def test_a_csv_cell_is_never_a_formula(client, desk, make_article, post):
    article = make_article(slug="formula", title='=HYPERLINK("http://x")')
    post("On the formula article.", article=article, author_email="f@example.org")
    client.force_login(desk)
    body = client.get("/moderate/dashboard/per-article.csv?days=7").content.decode()
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body


def test_articles_are_counted_apart_and_only_the_most_commented_named(
    post, make_article, monkeypatch
):
    one = make_article(slug="one", title="Same title")
    two = make_article(slug="two", title="Same title")
    quiet = make_article(slug="quiet", title="Quiet story")
    for n in range(3):
        post(f"On one {n}.", article=one, author_email=f"o{n}@example.org")
    for n in range(2):
        post(f"On two {n}.", article=two, author_email=f"t{n}@example.org")
    post("On the quiet one.", article=quiet, author_email="q@example.org")
    chart = stats.per_article(7)
    assert chart.labels == ["Same title", "Same title", "Quiet story"]  # two articles, one title
    totals = [sum(column) for column in zip(*(s["data"] for s in chart.series), strict=True)]
    assert totals == [3, 2, 1]
    monkeypatch.setattr(stats, "TOP_ARTICLES", 1)
    named = []
    real = stats.Figures.name_articles

    def spy(self):
        real(self)
        named.extend(article for (_title, article), _status in self.titles)

    monkeypatch.setattr(stats.Figures, "name_articles", spy)
    assert stats.per_article(7).labels == ["Same title"]
    assert set(named) == {one.pk}  # the others were never looked up


def test_the_data_tables_say_what_the_charts_say(client, desk, make_article, post):
    article = make_article(slug="tagged", title='<b>"Tagged"</b> & co')
    post("On the tagged article.", article=article, author_email="t@example.org")
    client.force_login(desk)
    page = client.get("/moderate/dashboard/?days=7").content.decode()
    per_day = stats.per_day(7)
    for label, *values in per_day.rows():
        cells = "".join(f"<td>{v}</td>" for v in values)
        assert f'<tr><th scope="row"><bdi>{label}</bdi></th>{cells}</tr>' in page
    assert "<td>–</td>" in page  # a day nobody decided has no waiting time
    assert "<bdi>&lt;b&gt;&quot;Tagged&quot;&lt;/b&gt; &amp; co</bdi>" in page
