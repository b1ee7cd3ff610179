"""How far automatic decisions go in each language, and the per-language rules.

A policy's ``[languages]`` table names, per language, a ``LanguageMode`` and
optionally thresholds that replace the file's for comments in that language
(``[languages.tr]``). ``read_language_rules`` checks such a table against the
policy's clauses. Reference: docs/policy.md.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .policy_clause import threshold_order
from .policy_fields import Problem, read_threshold, unknown_keys

if TYPE_CHECKING:
    from .policy import Policy

__all__ = ["SETTING_KEYS", "LanguageMode", "read_language_rules", "violation_order"]

# The [settings] keys, each of which a [languages.<lang>] table may replace.
SETTING_KEYS = (
    "violation_review_at",
    "violation_reject_at",
    "reject_confirm_at",
    "language_confidence_at",
    "disguised_review_at",
)
THRESHOLD_KEYS = ("reject_at", "review_at")


class LanguageMode(enum.StrEnum):
    """How far automatic decisions may go in one language (docs/policy.md)."""

    # Approve what every score clears, reject what a clause rejects.
    FULL = "full"
    # Approve only the clearly civil (no rule of any kind fired, the language
    # identified with confidence, every score clear); reject as in full.
    CLEARLY_CIVIL = "clearly_civil"
    # Never approve; reject as in full.
    REJECT_ONLY = "reject_only"
    # Hold everything for a moderator.
    REVIEW = "review"

    @property
    def approves(self) -> bool:
        return self in (LanguageMode.FULL, LanguageMode.CLEARLY_CIVIL)

    @property
    def rejects(self) -> bool:
        return self is not LanguageMode.REVIEW


def read_language_rules(
    raw: Mapping[str, Any], policy: Policy, key: str, problems: list[Problem]
) -> dict[str, Any]:
    """One ``[languages.<lang>]`` table (its ``mode`` aside), checked against
    ``policy``'s clauses and settings; the clean values ({} on any problem)."""
    before = len(problems)
    unknown_keys(raw, {*SETTING_KEYS, "thresholds"}, f"{key}.", problems)
    rules: dict[str, Any] = {}
    for name in SETTING_KEYS:
        if name in raw:
            rules[name] = read_threshold(raw[name], f"{key}.{name}", problems)
    merged = {n: rules.get(n, getattr(policy, n)) for n in SETTING_KEYS}
    problems.extend(violation_order(merged, key))
    table = raw.get("thresholds", {})
    if not isinstance(table, Mapping):
        problems.append(Problem(f"{key}.thresholds", "must be a table"))
        table = {}
    known = {c.id: c for c in policy.clauses}
    changes: dict[str, dict[str, float | None]] = {}
    for clause_id, change in table.items():
        at = f"{key}.thresholds.{clause_id}"
        if clause_id not in known:
            problems.append(Problem(at, "unknown clause id"))
            continue
        if not isinstance(change, Mapping):
            problems.append(Problem(at, "must be a table"))
            continue
        unknown_keys(change, set(THRESHOLD_KEYS), f"{at}.", problems)
        values = {
            n: read_threshold(change[n], f"{at}.{n}", problems)
            for n in THRESHOLD_KEYS
            if n in change
        }
        problems.extend(threshold_order(replace(known[clause_id], **values), at))
        changes[clause_id] = values
    if len(problems) > before:
        return {}
    return {**rules, "thresholds": changes}


def violation_order(values: Mapping[str, float | None], key: str) -> list[Problem]:
    review, reject = values["violation_review_at"], values["violation_reject_at"]
    if review is not None and reject is not None and review > reject:
        return [
            Problem(
                f"{key}.violation_review_at",
                f"must not be above violation_reject_at ({review} > {reject})",
            )
        ]
    return []
