"""Innocent words the learned models must not see (the Scunthorpe problem).

The rules match whole words, so "Scunthorpe", "cocktail" and "Sussex" never
give a hit. The models read character n-grams, and to them "Scunthorpe" is
mostly the word inside it: "Scunthorpe is in Lincolnshire" scored 0.6 for
violation and was held, "A cocktail party at the embassy" likewise. The
classifier step therefore scores the normalised text with the words of
``lexicons/innocent.json`` removed: an allow-list of words that have no rude
sense of their own, so removing them cannot hide a breach, while the rest of
the comment is scored as usual ("Scunthorpe is full of idiots" still is).

Only the models' input changes: the rules, the evidence offsets and the
text a moderator sees are those of the comment itself.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = ["innocent_words", "mask_innocent"]

_FILE = Path(__file__).resolve().parent / "lexicons" / "innocent.json"
_TOKEN = re.compile(r"\w+")


@cache
def _load() -> tuple[frozenset[str], re.Pattern[str] | None]:
    from .normalise import normalise

    raw = json.loads(_FILE.read_text(encoding="utf-8"))
    # Normalised like the text they are looked up in (case, accents, look-alikes).
    words = [normalise(w).text.strip() for w in raw["words"]]
    singles = frozenset(w for w in words if " " not in w)
    phrases = sorted((w for w in words if " " in w), key=len, reverse=True)
    phrase_re = (
        re.compile(
            r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b"
        )
        if phrases
        else None
    )
    return singles, phrase_re


def innocent_words() -> frozenset[str]:
    """The single words of the allow-list, normalised."""
    return _load()[0]


def mask_innocent(text: str) -> str:
    """``text`` (normalised) without the allow-listed words.

    Returns ``text`` itself when it holds none of them (the common case: one
    set-disjointness test).
    """
    singles, phrases = _load()
    if phrases is not None and phrases.search(text):
        text = phrases.sub("", text)
    if singles.isdisjoint(_TOKEN.findall(text)):
        return text
    return _TOKEN.sub(lambda m: "" if m.group() in singles else m.group(), text)
