"""The moderation policy: the publisher's guidelines as clauses with thresholds.

A policy is a TOML file (the shipped default is ``default_policy.toml``, which
quotes the seed guidelines clause by clause). ``load_policy`` parses and
checks it in one go and raises ``PolicyError`` listing EVERY problem, each
naming its key (``clause[3].reject_at``), so an editor fixes a file in one
pass. The loaded ``Policy`` is frozen; per-site thresholds stored in the
database are applied with ``Policy.with_thresholds``, which returns a new,
checked policy. Reference: docs/policy.md.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .categories import CATEGORIES, LANGUAGES, OFF_TOPIC, UNDETERMINED
from .policy_fields import (
    NONE,
    PolicyError,
    Problem,
    joined,
    read_string,
    read_table,
    read_threshold,
    unknown_keys,
)

__all__ = [
    "Clause",
    "ClauseKind",
    "LanguageMode",
    "Policy",
    "PolicyError",
    "Problem",
    "check_policy",
    "load_policy",
    "parse_policy",
]

DEFAULT_POLICY_FILE = "default_policy.toml"

# Categories a clause may cite: the always-scored ones plus relevance.
CLAUSE_CATEGORIES: tuple[str, ...] = (*CATEGORIES, OFF_TOPIC)

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")


class ClauseKind(enum.StrEnum):
    # The comment must not do this: the clause may reject or hold.
    PROHIBIT = "prohibit"
    # The guidelines ask for this: falling short may hold, never reject.
    WELCOME = "welcome"


class LanguageMode(enum.StrEnum):
    """How far automatic decisions may go in one language."""

    FULL = "full"
    REJECT_ONLY = "reject_only"
    REVIEW = "review"


@dataclass(frozen=True)
class Clause:
    id: str
    kind: ClauseKind
    text: str
    message: str
    categories: tuple[str, ...]
    reject_at: float | None = None
    review_at: float | None = None
    example: str = ""

    @property
    def prohibits(self) -> bool:
        return self.kind is ClauseKind.PROHIBIT


@dataclass(frozen=True)
class Policy:
    name: str
    version: str
    clauses: tuple[Clause, ...]
    languages: Mapping[str, LanguageMode]
    violation_review_at: float | None = None
    summary: str = ""
    source: str = ""
    # "reject when the overall violation score reaches this": off by default,
    # because in English it rejects constructive criticism (docs/evaluation.md).
    violation_reject_at: float | None = None
    # Per language, checked values that replace the ones above for comments in
    # that language: {"ar": {"violation_reject_at": 0.6, "thresholds":
    # {clause_id: {"reject_at": x}}}}. Resolved by ``for_language``.
    language_rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # for_language's results: a Policy is frozen and shared, so one per language.
    _resolved: dict = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Not an init field, so ``replace`` gives every copy an empty cache.
        object.__setattr__(self, "_resolved", {})

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(f"no clause {clause_id!r} in policy {self.name!r}")

    def language_mode(self, lang: str) -> LanguageMode:
        # Unlisted languages are held: the engine was never checked on them.
        return self.languages.get(lang, LanguageMode.REVIEW)

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def for_language(self, lang: str) -> Policy:
        """The thresholds that apply to a comment in ``lang``: the file's, with
        that language's ``[languages.<lang>]`` values in their place."""
        resolved = self._resolved.get(lang)
        if resolved is None:
            rules = self.language_rules.get(lang)
            if not rules:
                resolved = self
            else:
                changes = rules.get("thresholds", {})
                clauses = tuple(
                    replace(c, **changes[c.id]) if c.id in changes else c for c in self.clauses
                )
                values = {k: rules[k] for k in _VIOLATION_KEYS if k in rules}
                resolved = replace(self, clauses=clauses, language_rules={}, **values)
            self._resolved[lang] = resolved
        return resolved

    def with_language(self, lang: str, **rules: Any) -> Policy:
        """A copy whose ``lang`` rules are updated with ``rules`` (the keys of a
        ``[languages.<lang>]`` table but ``mode``); checked like the file."""
        problems: list[Problem] = []
        merged = {**self.language_rules.get(lang, {}), **rules}
        checked = _language_rules(merged, self, f"languages.{lang}", problems)
        if problems:
            raise PolicyError(problems, source="languages")
        return replace(
            self,
            language_rules=MappingProxyType({**self.language_rules, lang: checked}),
        )

    def with_thresholds(self, overrides: Mapping[str, Mapping[str, Any]]) -> Policy:
        """A copy with per-site thresholds: ``{clause_id: {"reject_at": x, "review_at": y}}``.

        A missing key keeps the policy's value; ``None`` or ``"none"`` switches
        the action off. Raises ``PolicyError`` naming ``thresholds.<id>.<key>``.
        """
        problems: list[Problem] = []
        known = {c.id for c in self.clauses}
        for clause_id in overrides:
            if clause_id not in known:
                problems.append(Problem(f"thresholds.{clause_id}", "unknown clause id"))
        clauses = []
        for clause in self.clauses:
            change = overrides.get(clause.id)
            if change is None:
                clauses.append(clause)
                continue
            key = f"thresholds.{clause.id}"
            values = {}
            for name, raw in change.items():
                if name not in ("reject_at", "review_at"):
                    problems.append(Problem(f"{key}.{name}", "unknown key"))
                    continue
                values[name] = read_threshold(raw, f"{key}.{name}", problems)
            updated = replace(clause, **values)
            problems.extend(_threshold_order(updated, key))
            clauses.append(updated)
        # A site editor's value is the last word: it replaces the file's value
        # in every language, so drop the language rules for the same keys.
        language_rules = {}
        for lang, rules in self.language_rules.items():
            kept = {
                cid: {k: v for k, v in change.items() if k not in overrides.get(cid, {})}
                for cid, change in rules.get("thresholds", {}).items()
            }
            language_rules[lang] = {**rules, "thresholds": {c: v for c, v in kept.items() if v}}
        if problems:
            raise PolicyError(problems, source="thresholds")
        return replace(
            self,
            clauses=tuple(clauses),
            language_rules=MappingProxyType(language_rules),
        )


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and check a policy file; the shipped default when ``path`` is None."""
    if path is None:
        return _default_policy()
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PolicyError([Problem("file", exc.strerror or str(exc))], source) from exc
    return parse_policy(raw, source=source)


@cache
def _default_policy() -> Policy:
    # Parsed once per process: the web app lists the clauses on every page,
    # and a Policy is frozen, so every caller may share it.
    raw = resources.files(__package__).joinpath(DEFAULT_POLICY_FILE).read_bytes()
    return parse_policy(raw, source=DEFAULT_POLICY_FILE)


def parse_policy(raw: bytes | str, source: str = "") -> Policy:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyError([Problem("file", f"not UTF-8 ({exc.reason})")], source) from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError([Problem("file", f"not valid TOML: {exc}")], source) from exc
    return policy_from_dict(data, source=source)


def policy_from_dict(data: Mapping[str, Any], source: str = "") -> Policy:
    problems: list[Problem] = []
    unknown_keys(data, {"policy", "settings", "languages", "clause"}, "", problems)

    meta = read_table(data, "policy", problems)
    unknown_keys(meta, {"name", "version", "source", "summary"}, "policy.", problems)
    name = read_string(meta, "name", "policy.name", problems, default="custom")
    version = read_string(meta, "version", "policy.version", problems, default="0")
    summary = read_string(meta, "summary", "policy.summary", problems, default="")
    origin = read_string(meta, "source", "policy.source", problems, default="")

    settings = read_table(data, "settings", problems)
    unknown_keys(settings, set(_VIOLATION_KEYS), "settings.", problems)
    violation = {
        name: read_threshold(settings.get(name, NONE), f"settings.{name}", problems)
        for name in _VIOLATION_KEYS
    }
    problems.extend(_violation_order(violation, "settings"))

    languages: dict[str, LanguageMode] = {}
    raw_rules: dict[str, tuple[str, dict]] = {}
    for lang, entry in read_table(data, "languages", problems).items():
        key = f"languages.{lang}"
        # A language is a mode ("full"), or a table with a mode and the
        # thresholds that differ in that language.
        mode = entry.get("mode") if isinstance(entry, dict) else entry
        mode_key = f"{key}.mode" if isinstance(entry, dict) else key
        if lang not in (*LANGUAGES, UNDETERMINED):
            problems.append(Problem(key, f"unknown language; use one of {joined(LANGUAGES)}, und"))
        elif mode not in {m.value for m in LanguageMode}:
            problems.append(
                Problem(mode_key, f"must be one of {joined(m.value for m in LanguageMode)}")
            )
        else:
            languages[lang] = LanguageMode(mode)
            if isinstance(entry, dict):
                raw_rules[lang] = (key, {k: v for k, v in entry.items() if k != "mode"})

    raw_clauses = data.get("clause", [])
    if not isinstance(raw_clauses, list) or not raw_clauses:
        problems.append(Problem("clause", "at least one [[clause]] table is required"))
        raw_clauses = []
    clauses = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_clauses):
        clause = _clause(raw, f"clause[{index}]", problems)
        if clause is None:
            continue
        if clause.id in seen:
            problems.append(
                Problem(
                    f"clause[{index}].id",
                    f"duplicate id {clause.id!r} (see clause[{seen[clause.id]}])",
                )
            )
        else:
            seen[clause.id] = index
        clauses.append(clause)

    policy = Policy(
        name=name,
        version=version,
        clauses=tuple(clauses),
        languages=MappingProxyType(languages),
        violation_review_at=violation["violation_review_at"],
        violation_reject_at=violation["violation_reject_at"],
        summary=summary,
        source=origin,
    )
    rules = {
        lang: _language_rules(raw, policy, key, problems) for lang, (key, raw) in raw_rules.items()
    }
    if problems:
        raise PolicyError(problems, source)
    return replace(policy, language_rules=MappingProxyType(rules))


def check_policy(path: str | Path) -> list[Problem]:
    """Every problem in a policy file; an empty list means it loads."""
    try:
        load_policy(path)
    except PolicyError as exc:
        return list(exc.problems)
    return []


_VIOLATION_KEYS = ("violation_review_at", "violation_reject_at")
_THRESHOLD_KEYS = ("reject_at", "review_at")


def _language_rules(raw: Mapping[str, Any], policy: Policy, key: str, problems: list[Problem]):
    """Check one language's rules against the policy's clauses; the clean values."""
    before = len(problems)
    unknown_keys(raw, {*_VIOLATION_KEYS, "thresholds"}, f"{key}.", problems)
    rules: dict[str, Any] = {}
    for name in _VIOLATION_KEYS:
        if name in raw:
            rules[name] = read_threshold(raw[name], f"{key}.{name}", problems)
    merged = {n: rules.get(n, getattr(policy, n)) for n in _VIOLATION_KEYS}
    problems.extend(_violation_order(merged, key))
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
        unknown_keys(change, set(_THRESHOLD_KEYS), f"{at}.", problems)
        values = {
            n: read_threshold(change[n], f"{at}.{n}", problems)
            for n in _THRESHOLD_KEYS
            if n in change
        }
        problems.extend(_threshold_order(replace(known[clause_id], **values), at))
        changes[clause_id] = values
    if len(problems) > before:
        return {}
    return {**rules, "thresholds": changes}


def _violation_order(values: Mapping[str, float | None], key: str) -> list[Problem]:
    review, reject = values["violation_review_at"], values["violation_reject_at"]
    if review is not None and reject is not None and review > reject:
        return [
            Problem(
                f"{key}.violation_review_at",
                f"must not be above violation_reject_at ({review} > {reject})",
            )
        ]
    return []


_CLAUSE_KEYS = {"id", "kind", "text", "message", "categories", "reject_at", "review_at", "example"}


def _clause(raw: Any, key: str, problems: list[Problem]) -> Clause | None:
    if not isinstance(raw, dict):
        problems.append(Problem(key, "must be a table"))
        return None
    before = len(problems)
    unknown_keys(raw, _CLAUSE_KEYS, f"{key}.", problems)
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
    problems.extend(_threshold_order(clause, key))
    return clause


def _threshold_order(clause: Clause, key: str) -> list[Problem]:
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
