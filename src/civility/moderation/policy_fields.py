"""The pieces a policy file is checked with: problems, the error, field readers.

Each reader appends a ``Problem`` naming the key at fault and returns a safe
value, so ``policy_from_dict`` can go on and list every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationFailed

NONE = "none"


@dataclass(frozen=True)
class Problem:
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


class PolicyError(ValidationFailed):
    """A policy file or a threshold override is not valid."""

    code = "invalid_policy"
    default_message = "The moderation policy is not valid."

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], source: str = ""):
        self.problems = tuple(problems)
        self.source = source
        lines = "\n".join(str(p) for p in self.problems)
        prefix = f"{source}: " if source else ""
        super().__init__(
            f"{prefix}{len(self.problems)} problem(s)\n{lines}",
            field=self.problems[0].key if self.problems else None,
        )


def read_threshold(raw: Any, key: str, problems: list[Problem]) -> float | None:
    if raw is None or raw == NONE:
        return None
    # bool is an int in Python; "true" is never a threshold.
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0.0 <= raw <= 1.0:
        return float(raw)
    problems.append(Problem(key, 'must be a number in [0, 1] or "none"'))
    return None


def read_string(
    table: Mapping, name: str, key: str, problems: list[Problem], default: str | None = None
) -> str:
    value = table.get(name)
    if value is None:
        if default is None:
            problems.append(Problem(key, "missing"))
            return ""
        return default
    if not isinstance(value, str) or (default is None and not value.strip()):
        problems.append(Problem(key, "must be a non-empty string"))
        return ""
    return value


def read_table(data: Mapping, name: str, problems: list[Problem]) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        problems.append(Problem(name, "must be a table"))
        return {}
    return value


def unknown_keys(table: Mapping, allowed: set[str], prefix: str, problems: list[Problem]) -> None:
    for name in table:
        if name not in allowed:
            problems.append(Problem(f"{prefix}{name}", "unknown key"))


def joined(values) -> str:
    return ", ".join(values)
