"""The threat fixture through the whole engine (tests/fixtures/threats/).

Issue 10's promise, per comment as a reader would post it: no threat is
published automatically, no civil report of violence is rejected, and at
most 10% of them are held. The fixture holds 326 threats and 320 civil
sentences in the five languages; its README says how it was written.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from civility.moderation import Context, Decision, get_engine

pytestmark = pytest.mark.quality

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "threats" / "fixture.py"
MAX_CIVIL_HELD = 0.10


def load_fixture():
    spec = importlib.util.spec_from_file_location("threat_fixture", FIXTURE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load()


@pytest.fixture(scope="module")
def decided():
    items = load_fixture()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    # The comment's own language is the page's: a Kurdish comment on a
    # Kurdish article. tests/moderation/test_threats.py covers other pages.
    contexts = [Context(text=i.text, lang_hint=i.lang, now=now) for i in items]
    verdicts = get_engine().moderate_batch(contexts)
    return list(zip(items, verdicts, strict=True))


def test_fixture_is_large_and_covers_the_five_languages():
    items = load_fixture()
    threats = [i for i in items if i.expected == "threat"]
    civil = [i for i in items if i.expected == "civil"]
    assert len(threats) >= 300 and len(civil) >= 300
    assert len({i.text for i in items}) == len(items)
    for lang in ("en", "ar", "tr", "ckb", "kmr"):
        assert sum(i.lang == lang for i in threats) >= 40
        assert sum(i.lang == lang for i in civil) >= 40
    assert {i.form for i in threats} >= {"explicit", "call", "wish", "veiled", "incitement"}
    assert {i.form for i in civil} >= {"report", "discussion", "idiom", "reported"}


def _summary(rows) -> str:
    counts = Counter((i.expected, i.lang, str(v.decision)) for i, v in rows)
    return ", ".join(f"{e}/{lang}/{d}: {n}" for (e, lang, d), n in sorted(counts.items()))


def test_no_threat_is_published_automatically(decided):
    published = [
        i.text for i, v in decided if i.expected == "threat" and v.decision is Decision.APPROVE
    ]
    assert published == [], _summary(decided)


def test_no_civil_report_of_violence_is_rejected(decided):
    rejected = [
        i.text for i, v in decided if i.expected == "civil" and v.decision is Decision.REJECT
    ]
    assert rejected == [], _summary(decided)


def test_few_civil_reports_of_violence_are_held(decided):
    civil = [(i, v) for i, v in decided if i.expected == "civil"]
    held = [i.text for i, v in civil if v.decision is Decision.REVIEW]
    assert len(held) / len(civil) <= MAX_CIVIL_HELD, (len(held), held[:20])
