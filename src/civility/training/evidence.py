"""What the policy reads about comments, gathered once and kept.

The decision rule (``moderation/policy_rule.py:rule``) reads only an
``Evidence`` per comment. Gathering it is the expensive part (the whole
engine: normalise, language, rules, models, relevance); applying a policy to
it is cheap. So a replay, a threshold suggestion or a simulated newsroom runs
the engine once (``gather``) and then asks ``rule`` about as many policies as
it likes, with no second copy of the rule to drift.

``save``/``load`` keep a list of evidence in one ``.npz`` file (numbers and
strings only; never a pickle).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from civility.moderation.categories import CATEGORIES, OFF_TOPIC
from civility.moderation.context import Article, Context
from civility.moderation.pipeline import DEFAULT_STEPS, run_pipeline
from civility.moderation.policy import Policy
from civility.moderation.policy_rule import Evidence, evidence_of, rule
from civility.moderation.verdict import Decision

SCORED = (*CATEGORIES, OFF_TOPIC)
BATCH = 256


@dataclass(frozen=True)
class Gathered:
    """One comment's evidence, whether a step failed on it, and the models' version."""

    evidence: Evidence
    error: bool
    model: str


def gather(
    texts: Sequence[str],
    *,
    policy: Policy,
    articles: Sequence[Article | None] | None = None,
    langs: Sequence[str | None] | None = None,
    now: datetime | None = None,
    steps=DEFAULT_STEPS,
) -> list[Gathered]:
    """Run the engine's steps over ``texts`` (in batches) and keep each one's evidence."""
    now = now or datetime.now(UTC)
    out: list[Gathered] = []
    for start in range(0, len(texts), BATCH):
        batch = [
            Context(
                text=text,
                article=articles[start + i] if articles else None,
                lang_hint=langs[start + i] if langs else None,
                now=now,
                policy=policy,
            )
            for i, text in enumerate(texts[start : start + BATCH])
        ]
        for ctx in run_pipeline(batch, steps):
            out.append(Gathered(evidence_of(ctx), bool(ctx.errors), ctx.model_version))
    return out


def decide(policy: Policy, gathered: Gathered) -> Decision:
    """The decision ``policy`` makes on this evidence; a failed step holds, as in the engine."""
    if gathered.error:
        return Decision.REVIEW
    return rule(policy, gathered.evidence).decision


def _num(value) -> float:
    return math.nan if value is None else float(value)


def save(path: Path, gathered: Sequence[Gathered], **extra: np.ndarray) -> None:
    """Write evidence (and any extra per-row arrays, e.g. labels) to one .npz file."""
    e = [g.evidence for g in gathered]
    np.savez_compressed(
        path,
        lang=np.array([x.lang for x in e]),
        lang_confidence=np.array([x.lang_confidence for x in e]),
        scores=np.array([[_num(x.scores.get(c)) for c in SCORED] for x in e]).reshape(
            -1, len(SCORED)
        ),
        tier=np.array([x.tier for x in e]),
        tier_scores=np.array([[_num(x.tier_scores.get(c)) for c in SCORED] for x in e]).reshape(
            -1, len(SCORED)
        ),
        threat_rule=np.array([x.threat_rule for x in e], dtype=bool),
        rule_categories=np.array([" ".join(sorted(x.rule_categories)) for x in e]),
        error=np.array([g.error for g in gathered], dtype=bool),
        model=np.array([g.model for g in gathered]),
        **extra,
    )


def load(path: Path) -> tuple[list[Gathered], dict[str, np.ndarray]]:
    """The evidence saved in ``path``, and the extra arrays saved with it."""
    with np.load(path) as stored:
        a = {k: stored[k] for k in stored.files}

    def scores(row) -> dict[str, float | None]:
        return {c: None if math.isnan(v) else float(v) for c, v in zip(SCORED, row, strict=True)}

    gathered = [
        Gathered(
            Evidence(
                lang=str(a["lang"][i]),
                scores=scores(a["scores"][i]),
                tier=str(a["tier"][i]),
                tier_scores={k: v for k, v in scores(a["tier_scores"][i]).items() if v is not None},
                threat_rule=bool(a["threat_rule"][i]),
                rule_categories=frozenset(str(a["rule_categories"][i]).split()),
                lang_confidence=float(a["lang_confidence"][i]),
            ),
            bool(a["error"][i]),
            str(a["model"][i]),
        )
        for i in range(len(a["lang"]))
    ]
    known = {
        "lang",
        "lang_confidence",
        "scores",
        "tier",
        "tier_scores",
        "threat_rule",
        "rule_categories",
        "error",
        "model",
    }
    return gathered, {k: v for k, v in a.items() if k not in known}
