"""Per-language rules in the policy step, and the vectorised rule that tunes them.

``decide_scores`` must give what the engine's policy and decide steps give,
or the tuning table (bench/tune_policy.py) would describe another policy.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from civility.moderation import Context, Decision, load_policy
from civility.moderation import steps as s
from civility.moderation.categories import CATEGORIES
from civility.moderation.policy_arrays import decide_scores

POLICY = load_policy()
LANGS = ("en", "ar", "tr", "ckb", "kmr", "und", "fa")
# A policy that uses every kind of rule, so the comparison covers them all.
BUSY = POLICY.with_language(
    "en", thresholds={"personal_attacks": {"reject_at": 0.7}}, violation_review_at=0.5
).with_language("kmr", thresholds={"threats": {"reject_at": 0.5, "review_at": 0.2}})


def engine_decision(scores: dict[str, float], lang: str, policy=POLICY) -> Decision:
    ctx = Context(text="x", lang=lang, scores={**scores, "off_topic": None}, policy=policy)
    (out,) = s.decide(s.apply_policy([ctx]))
    return out.verdict


def clean(**scores: float) -> dict[str, float]:
    return {**dict.fromkeys(CATEGORIES, 0.01), **scores}


def test_arabic_rejects_on_violation_alone_and_cites_the_summary():
    verdict = engine_decision(clean(violation=0.65, personal_attack=0.3), "ar")
    assert verdict.decision is Decision.REJECT
    top = verdict.reasons[0]
    assert (top.clause_id, top.category, top.guideline) == (
        "violation",
        "violation",
        POLICY.summary,
    )


def test_english_holds_what_arabic_rejects():
    verdict = engine_decision(clean(violation=0.65), "en")
    assert verdict.decision is Decision.REVIEW
    assert verdict.reasons[0].clause_id == "violation"
    # Sorani: no violation rule, and never approved automatically.
    assert engine_decision(clean(violation=0.65), "ckb").decision is Decision.REVIEW


def test_a_rejecting_clause_is_cited_before_the_overall_score():
    verdict = engine_decision(clean(violation=0.95, personal_attack=0.92), "tr")
    assert verdict.decision is Decision.REJECT
    assert [r.clause_id for r in verdict.reasons] == ["personal_attacks"]


def test_below_the_arabic_threshold_is_held_not_rejected():
    assert engine_decision(clean(violation=0.59), "ar").decision is Decision.REVIEW
    assert engine_decision(clean(violation=0.2), "ar").decision is Decision.APPROVE


score = st.sampled_from([0.0, 0.2, 0.3, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.85, 0.9, 0.95, 1.0])


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(LANGS), st.fixed_dictionaries({c: score for c in CATEGORIES})),
        min_size=1,
        max_size=12,
    ),
    busy=st.booleans(),
)
def test_decide_scores_matches_the_engine_steps(rows, busy):
    policy = BUSY if busy else POLICY
    langs = [lang for lang, _ in rows]
    columns = {c: np.array([r[c] for _, r in rows]) for c in CATEGORIES}
    got = decide_scores(policy, columns, langs)
    want = [str(engine_decision(r, lang, policy).decision) for lang, r in rows]
    assert got.tolist() == want
