"""Learning the newsroom's own line: thresholds suggested from its moderators' decisions.

Every comment a person decided was held by the policy; the person's decision
says where the newsroom draws the line. ``suggest`` moves the policy's
thresholds, one at a time, greedily, to decide automatically as many of those
comments as it can, the way the moderators did:

- **reject earlier** (lower a clause's ``reject_at``, a language's
  ``violation_reject_at`` or ``reject_confirm_at``) where the moderators
  rejected what the policy held: no breach is ever published this way; the
  cost is a civil comment rejected, bounded by ``max_civil_rejected``;
- **approve more** (raise a clause's ``review_at`` or a language's
  ``violation_review_at``) where they approved it: bounded by
  ``max_breaches`` (0: not one of the comments the moderators rejected may
  become an approval), and with a ``margin``: the move must still publish no
  breach with the threshold ``margin`` higher, so the line is not drawn right
  under the first breach.

Thresholds only move in those directions, so only held comments change: a
comment the policy approves or rejects today is decided the same way after.
Every candidate is judged by the policy module's own rule
(``evidence.decide`` → ``policy_rule.rule``) on the evidence of the decided
comments, and applied through ``Policy.with_thresholds`` and
``Policy.with_language``, which check it as they check a file: there is no
second copy of the rule here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from civility.moderation.policy import LanguageMode, Policy, PolicyError, Problem
from civility.moderation.policy_rule import rule

from .evidence import Gathered, decide

STEP = 0.05
LANGUAGE_KEYS_DOWN = ("violation_reject_at", "reject_confirm_at")
LANGUAGE_KEYS_UP = ("violation_review_at",)
MAX_ROUNDS = 12
# The latest decisions read: the newsroom's line as it is now.
RECENT = 3000
# An approval move must release at least this many comments the moderators
# approved, and publish no breach even with its threshold MARGIN higher.
MIN_SUPPORT = 20
MARGIN = 0.1


@dataclass(frozen=True)
class Decided:
    """A held comment's evidence and what the person who decided it did."""

    gathered: Gathered
    rejected: bool


@dataclass(frozen=True)
class Figures:
    """What a policy does to the decided comments."""

    decided: int
    held: int
    breaches_published: int  # rejected by a person, approved by the policy
    civil_rejected: int  # approved by a person, rejected by the policy
    per_clause: dict = field(default_factory=dict)  # clause -> [held before, held after, ...]

    @property
    def holds_saved(self) -> int:
        return self.decided - self.held


@dataclass
class Suggestion:
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    languages: dict[str, dict[str, float]] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)
    before: Figures | None = None
    after: Figures | None = None
    table: list[dict] = field(default_factory=list)

    @property
    def changes(self) -> dict:
        """The suggestion as a policy draft stores it (guidelines/drafts.py)."""
        return {"thresholds": self.thresholds, "languages": self.languages, "modes": self.modes}

    def apply(self, policy: Policy) -> Policy:
        return apply_changes(policy, self.changes)

    def describe(self) -> str:
        parts = (
            [
                f"{clause}.{key} {value:.2f}"
                for clause, values in sorted(self.thresholds.items())
                for key, value in sorted(values.items())
            ]
            + [
                f"{lang}.{key} {value:.2f}"
                for lang, values in sorted(self.languages.items())
                for key, value in sorted(values.items())
            ]
            + [f"{lang} mode {mode}" for lang, mode in sorted(self.modes.items())]
        )
        if not parts:
            return "no change"
        saved = self.after.holds_saved if self.after else 0
        return (
            ", ".join(parts)
            + f" (holds saved {saved} of {self.after.decided if self.after else 0},"
            f" breaches published {self.after.breaches_published if self.after else 0},"
            f" civil rejected {self.after.civil_rejected if self.after else 0})"
        )


def apply_changes(policy: Policy, changes: dict) -> Policy:
    """``policy`` with a draft's changes: clause thresholds, per-language settings,
    then per-language modes (``{"modes": {"und": "reject_only"}}``)."""
    thresholds = changes.get("thresholds") or {}
    if thresholds:
        policy = policy.with_thresholds(thresholds)
    for lang, values in (changes.get("languages") or {}).items():
        policy = policy.with_language(lang, **values)
    modes = changes.get("modes") or {}
    if modes:
        try:
            languages = {**policy.languages, **{k: LanguageMode(v) for k, v in modes.items()}}
        except ValueError as exc:
            raise PolicyError([Problem("modes", str(exc))], source="modes") from None
        policy = replace(policy, languages=MappingProxyType(languages))
    return policy


def figures(policy: Policy, decided: list[Decided], base: Policy | None = None) -> Figures:
    held = breaches = civil = 0
    per_clause: dict[str, Counter] = {}
    for d in decided:
        got = str(decide(policy, d.gathered))
        held += got == "review"
        breaches += got == "approve" and d.rejected
        civil += got == "reject" and not d.rejected
        if base is not None:
            ruling = rule(base, d.gathered.evidence)
            clause = ruling.citations[0].clause_id if ruling.citations else "(none)"
            row = per_clause.setdefault(clause, Counter())
            row["decided"] += 1
            row["held_after"] += got == "review"
            row["rejected_after"] += got == "reject"
            row["approved_after"] += got == "approve"
            row["breaches_published"] += got == "approve" and d.rejected
            row["civil_rejected"] += got == "reject" and not d.rejected
    return Figures(len(decided), held, breaches, civil, {k: dict(v) for k, v in per_clause.items()})


def suggest(
    policy: Policy,
    decided: list[Decided],
    *,
    max_breaches: int = 0,
    max_civil_rejected: float = 0.01,
    margin: float = MARGIN,
    min_support: int = MIN_SUPPORT,
    recent: int = RECENT,
) -> Suggestion:
    """The thresholds that decide most of ``decided`` as the moderators did (see above).

    Reads the ``recent`` latest decisions (the newsroom's line as it is now).
    """
    decided = decided[-recent:] if recent else decided
    civil_total = sum(1 for d in decided if not d.rejected)
    civil_budget = int(max_civil_rejected * civil_total)
    changes: dict = {"thresholds": {}, "languages": {}, "modes": {}}
    current = figures(policy, decided)
    langs = sorted({d.gathered.evidence.lang for d in decided})
    for _round in range(MAX_ROUNDS):
        # Moves are monotone, so a comment decided automatically stays decided:
        # each round judges only the ones still held, and each move only those
        # it can reach (a clause's move: the comments that cite it; a
        # language's: the comments in it).
        applied = apply_changes(policy, changes)
        held = [d for d in decided if str(decide(applied, d.gathered)) == "review"]
        reach = _reach(applied, held)
        best = None
        for candidate, up, scope in _candidates(policy, changes, langs):
            subset = reach.get(scope, [])
            if not subset:
                continue
            try:
                trial = apply_changes(policy, candidate)
            except PolicyError:
                continue
            got = figures(trial, subset)
            saved = len(subset) - got.held
            breaches = current.breaches_published + got.breaches_published
            civil = current.civil_rejected + got.civil_rejected
            if saved <= 0 or breaches > max_breaches or civil > civil_budget:
                continue
            if up and saved < min_support:
                continue
            if best is not None and saved <= best[1]:
                continue
            if (
                up
                and margin
                and not _safe_with_margin(
                    policy, candidate, subset, margin, max_breaches - current.breaches_published
                )
            ):
                continue
            best = (candidate, saved, breaches, civil)
        if best is None:
            break
        changes = best[0]
        current = Figures(len(decided), current.held - best[1], best[2], best[3])
    before = figures(policy, decided, base=policy)
    after = figures(apply_changes(policy, changes), decided, base=policy)
    table = [
        {"clause": clause, **row}
        for clause, row in sorted(after.per_clause.items(), key=lambda kv: -kv[1]["decided"])
    ]
    return Suggestion(
        changes["thresholds"], changes["languages"], changes["modes"], before, after, table
    )


def _safe_with_margin(policy, candidate, decided, margin, max_breaches) -> bool:
    """An approval move still publishes no more breaches with its threshold ``margin`` higher."""
    looser = {
        "thresholds": {
            c: {k: min(0.99, v + margin) if k == "review_at" else v for k, v in vals.items()}
            for c, vals in candidate["thresholds"].items()
        },
        "languages": {
            lang: {
                k: min(0.99, v + margin) if k in LANGUAGE_KEYS_UP else v for k, v in vals.items()
            }
            for lang, vals in candidate["languages"].items()
        },
        "modes": candidate.get("modes") or {},
    }
    try:
        trial = apply_changes(policy, looser)
    except PolicyError:
        return True  # the looser threshold is not a policy; the move itself was checked
    return figures(trial, decided).breaches_published <= max_breaches


def _reach(policy: Policy, held: list[Decided]) -> dict[tuple, list[Decided]]:
    """The held comments each move can reach: ("clause", id) → those citing it,
    ("language", lang) → those in it."""
    reach: dict[tuple, list[Decided]] = {}
    for d in held:
        reach.setdefault(("language", d.gathered.evidence.lang), []).append(d)
        for citation in rule(policy, d.gathered.evidence).citations:
            reach.setdefault(("clause", citation.clause_id), []).append(d)
    return reach


def _candidates(policy: Policy, changes: dict, langs: list[str]):
    """Every move of one threshold from ``changes``, in the allowed direction, with
    the scope it can reach."""
    applied = apply_changes(policy, changes)
    for clause in applied.clauses:
        if clause.prohibits and clause.reject_at is not None:
            for value in _down(clause.reject_at, floor=clause.review_at or STEP):
                yield (
                    _with(changes, "thresholds", clause.id, "reject_at", value),
                    False,
                    ("clause", clause.id),
                )
        if clause.review_at is not None:
            ceiling = clause.reject_at if clause.reject_at is not None else 0.99
            for value in _up(clause.review_at, ceiling=ceiling):
                yield (
                    _with(changes, "thresholds", clause.id, "review_at", value),
                    True,
                    ("clause", clause.id),
                )
    for lang in langs:
        step = MODE_STEPS.get(applied.language_mode(lang))
        if step is not None:
            yield _with(changes, "modes", lang, "mode", str(step[0])), step[1], ("language", lang)
        resolved = applied.for_language(lang)
        for key in LANGUAGE_KEYS_DOWN:
            now = getattr(resolved, key)
            floor = resolved.violation_review_at or STEP if key == "violation_reject_at" else STEP
            for value in _down(1.0 if now is None else now, floor=floor):
                yield _with(changes, "languages", lang, key, value), False, ("language", lang)
        for key in LANGUAGE_KEYS_UP:
            now = getattr(resolved, key)
            if now is None:
                continue
            ceiling = resolved.violation_reject_at or 0.99
            for value in _up(now, ceiling=ceiling):
                yield _with(changes, "languages", lang, key, value), True, ("language", lang)


def _down(value: float, floor: float):
    for steps in (1, 2, 4):
        new = round(value - steps * STEP, 2)
        if new >= floor:
            yield new


def _up(value: float, ceiling: float):
    for steps in (1, 2, 4):
        new = round(value + steps * STEP, 2)
        if new <= ceiling:
            yield new


def _with(changes: dict, scope: str, name: str, key: str, value) -> dict:
    copied = {s: {n: dict(v) for n, v in changes[s].items()} for s in ("thresholds", "languages")}
    copied["modes"] = dict(changes.get("modes") or {})
    if scope == "modes":
        copied["modes"][name] = value
    else:
        copied[scope].setdefault(name, {})[key] = value
    return copied


# One step of a language's mode toward deciding more by itself.
# Only towards rejecting: whether a language may be approved automatically is
# a judgement about which languages the models read, which decisions alone
# cannot make (a few civil comments misread as Kurmanji would open Kurmanji).
MODE_STEPS = {LanguageMode.REVIEW: (LanguageMode.REJECT_ONLY, False)}
