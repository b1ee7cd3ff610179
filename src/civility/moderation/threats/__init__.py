"""Threat rules: who does (or should, or may) what violence to whom.

A word list cannot tell "the airstrike killed twelve civilians" from "someone
should kill him", so the threat rules are constructions, one small grammar
per language (``en.py``, ``ar.py``, ``tr.py``, ``ckb.py``, ``kmr.py``, and
``translit.py`` for Arabic and Sorani typed in Latin letters):

- **explicit**: a first-person subject, intent (will, gonna, swear to...), a
  violent act and a person as its object ("I'll put a bullet in you");
- **call**: someone / the people / we + should, must, needs to + act + person,
  a person + should be + killed, "X deserves a bullet", the imperative "kill
  him", "kill all journalists";
- **wish**: hope, wish, pray, may God + a person dies or is killed, "nobody
  would miss him if he disappeared";
- **veiled**: menace without a violent word ("we know where your office is",
  "watch your back", "it would be a shame if something happened to your
  kids", "you'll regret writing this");
- **incitement**: "death to X", take up arms against X, another Anfal.

Each rule is a regex over the normalised text, run only when one of its
trigger words is in the comment. Three things are decided around a match:

- **negation** right before it cancels it ("no journalist should be killed",
  "I don't think he should be hanged"); negation inside a construction
  breaks it by construction ("I would never hurt him" does not match);
- **reporting**: inside quotation marks, or in a sentence that reports
  speech ("police said the gunman shouted...") or names a threat, a threat is
  evidence for a moderator, not a verdict: its strength is capped at
  ``REPORTED`` (the approval policy holds it; it never rejects);
- **strength**: explicit threats, calls and wishes against a person reject
  (0.9 and more); veiled threats and incitement hold (0.6-0.85), because
  their context decides.

Every hit these rules give has category ``threat`` and a rule name that
starts with ``threat:`` (``is_threat_rule``): the approval policy refuses to
approve automatically any comment with such a hit, whatever its strength.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..context import Hit, Normalised
from .build import Rule

__all__ = [
    "REPORTED",
    "THREAT_PREFIX",
    "Grammar",
    "grammar",
    "is_threat_rule",
    "reported",
    "threat_hits",
]

THREAT_PREFIX = "threat:"
# A reported or quoted threat ("police said the gunman shouted 'I will kill
# you'"): evidence for a moderator, never a verdict. The approval policy
# holds any comment with a threat hit; this strength stays below the threats
# clause's review_at (0.4) so that, added to the models' violation score by
# noisy-OR, it does not push a civil report past a reject threshold (Arabic
# and Turkish reject on violation at 0.6).
REPORTED = 0.25
GRAMMARS = ("en", "ar", "tr", "ckb", "kmr", "translit")

# Where a clause starts: the negation and reporting windows stop there.
_CLAUSE_END = re.compile(r"[.!?;:\n]|,\s|\s(?:but|however|yet)\s")
_SENTENCE_END = re.compile(r"[.!?\n]")


def is_threat_rule(hit: Hit) -> bool:
    """True for every hit of a threat or violence rule (patterns and words)."""
    return hit.rule.startswith(THREAT_PREFIX)


@dataclass(frozen=True)
class Grammar:
    lang: str
    rules: tuple[Rule, ...]
    triggers: frozenset[str]
    # Union of the rules' stems (None when no rule has any).
    stems: re.Pattern[str] | None
    # Trigger word (strong or weak) -> the indices of the rules it triggers.
    by_trigger: dict[str, tuple[int, ...]]
    # Right before a match (same clause): cancels it.
    negation: re.Pattern[str] | None
    # In the same sentence before / after a match: reported speech.
    report_before: re.Pattern[str] | None
    report_after: re.Pattern[str] | None
    # Anywhere in the sentence: a word for "threat" ("he was threatened:
    # ...", "... the message threatened").
    threat_word: re.Pattern[str] | None


@cache
def grammar(lang: str) -> Grammar:
    module = importlib.import_module(f"{__name__}.{lang}")
    rules = tuple(module.RULES)
    stems = [r.stems.pattern for r in rules if r.stems is not None]
    by_trigger: dict[str, list[int]] = {}
    for i, r in enumerate(rules):
        for word in r.triggers | r.weak_triggers:
            by_trigger.setdefault(word, []).append(i)
    return Grammar(
        lang=lang,
        rules=rules,
        triggers=frozenset(by_trigger),
        stems=re.compile("|".join(stems)) if stems else None,
        by_trigger={k: tuple(v) for k, v in by_trigger.items()},
        negation=getattr(module, "NEGATION", None),
        report_before=getattr(module, "REPORT_BEFORE", None),
        report_after=getattr(module, "REPORT_AFTER", None),
        threat_word=getattr(module, "THREAT_WORD", None),
    )


@dataclass(frozen=True)
class Words:
    """The words of a normalised text, once, for every grammar: where each
    occurs, so that a rule is tried only near its trigger words."""

    spans: tuple[tuple[str, int, int], ...]
    where: dict[str, list[int]]

    @classmethod
    def of(cls, text: str) -> Words:
        spans = tuple((m.group(), m.start(), m.end()) for m in _WORD.finditer(text))
        where: dict[str, list[int]] = {}
        for i, (word, _, _) in enumerate(spans):
            where.setdefault(word, []).append(i)
        return cls(spans, where)


_WORD = re.compile(r"\w+")
# A generic verb is a trigger only with one of these right after it ("take
# him out", not "take the bus").
_OBJECTS = frozenset("him her them you u ya yall your ur his their this that these those".split())
# A construction lies within this many characters of its trigger word.
WINDOW = 100


def threat_hits(norm: Normalised, lang: str, words: Words) -> Iterator[Hit]:
    """Hits of the ``lang`` grammar in ``norm`` (``words``: ``Words.of(norm.text)``)."""
    g = grammar(lang)
    text = norm.text
    where = words.where
    present = g.triggers.intersection(where)
    if not present and not (g.stems and g.stems.search(text)):
        return
    candidates = {i for word in present for i in g.by_trigger[word]}
    for i, rule in enumerate(g.rules):
        if rule.stems is None and i not in candidates:
            continue
        if rule.stems is not None:
            if not rule.stems.search(text):
                continue
            matches = rule.regex.finditer(text)
        else:
            windows = _windows(rule, words, len(text))
            if not windows:
                continue
            matches = _in_windows(rule.regex, text, windows)
        for m in matches:
            start, end = m.span(rule.group)
            if rule.negatable and _negated(text, start, g):
                continue
            strength = rule.strength
            if rule.reportable and reported(text, start, end, g):
                strength = min(strength, REPORTED)
            ostart, oend = norm.original_span(start, end)
            yield Hit("threat", ostart, oend, strength, f"{THREAT_PREFIX}{lang}:{rule.id}")
            for category, also in rule.also:
                yield Hit(category, ostart, oend, also, f"pattern:{lang}:{rule.id}")


def _windows(rule: Rule, words: Words, length: int) -> list[list[int]]:
    """Stretches of the text around the rule's trigger words (merged)."""
    where, spans = words.where, words.spans
    hits: list[int] = []
    for word in rule.triggers.intersection(where):
        hits.extend(where[word])
    for word in rule.weak_triggers.intersection(where):
        hits.extend(i for i in where[word] if i + 1 < len(spans) and spans[i + 1][0] in _OBJECTS)
    if not hits:
        return []
    if length <= 2 * WINDOW:
        return [[0, length]]
    windows: list[list[int]] = []
    for i in sorted(hits):
        lo, hi = max(0, spans[i][1] - WINDOW), min(length, spans[i][2] + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return windows


def _in_windows(regex: re.Pattern[str], text: str, windows: list[list[int]]):
    seen: set[tuple[int, int]] = set()
    for lo, hi in windows:
        for m in regex.finditer(text, lo, hi):
            if m.span() not in seen:
                seen.add(m.span())
                yield m


def clause_before(text: str, start: int, limit: int = 60) -> str:
    before = text[max(0, start - limit) : start]
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    return before[ends[-1] :] if ends else before


def _negated(text: str, start: int, g: Grammar) -> bool:
    return bool(g.negation and g.negation.search(clause_before(text, start)))


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - 120) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[ends[-1] :] if ends else before
    after = text[end : end + 80]
    m = _SENTENCE_END.search(after)
    return before, after[: m.start()] if m else after


_QUOTES = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("'", "'"))


def quoted(text: str, start: int, end: int) -> bool:
    """Inside quotation marks on one line. A straight ' opens a quotation
    only after a space or at the line's start (else it is an apostrophe), and
    marks around a single word are scare quotes (the ''judge''), not speech."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    # From the match's start: a closing mark the match swallowed counts too.
    after = text[start : line_end if line_end >= 0 else len(text)]
    for open_, close in _QUOTES:
        if open_ == "'":
            opens = [m.end() for m in re.finditer(r"(?:^|(?<=\s))'+", before)]
            closing = re.search(r"'(?:\W|$)", after)
            if len(opens) % 2 == 1 and closing:
                inside = before[opens[-1] :] + after[: closing.start()]
                if re.search(r"\s", inside.strip()):
                    return True
        elif open_ == close:
            if before.count(open_) % 2 == 1 and open_ in after:
                return True
        elif before.count(open_) > before.count(close) and close in after:
            return True
    return False


def reported(text: str, start: int, end: int, g: Grammar) -> bool:
    """Quoted, or in a sentence that reports speech or names a threat."""
    if quoted(text, start, end):
        return True
    before, after = _sentence(text, start, end)
    if g.report_before and g.report_before.search(before):
        return True
    if g.threat_word and (g.threat_word.search(before) or g.threat_word.search(after)):
        return True
    return bool(g.report_after and g.report_after.search(after))
