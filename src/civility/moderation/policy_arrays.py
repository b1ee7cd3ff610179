"""A policy applied to arrays of scores: the decision rule, vectorised.

Tuning a policy (``bench/tune_policy.py``) scores the dev rows once and then
tries many thresholds; running the engine again for each would take minutes.
``decide_scores`` gives, for scores the engine already computed, the decision
the policy and decide steps would give (steps.apply_policy, steps.decide) for
comments without step errors; a test holds the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .policy import ClauseKind, LanguageMode, Policy

VIOLATION = "violation"


def decide_scores(
    policy: Policy, scores: Mapping[str, np.ndarray], langs: Sequence[str] | np.ndarray
) -> np.ndarray:
    """ "approve" / "review" / "reject" per row; ``scores`` maps category -> column.

    A category missing from ``scores`` counts as unscored, as in the engine.
    """
    langs = np.asarray(langs)
    decisions = np.full(len(langs), "approve", dtype=object)
    for lang in np.unique(langs):
        rows = langs == lang
        part = {name: np.asarray(values)[rows] for name, values in scores.items()}
        decisions[rows] = _decide(policy.for_language(str(lang)), part, int(rows.sum()))
        mode = policy.language_mode(str(lang))
        if mode is LanguageMode.REVIEW:
            decisions[rows] = "review"
        elif mode is LanguageMode.REJECT_ONLY:
            decisions[rows & (decisions == "approve")] = "review"
    return decisions.astype(str)


def _decide(policy: Policy, scores: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    reject = np.zeros(n, dtype=bool)
    hold = np.zeros(n, dtype=bool)
    for clause in policy.clauses:
        columns = [scores[c] for c in clause.categories if c in scores]
        if not columns:
            continue
        score = np.max(columns, axis=0)
        if clause.kind is ClauseKind.PROHIBIT and clause.reject_at is not None:
            reject |= score >= clause.reject_at
        if clause.review_at is not None:
            hold |= score >= clause.review_at
    violation = scores.get(VIOLATION)
    if violation is not None:
        if policy.violation_reject_at is not None:
            reject |= violation >= policy.violation_reject_at
        if policy.violation_review_at is not None:
            hold |= violation >= policy.violation_review_at
    return np.where(reject, "reject", np.where(hold, "review", "approve"))
