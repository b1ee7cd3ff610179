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

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .categories import LANGUAGES, UNDETERMINED
from .policy_clause import CLAUSE_CATEGORIES, Clause, ClauseKind, read_clause, threshold_order
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
from .policy_language import SETTING_KEYS, LanguageMode, read_language_rules, violation_order

__all__ = [
    "CLAUSE_CATEGORIES",
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
    # A rejection also needs the strongest tier's own violation probability
    # to reach this (None: no such condition); policy_rule.py.
    reject_confirm_at: float | None = None
    # In a ``clearly_civil`` language, approve only when the language
    # identification's confidence reaches this (language.py; None: any).
    language_confidence_at: float | None = None
    # Hold a comment whose normalisation undid a disguise (evasion.py) when
    # any category, or the violation score, reaches this; None: no such
    # condition (policy_rule.py).
    disguised_review_at: float | None = None
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
                values = {k: rules[k] for k in SETTING_KEYS if k in rules}
                resolved = replace(self, clauses=clauses, language_rules={}, **values)
            self._resolved[lang] = resolved
        return resolved

    def with_language(self, lang: str, **rules: Any) -> Policy:
        """A copy whose ``lang`` rules are updated with ``rules`` (the keys of a
        ``[languages.<lang>]`` table but ``mode``); checked like the file."""
        problems: list[Problem] = []
        merged = {**self.language_rules.get(lang, {}), **rules}
        checked = read_language_rules(merged, self, f"languages.{lang}", problems)
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
            problems.extend(threshold_order(updated, key))
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
    unknown_keys(settings, set(SETTING_KEYS), "settings.", problems)
    values = {
        name: read_threshold(settings.get(name, NONE), f"settings.{name}", problems)
        for name in SETTING_KEYS
    }
    problems.extend(violation_order(values, "settings"))

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
        clause = read_clause(raw, f"clause[{index}]", problems)
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
        summary=summary,
        source=origin,
        **values,
    )
    rules = {
        lang: read_language_rules(raw, policy, key, problems)
        for lang, (key, raw) in raw_rules.items()
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
