"""The decision rule: what the policy says about one comment. Written once, here.

``rule(policy, evidence)`` is the whole of it: the engine's policy step calls
it (through ``verdict_for``) and ``bench/tune_policy.py`` calls it again on
cached evidence to try other thresholds, so the figures a tuning run prints
are those of the rule that ships. ``Evidence`` is everything the rule may
read; nothing else about a comment can change its decision.

The rule, in the comment's language (``policy.for_language``):

1. **Reject** when a prohibit clause's score reaches its ``reject_at``, or the
   overall ``violation`` score its ``violation_reject_at``, and the strongest
   tier's own ``violation`` probability reaches ``reject_confirm_at`` (a
   threat or promotion clause needs no such confirmation: ``UNCONFIRMED``);
   unless the language's mode is ``review``. Without the confirmation, the
   clause holds instead. A threat is rejected only on a threat rule's
   evidence: when the models alone score it, it is held (see ``rule``).
2. **Approve** only when every condition holds, since nobody reviews an
   approval:
   * every clause's score is below its ``review_at`` and ``violation`` below
     ``violation_review_at``, both on the combined scores (models and rules)
     and on the strongest classifier tier that ran, on its own;
   * a classifier tier ran at all;
   * no threat or violence rule fired, however weak;
   * when normalisation had to undo a disguise (look-alike letters, symbols
     or emoji inside a word, leet, spaced-out letters, text written the other
     way round: evasion.py), every prohibit clause's score and ``violation``
     are below ``disguised_review_at``, on the combined scores and on the
     strongest tier alone. The classifiers read the undone text well but not
     perfectly, and nobody disguises a word to be understood by a filter;
   * the language's mode approves: ``full``, or ``clearly_civil`` when no rule
     of any kind fired and the language was identified with confidence.
3. Otherwise **review**, citing each clause that stood in the way.

A failed step is not the rule's business: the decide step holds any comment
with an error, whatever this says (steps.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import threats
from .categories import CATEGORIES
from .context import Hit
from .evasion import undid_disguise
from .policy import Policy
from .policy_clause import ClauseKind
from .policy_language import LanguageMode
from .verdict import Decision, Reason, Verdict

if TYPE_CHECKING:
    from .context import Context

__all__ = [
    "VIOLATION",
    "Citation",
    "Evidence",
    "Ruling",
    "evidence_of",
    "is_threat_rule",
    "rule",
    "verdict_for",
]

VIOLATION = "violation"
THREAT = "threat"
# Clauses of these categories reject without the models' confirmation:
# threat rules know more than the models (which saw few threats), and no
# model scores promotion at all (rules only; its violation head measures
# incivility, which an advertisement need not have).
UNCONFIRMED = frozenset({THREAT, "promotion"})
# The tier the linear models form; the strongest until another one runs.
LINEAR_TIER = "linear"


@dataclass(frozen=True)
class Evidence:
    """What the rule reads about one comment, and nothing else."""

    lang: str
    # Per category, the combined score (models and rules); ``off_topic`` may
    # be None (no article, or no model reads the pair).
    scores: Mapping[str, float | None]
    # The strongest classifier tier that ran ("" when none did) and its own
    # calibrated probabilities per category.
    tier: str = ""
    tier_scores: Mapping[str, float] = field(default_factory=dict)
    # A threat or violence rule fired, at any strength.
    threat_rule: bool = False
    # The categories of every rule that fired (a lexicon word, a pattern, a
    # link, a repeat), at any strength.
    rule_categories: frozenset[str] = frozenset()
    # How sure the language identification is (language.py, ``Identified``).
    lang_confidence: float = 0.0
    # Normalisation had to undo a disguise to read the comment (evasion.py).
    disguised: bool = False

    @property
    def any_rule(self) -> bool:
        return self.threat_rule or bool(self.rule_categories)


@dataclass(frozen=True)
class Citation:
    """A clause that rejects or holds the comment, with its highest category."""

    clause_id: str
    guideline: str
    category: str
    score: float
    rejects: bool
    # The categories whose rule hits are the evidence for this citation.
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Ruling:
    decision: Decision
    # Rejecting clauses first, then the holding ones; highest score first.
    citations: tuple[Citation, ...] = ()


def rule(policy: Policy, evidence: Evidence) -> Ruling:
    """The decision for ``evidence`` under ``policy`` (see the module's doc)."""
    lang = evidence.lang
    mode = policy.language_mode(lang)
    policy = policy.for_language(lang)
    scores = evidence.scores
    tier_scores = evidence.tier_scores
    rejecting: list[Citation] = []
    holding: list[Citation] = []
    tier_violation = float(tier_scores.get(VIOLATION, 0.0))
    # A rejection needs the strongest tier to find a breach likely too: one
    # rude word in a comment the model reads as civil is held, not rejected.
    confirmed = _reaches(tier_violation, policy.reject_confirm_at, default=True)
    for clause in policy.clauses:
        reject_at = clause.reject_at if clause.kind is ClauseKind.PROHIBIT else None
        review_at = clause.review_at
        if reject_at is None and review_at is None:
            continue
        categories = clause.categories
        best = _highest(scores, categories)
        if best is not None and reject_at is not None and best[1] >= reject_at:
            rejects = confirmed or not UNCONFIRMED.isdisjoint(categories)
            if best[0] == THREAT and not evidence.threat_rule:
                # The models saw few real threats; the transformer learned
                # them mostly from templated sentences and scores civil
                # ones that look alike ("I hope the wounded recover
                # quickly": 0.99). A threat no rule found is held for a
                # person, never rejected on the models' word alone.
                rejects = False
            (rejecting if rejects else holding).append(
                Citation(clause.id, clause.text, *best, rejects, categories)
            )
            continue
        if review_at is not None:
            # The combined score, else the strongest tier alone, else a
            # threat rule that fired too weakly to reach the threshold.
            for source in (scores, tier_scores):
                found = _highest(source, categories)
                if found is not None and found[1] >= review_at:
                    holding.append(Citation(clause.id, clause.text, *found, False, categories))
                    break
            else:
                if evidence.threat_rule and THREAT in categories:
                    score = float(scores.get(THREAT) or 0.0)
                    holding.append(
                        Citation(clause.id, clause.text, THREAT, score, False, categories)
                    )
    # The overall score acts only where no clause has: a clause's reason is
    # the more useful one to cite.
    violation = float(scores.get(VIOLATION) or 0.0)
    overall = Citation(VIOLATION, policy.summary, VIOLATION, violation, False, CATEGORIES)
    if not rejecting and confirmed and _reaches(violation, policy.violation_reject_at):
        rejecting.append(replace(overall, rejects=True))
    elif not rejecting and not holding:
        review_at = policy.violation_review_at
        if _reaches(violation, review_at) or _reaches(tier_violation, review_at):
            holding.append(overall)
        elif evidence.threat_rule:
            # A policy whose clauses cite no threat category still holds one.
            holding.append(overall)
    if not rejecting and not holding and evidence.disguised:
        holding += _disguised(policy, evidence, overall, tier_violation)
    if mode is LanguageMode.CLEARLY_CIVIL and not rejecting:
        holding += _weak_rules(policy, evidence, {c.clause_id for c in holding})
    citations = tuple(
        sorted(rejecting, key=lambda c: -c.score) + sorted(holding, key=lambda c: -c.score)
    )
    if rejecting and mode.rejects:
        return Ruling(Decision.REJECT, citations)
    if rejecting or holding or not _approves(mode, policy, evidence):
        return Ruling(Decision.REVIEW, citations)
    return Ruling(Decision.APPROVE, citations)


def _weak_rules(policy: Policy, evidence: Evidence, cited: set[str]) -> list[Citation]:
    """In a clearly_civil language, the clauses whose rules fired too weakly to
    hold on their own: cited, so the moderator sees why (and where) it is held."""
    found = []
    for clause in policy.clauses:
        if clause.id in cited or not clause.prohibits:
            continue
        categories = [c for c in clause.categories if c in evidence.rule_categories]
        best = _highest(evidence.scores, categories)
        if best is not None:
            found.append(Citation(clause.id, clause.text, *best, False, clause.categories))
    return found


def _disguised(
    policy: Policy, evidence: Evidence, overall: Citation, tier_violation: float
) -> list[Citation]:
    """A disguised comment that no clause holds: the clause (or the overall
    score) that scores highest, when it reaches ``disguised_review_at``."""
    bar = policy.disguised_review_at
    if bar is None:
        return []
    best = replace(overall, score=max(overall.score, tier_violation))
    for clause in policy.clauses:
        if not clause.prohibits:
            continue
        for source in (evidence.scores, evidence.tier_scores):
            found = _highest(source, clause.categories)
            if found is not None and found[1] > best.score:
                best = Citation(clause.id, clause.text, *found, False, clause.categories)
    return [best] if best.score >= bar else []


def _approves(mode: LanguageMode, policy: Policy, evidence: Evidence) -> bool:
    """The conditions of an approval that are not a clause's threshold."""
    if not mode.approves or not evidence.tier or not evidence.tier_scores:
        return False
    if mode is LanguageMode.CLEARLY_CIVIL:
        if evidence.any_rule:
            return False
        needed = policy.language_confidence_at
        if needed is not None and evidence.lang_confidence < needed:
            return False
    return True


def _reaches(value: float, threshold: float | None, default: bool = False) -> bool:
    """``value`` reaches ``threshold``; ``default`` when there is no threshold."""
    return default if threshold is None else value >= threshold


def _highest(
    scores: Mapping[str, float | None], categories: Sequence[str]
) -> tuple[str, float] | None:
    """The category of ``categories`` with the highest score, and the score;
    None when none of them is scored."""
    best = None
    top = -1.0
    for name in categories:
        value = scores.get(name)
        if value is not None and value > top:
            best, top = name, value
    return None if best is None else (best, float(top))


# --- the engine's side: a context in, a verdict out ------------------------------------


def is_threat_rule(hit: Hit) -> bool:
    """A rule hit that marks a threat or a call for violence: a threat rule
    (threats/, marked by its rule name) or any hit scored as a threat."""
    return hit.category == THREAT or threats.is_threat_rule(hit)


def strongest_tier(ctx: Context) -> tuple[str, Mapping[str, float]]:
    """The strongest classifier tier that ran for ``ctx`` and its probabilities.

    ``ctx.model_tiers`` names the tiers that ran, weakest first, and
    ``model_scores`` are the last one's (steps.Classify, cascade.py). A model
    with a version but no tier names is the linear tier.
    """
    if not ctx.model_version:
        return "", {}
    tier = ctx.model_tiers[-1] if ctx.model_tiers else LINEAR_TIER
    return tier, ctx.model_scores


def evidence_of(ctx: Context) -> Evidence:
    tier, tier_scores = strongest_tier(ctx)
    return Evidence(
        lang=ctx.lang,
        scores=ctx.scores,
        tier=tier,
        tier_scores=tier_scores,
        threat_rule=any(is_threat_rule(h) for h in ctx.hits),
        rule_categories=frozenset(h.category for h in ctx.hits),
        lang_confidence=ctx.lang_confidence,
        disguised=ctx.normalised is not None and undid_disguise(ctx.text, ctx.normalised),
    )


def verdict_for(ctx: Context, policy: Policy) -> Verdict:
    """The policy's verdict on a context the earlier steps have filled in."""
    ruling = rule(policy, evidence_of(ctx))
    reasons = tuple(
        Reason(
            category=c.category,
            guideline=c.guideline,
            score=c.score,
            evidence=_spans(ctx.hits, c.categories),
            clause_id=c.clause_id,
        )
        for c in ruling.citations
    )
    return Verdict(
        decision=ruling.decision,
        lang=ctx.lang,
        scores=ctx.scores,
        reasons=reasons,
        model=model_label(ctx, policy),
        relevance=ctx.relevance,
    )


def model_label(ctx: Context, policy: Policy) -> str:
    return f"{ctx.model_version or 'none'}+{policy.label}"


def _spans(hits: Sequence[Hit], categories: Sequence[str]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted({(h.start, h.end) for h in hits if h.category in categories}))
