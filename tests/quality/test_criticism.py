"""The constructive-criticism fixture through the full engine (tests/fixtures/criticism/).

The guidelines welcome criticism, of the publisher included, and reject
insults, threats, slurs... Civil criticism must be approved without a human
(at least 90%) and almost never rejected (at most 0.5%); the same criticism
with a line that crosses a guideline must be stopped (rejected or held).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from civility.moderation import Decision, get_engine

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "criticism" / "comments.jsonl"
MAX_CIVIL_REJECTED = 0.005
MIN_CIVIL_APPROVED = 0.90
# Share of near-misses rejected or held for review. Set a little below what
# the engine measured when the bound was last revisited (71% with the first
# trained models; see README.md there): raise it as the engine improves.
MIN_NEAR_MISS_STOPPED = 0.68

pytestmark = pytest.mark.quality


def load() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict, Decision]]:
    items = load()
    engine = get_engine()
    return [(item, engine.moderate(item["text"], lang="en").decision) for item in items]


def test_fixture_is_complete():
    items = load()
    assert len({i["id"] for i in items}) == len(items)
    assert len({i["text"] for i in items}) == len(items)
    civil = [i for i in items if i["expected"] == "approve"]
    near = [i for i in items if i["expected"] == "reject"]
    assert len(civil) >= 300 and len(near) >= 300
    assert {i["clause"] for i in near} == {
        "profanity",
        "threats",
        "personal_attacks",
        "vulgarity",
        "abuse",
        "promotion",
    }
    assert all(i["clause"] == "" for i in civil)


def _summary(rows: list[tuple[dict, Decision]]) -> str:
    counts = Counter((item["clause"] or "civil", str(d)) for item, d in rows)
    return ", ".join(f"{k[0]}/{k[1]}={v}" for k, v in sorted(counts.items()))


def test_civil_criticism_is_approved(verdicts):
    civil = [(i, d) for i, d in verdicts if i["expected"] == "approve"]
    rejected = [i["text"] for i, d in civil if d == Decision.REJECT]
    approved = sum(1 for _, d in civil if d == Decision.APPROVE)
    assert len(rejected) <= MAX_CIVIL_REJECTED * len(civil), (_summary(civil), rejected[:10])
    assert approved >= MIN_CIVIL_APPROVED * len(civil), _summary(civil)


def test_near_misses_are_stopped(verdicts):
    near = [(i, d) for i, d in verdicts if i["expected"] == "reject"]
    stopped = sum(1 for _, d in near if d != Decision.APPROVE)
    passed = [i["text"] for i, d in near if d == Decision.APPROVE]
    assert stopped >= MIN_NEAR_MISS_STOPPED * len(near), (_summary(near), passed[:10])
