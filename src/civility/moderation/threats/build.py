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
    """A non-capturing alternation of literal words or phrases, normalised;
    longer first, so that a phrase wins over its first word."""
    flat: list[str] = []
    for item in items:
        flat.extend([item] if isinstance(item, str) else item)
    forms = {normalise(w).text for w in flat if w.strip()}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=(lambda f: (-len(f), f)))) + ")"


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
    stems: bool = False,
) -> Rule:
    """A threat rule. ``triggers``: words (normalised here) of which one must
    be in the comment for the regex to run, or with ``stems=True`` pieces of
    words of which one must occur anywhere (Arabic 'قتل' in 'سنقتلكم');
    ``regex`` is folded (``fold``)."""
    if isinstance(triggers, str):
        triggers = triggers.split()
    tokens = frozenset(t for w in triggers for t in _TOKEN.findall(normalise(w).text))
    if not tokens:
        raise ValueError(f"threat rule {id}: no trigger words")
    stem_regex = None
    if stems:
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
    )
