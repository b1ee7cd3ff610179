"""Sorani and Kurmanji: civil text is not rejected.

No labelled Kurdish offensive set exists, so news sentences stand in for
civil comments (kurdish_news_parallel_interdialect). The issue's limit is 3%
of non-offensive Sorani rejected; the bound below sits just above what was
measured (docs/evaluation.md), so a rule or threshold that starts rejecting
ordinary Kurdish fails here long before the limit.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civility.moderation import Context, Decision, get_engine

pytestmark = pytest.mark.quality

FILES = {"ckb": "CKB-KMR_ckb_no_tag.txt", "kmr": "CKB-KMR_kmr_no_tag.txt"}
ROWS = 3000  # the sentences bench/tune_policy.py measures
# The limit is 3%; the bound sits far below it (measured 0.000 in both).
BOUND = 0.005
# Share of the lines the engine must identify as the dialect (guards the next rule).
IDENTIFIED = 0.97
# Kurdish lines approved because read as another language: measured 6 of 3,000
# Kurmanji lines (0.2%: "Nav paşnav: Süleyman Üçdağ", read as Turkish), none in Sorani.
MISREAD_APPROVED = 0.0025


@pytest.mark.parametrize("lang", sorted(FILES))
def test_news_sentences_are_not_rejected(data_dir, lang):
    path = data_dir / "kurdish_news_parallel_interdialect" / FILES[lang]
    lines = [t.strip() for t in path.read_text("utf-8").splitlines() if t.strip()][:ROWS]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    verdicts = get_engine().moderate_batch([Context(text=t, now=now) for t in lines])
    rejected = [v for v in verdicts if v.decision is Decision.REJECT]
    share = len(rejected) / len(verdicts)
    examples = [(v.reasons[0].clause_id if v.reasons else "") for v in rejected[:5]]
    assert share <= BOUND, f"{lang}: {share:.3%} rejected, e.g. {examples}"
    # Reject-only: nothing the engine reads as Kurdish is approved without a
    # moderator; and it must read nearly all of it as Kurdish, or the rule
    # would hold vacuously.
    identified = [v for v in verdicts if v.lang == lang]
    assert len(identified) >= IDENTIFIED * len(verdicts), f"{lang}: {len(identified)} identified"
    assert not any(v.decision is Decision.APPROVE for v in identified)
    # What it misreads (Kurmanji names with Turkish letters, read as Turkish)
    # may be approved as that language: bounded at what was measured.
    approved = [t for t, v in zip(lines, verdicts, strict=True) if v.decision is Decision.APPROVE]
    assert len(approved) <= MISREAD_APPROVED * len(verdicts), f"{lang}: {approved[:5]}"
