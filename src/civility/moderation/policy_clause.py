"""One clause of the guidelines: what it is, and how a file's ``[[clause]]`` is read.

``read_clause`` checks one raw table and appends a ``Problem`` for every fault
(naming ``clause[3].reject_at``), so that the policy loader can list every
problem of a file in one pass. Reference: docs/policy.md.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from .categories import CATEGORIES, OFF_TOPIC
from .policy_fields import NONE, Problem, joined, read_string, read_threshold, unknown_keys

__all__ = ["CLAUSE_CATEGORIES", "Clause", "ClauseKind", "read_clause", "threshold_order"]

# Categories a clause may cite: the always-scored ones plus relevance.
CLAUSE_CATEGORIES: tuple[str, ...] = (*CATEGORIES, OFF_TOPIC)

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_KEYS = {"id", "kind", "text", "message", "categories", "reject_at", "review_at", "example"}


class ClauseKind(enum.StrEnum):
    # The comment must not do this: the clause may reject or hold.
    PROHIBIT = "prohibit"
    # The guidelines ask for this: falling short may hold, never reject.
    WELCOME = "welcome"


@dataclass(frozen=True)
class Clause:
    id: str
    kind: ClauseKind
    text: str
    message: str
    categories: tuple[str, ...]
    # A clause score at or above it rejects (prohibit clauses only).
    reject_at: float | None = None
    # A clause score at or above it holds the comment; below it on every
    # clause is the first condition of an automatic approval (policy_rule.py).
    review_at: float | None = None
    example: str = ""

    @property
    def prohibits(self) -> bool:
        return self.kind is ClauseKind.PROHIBIT


def read_clause(raw: Any, key: str, problems: list[Problem]) -> Clause | None:
    """The clause in ``raw`` (a ``[[clause]]`` table), or None with its problems added."""
    if not isinstance(raw, dict):
        problems.append(Problem(key, "must be a table"))
        return None
    before = len(problems)
    unknown_keys(raw, _KEYS, f"{key}.", problems)
    clause_id = read_string(raw, "id", f"{key}.id", problems)
    if clause_id and not _ID_RE.match(clause_id):
        problems.append(
            Problem(
                f"{key}.id", "use lower-case letters, digits, '_' or '-', starting with a letter"
            )
        )
    kind_raw = raw.get("kind")
    kind = None
    if kind_raw not in {k.value for k in ClauseKind}:
        problems.append(Problem(f"{key}.kind", 'must be "prohibit" or "welcome"'))
    else:
        kind = ClauseKind(kind_raw)
    text = read_string(raw, "text", f"{key}.text", problems)
    message = read_string(raw, "message", f"{key}.message", problems)
    example = read_string(raw, "example", f"{key}.example", problems, default="")
    categories = _categories(raw, f"{key}.categories", problems)
    if kind is ClauseKind.PROHIBIT and categories == ():
        problems.append(
            Problem(f"{key}.categories", "a prohibit clause needs at least one category")
        )
    reject_at = read_threshold(raw.get("reject_at", NONE), f"{key}.reject_at", problems)
    review_at = read_threshold(raw.get("review_at", NONE), f"{key}.review_at", problems)
    if len(problems) > before or kind is None:
        return None
    clause = Clause(
        id=clause_id,
        kind=kind,
        text=text,
        message=message,
        categories=categories,
        reject_at=reject_at,
        review_at=review_at,
        example=example,
    )
    problems.extend(threshold_order(clause, key))
    return clause


def threshold_order(clause: Clause, key: str) -> list[Problem]:
    """A welcome clause never rejects; ``review_at`` is not above ``reject_at``."""
    problems = []
    if clause.kind is ClauseKind.WELCOME and clause.reject_at is not None:
        problems.append(Problem(f"{key}.reject_at", 'a welcome clause never rejects: use "none"'))
    if (
        clause.review_at is not None
        and clause.reject_at is not None
        and clause.review_at > clause.reject_at
    ):
        problems.append(
            Problem(
                f"{key}.review_at",
                f"must not be above reject_at ({clause.review_at} > {clause.reject_at})",
            )
        )
    return problems


def _categories(raw: dict, key: str, problems: list[Problem]) -> tuple[str, ...] | None:
    value = raw.get("categories")
    if value is None:
        problems.append(Problem(key, "missing"))
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(key, "must be a list of category names"))
        return None
    bad = [v for v in value if v not in CLAUSE_CATEGORIES]
    for name in bad:
        problems.append(Problem(key, f"unknown category {name!r}; use {joined(CLAUSE_CATEGORIES)}"))
    return None if bad else tuple(dict.fromkeys(value))
