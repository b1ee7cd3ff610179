"""Disguised insults, threats and hate are not published; disguised civil
comments are not rejected (dev splits; bench/disguise_quality.py prints the
figures per family, with the peers).

Each dev row is moderated as written, then once per disguise family that
fits its script (training/disguise_eval.py): insulting rows with the words
the engine gave as evidence disguised (every word when there is none),
civil rows with two words disguised. The targets are the issue's: at most
1% of the harmful rows the engine does not publish as written get published
once disguised, and at most 2% of the civil rows it does not reject get
rejected once disguised.
"""

from __future__ import annotations

import pytest

from civility.moderation import Context, get_engine
from civility.training.disguise_eval import civil_rows, disguised_cases, harmful_rows, tally

pytestmark = pytest.mark.quality


def _decide(texts: list[str]) -> tuple[list[str], list[tuple]]:
    engine = get_engine()
    decisions, evidence = [], []
    for i in range(0, len(texts), 256):
        for v in engine.moderate_batch([Context(text=t) for t in texts[i : i + 256]]):
            decisions.append(str(v.decision))
            evidence.append(tuple(span for r in v.reasons for span in r.evidence))
    return decisions, evidence


def test_disguised_harm_is_not_published(data_dir) -> None:
    rows = harmful_rows(data_dir, 100)
    plain, evidence = _decide([t for t, _ in rows])
    cases = disguised_cases(rows, evidence, "harmful")
    disguised, _ = _decide([c.text for c in cases])
    t = tally(cases, plain, disguised, lambda d: d == "approve", lambda d: d == "reject")["all"]
    assert t.n > 3000
    assert t.rate("published_by_disguise", "plain_published") <= 0.01


def test_disguised_civil_comments_are_not_rejected(data_dir) -> None:
    rows = civil_rows(data_dir, 100)
    plain, _ = _decide([t for t, _ in rows])
    cases = disguised_cases(rows, [()] * len(rows), "civil", words=2)
    disguised, _ = _decide([c.text for c in cases])
    t = tally(cases, plain, disguised, lambda d: d == "approve", lambda d: d == "reject")["all"]
    assert t.n > 3000
    assert t.rate("rejected_by_disguise", "plain_rejected") <= 0.02
