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
  speech ("police said the gunman shouted..."), a threat is evidence for a
  moderator, not a verdict: its strength is capped at ``REPORTED`` (holds,
  never rejects);
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
# A reported or quoted threat: held for a moderator (the threat clause
# reviews at 0.4), never rejected on the rule alone.
REPORTED = 0.45
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
    return Grammar(
        lang=lang,
        rules=rules,
        triggers=frozenset(t for r in rules for t in r.triggers),
        stems=re.compile("|".join(stems)) if stems else None,
        negation=getattr(module, "NEGATION", None),
        report_before=getattr(module, "REPORT_BEFORE", None),
        report_after=getattr(module, "REPORT_AFTER", None),
        threat_word=getattr(module, "THREAT_WORD", None),
    )


def threat_hits(norm: Normalised, lang: str, tokens: set[str]) -> Iterator[Hit]:
    """Hits of the ``lang`` grammar in ``norm`` (``tokens``: its words)."""
    g = grammar(lang)
    text = norm.text
    if g.triggers.isdisjoint(tokens) and not (g.stems and g.stems.search(text)):
        return
    for rule in g.rules:
        if rule.stems is not None:
            if not rule.stems.search(text):
                continue
        elif rule.triggers.isdisjoint(tokens):
            continue
        for m in rule.regex.finditer(text):
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
    """Inside quotation marks on one line (a straight ' only when it is not
    an apostrophe: a space or the line's start before it)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : line_end if line_end >= 0 else len(text)]
    for open_, close in _QUOTES:
        if open_ == "'":
            opens = len(re.findall(r"(?:^|(?<=\s))'", before))
            if opens % 2 == 1 and re.search(r"'(?:\W|$)", after):
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
