"""Helpers the per-language threat grammars are written with.

The grammars match the NORMALISED text (normalise.py): lower case, no
accents, one Arabic alef, ی as ي and ک as ك, Turkish ı/ş/ğ as i/s/g,
Kurmanji ê/î/û as e/i/u. So that a grammar can be written as a reader spells
its words, ``fold`` spells the non-ASCII letters of a regex the way
normalise() does, and ``words`` normalises whole literal words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..normalise import normalise

__all__ = ["Rule", "fold", "folded", "rule", "words"]

_TOKEN = re.compile(r"\w+")


@cache
def _fold_char(ch: str) -> str:
    return normalise(ch).text


def fold(pattern: str) -> str:
    """``pattern`` with its non-ASCII letters spelled as normalise() spells them."""
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in pattern)


def folded(pattern: str) -> re.Pattern[str]:
    """``pattern`` folded (``fold``) and compiled: for the context regexes."""
    return re.compile(fold(pattern))


def words(*items: str | list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of literal words or phrases, normalised,
    written as a prefix tree ("kill|killed|kills" → "kill(?:ed|s)?"): the
    regex engine then tries one branch per letter instead of every word in
    turn, which is what keeps a grammar of a few hundred words fast. Longer
    forms are tried first, so a phrase wins over its first word."""
    flat: list[str] = []
    for item in items:
        flat.extend([item] if isinstance(item, str) else item)
    forms = {normalise(w).text for w in flat if w.strip()}
    return _trie_regex(sorted(forms))


def _trie_regex(forms: list[str]) -> str:
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _node_regex(trie) + ")"


def _node_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    # Longer continuations first: a greedy, phrase-first alternation.
    for ch in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
        branches.append(re.escape(ch) + _node_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _depth(node: dict) -> int:
    return 1 + max((_depth(child) for child in node.values()), default=0)


@dataclass(frozen=True)
class Rule:
    id: str
    strength: float
    triggers: frozenset[str]
    regex: re.Pattern[str]
    # The regex group that is the evidence (0: the whole match).
    group: int | str = 0
    # Negation right before the match cancels it.
    negatable: bool = True
    # Quoted or reported, the strength is capped (threats.REPORTED).
    reportable: bool = True
    # Other categories the same evidence breaches (abuse of a group...).
    also: tuple[tuple[str, float], ...] = field(default=())
    # For inflected languages: the rule runs when one of these pieces of
    # words occurs anywhere in the text (instead of a whole trigger word).
    stems: re.Pattern[str] | None = None
    # Generic verbs that trigger the rule only with a pronoun after them
    # ("take him out"): threats.Words.
    weak_triggers: frozenset[str] = frozenset()


def rule(
    id: str,
    strength: float,
    triggers: str | list[str] | tuple[str, ...],
    regex: str,
    *,
    group: int | str = 0,
    negatable: bool = True,
    reportable: bool = True,
    also: dict[str, float] | None = None,
    stems: bool | str = False,
    weak: str = "",
) -> Rule:
    """A threat rule. ``triggers``: words (normalised here) of which one must
    be in the comment for the regex to run, or with ``stems=True`` pieces of
    words of which one must occur anywhere (Arabic 'قتل' in 'سنقتلكم'), or
    with ``stems="regex"`` that regex (the rule's rarest obligatory part);
    ``regex`` is folded (``fold``). ``weak``: generic verbs that trigger the
    rule only when a pronoun follows ("take him out"). A rule is tried only
    near its triggers (threats.WINDOW)."""
    if isinstance(triggers, str):
        triggers = triggers.split()
    tokens = frozenset(t for w in triggers for t in _TOKEN.findall(normalise(w).text))
    if not tokens and not isinstance(stems, str):
        raise ValueError(f"threat rule {id}: no trigger words")
    stem_regex = None
    if isinstance(stems, str):
        # A regex of the rule's rarest obligatory part, searched first.
        stem_regex = re.compile(fold(stems))
        tokens = frozenset()
    elif stems:
        stem_regex = re.compile(
            "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
        )
        tokens = frozenset()
    if not 0.0 < strength <= 1.0:
        raise ValueError(f"threat rule {id}: strength {strength} outside (0, 1]")
    return Rule(
        id=id,
        strength=strength,
        triggers=tokens,
        regex=re.compile(fold(regex)),
        group=group,
        negatable=negatable,
        reportable=reportable,
        also=tuple((also or {}).items()),
        stems=stem_regex,
        weak_triggers=frozenset(normalise(weak).text.split()),
    )
