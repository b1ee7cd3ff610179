"""Disguises readers use to slip words past a filter, generated on purpose.

For tests and benchmarks only (tests/moderation/test_disguise_property.py,
bench/disguise_quality.py): each family rewrites one word, or a whole
comment, the way an attacker would. The characters are chosen by their
Unicode names or from hand-picked look-alikes, not from the normaliser's own
tables, so a test built on these checks the normaliser against the outside
world rather than against itself.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

__all__ = [
    "ARABIC_FAMILIES",
    "LATIN_FAMILIES",
    "WHOLE_COMMENT",
    "disguise_comment",
    "disguise_word",
]

_LOWER = "abcdefghijklmnopqrstuvwxyz"


def _by_name(template: str) -> dict[str, str]:
    """letter -> character named ``template`` with the letter filled in (upper case)."""
    out = {}
    for c in _LOWER:
        try:
            out[c] = unicodedata.lookup(template.format(c.upper()))
        except KeyError:
            pass
    return out


_SMALL_CAPS = _by_name("LATIN LETTER SMALL CAPITAL {}")
_SMALL_CAPS.update({"f": "ꜰ", "s": "ꜱ", "q": "ꞯ"})
_STYLES = {
    "circled": _by_name("CIRCLED LATIN SMALL LETTER {}"),
    "circled_capital": _by_name("CIRCLED LATIN CAPITAL LETTER {}"),
    "parenthesized": _by_name("PARENTHESIZED LATIN SMALL LETTER {}"),
    "squared": _by_name("SQUARED LATIN CAPITAL LETTER {}"),
    "negative_squared": _by_name("NEGATIVE SQUARED LATIN CAPITAL LETTER {}"),
    "negative_circled": _by_name("NEGATIVE CIRCLED LATIN CAPITAL LETTER {}"),
    "regional": _by_name("REGIONAL INDICATOR SYMBOL LETTER {}"),
    "fullwidth": {c: chr(ord(c) + 0xFEE0) for c in _LOWER},
    "small_caps": _SMALL_CAPS,
}
for _style in (
    "BOLD",
    "ITALIC",
    "BOLD ITALIC",
    "SCRIPT",
    "BOLD SCRIPT",
    "FRAKTUR",
    "DOUBLE-STRUCK",
    "BOLD FRAKTUR",
    "SANS-SERIF",
    "SANS-SERIF BOLD",
    "SANS-SERIF ITALIC",
    "SANS-SERIF BOLD ITALIC",
    "MONOSPACE",
):
    _STYLES["math " + _style.lower()] = _by_name(f"MATHEMATICAL {_style} SMALL {{}}")
    _STYLES["math capital " + _style.lower()] = _by_name(f"MATHEMATICAL {_style} CAPITAL {{}}")

# Look-alikes an attacker picks from a homoglyph site: Cyrillic, Greek,
# Armenian, Cherokee, Lisu and Latin extensions.
_HOMOGLYPHS = {
    "a": "аɑα⍺ꓮ",
    "b": "Ьꓐ",
    "c": "сϲⅽꓚ",
    "d": "ԁⅾꓒ",
    "e": "еҽ℮ꓰ",
    "g": "ɡց",
    "h": "һհꓧ",
    "i": "іιɩıⅰ",
    "j": "јϳ",
    "k": "кκꓗ",
    "l": "ⅼꓡ",
    "m": "ⅿꓟ",
    "n": "ոꓠ",
    "o": "оοօ০ꓳ",
    "p": "рρꓑ",
    "q": "ԛգ",
    "r": "гꓣ",
    "s": "ѕꓢ",
    "t": "тτꓔ",
    "u": "սυꓴ",
    "v": "ѵνꓦ",
    "w": "ԝѡꓪ",
    "x": "хχꓫ",
    "y": "уүꓬ",
    "z": "ꓜ",
}
_LEET = {"a": "4@", "e": "3", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7"}
_UPSIDE_DOWN = dict(zip(_LOWER, "ɐqɔpǝɟƃɥᴉɾʞlɯuodbɹsʇnʌʍxʎz", strict=True))
_MIRRORED = dict(zip(_LOWER, "ɒdɔbɘᖷǫʜiꞁʞ|mᴎoqpɿꙅƚuvwxʏƹ", strict=True))
_FILLERS = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\u00ad",  # soft hyphen
    "\ufeff",  # BOM
    "\u3164",  # Hangul filler
    "\u115f",  # Hangul choseong filler
    "\u1160",  # Hangul jungseong filler
    "\uffa0",  # halfwidth Hangul filler
    "\u2800",  # Braille pattern blank
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\ufe0f",  # variation selector 16
    "\U000e0020",  # tag space
    "\u034f",  # combining grapheme joiner
    "\u180e",  # Mongolian vowel separator
]
_EMOJI = ["🤡", "💩", "😂", "🔥", "❤️", "👍🏽", "🇹🇷", "★", "♥", "✿", "•", "·", "💯", "🙈"]
_MARKS = ["\u0301", "\u0308", "\u0336", "\u0317", "\u035c", "\u0489"]


def _per_letter(table: dict[str, str]) -> Callable[[str, random.Random], str]:
    def apply(word: str, rng: random.Random) -> str:
        return "".join(table.get(c, c) if c in table else c for c in word.lower())

    return apply


def _homoglyphs(word: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(word) if c.lower() in _HOMOGLYPHS]
    chars = list(word)
    for i in rng.sample(letters, k=max(1, len(letters) // 2)) if letters else ():
        chars[i] = rng.choice(_HOMOGLYPHS[chars[i].lower()])
    return "".join(chars)


def _leet(word: str, rng: random.Random) -> str:
    chars = list(word)
    swappable = [i for i, c in enumerate(chars) if c.lower() in _LEET]
    for i in rng.sample(swappable, k=max(1, len(swappable) // 2)) if swappable else ():
        chars[i] = rng.choice(_LEET[chars[i].lower()])
    return "".join(chars)


def _between_letters(pieces: list[str]) -> Callable[[str, random.Random], str]:
    """One filler (or emoji) between every two letters, or at one place only."""

    def apply(word: str, rng: random.Random) -> str:
        if len(word) < 2:
            return word
        if rng.random() < 0.5:
            return rng.choice(pieces).join(word)
        cut = rng.randrange(1, len(word))
        return word[:cut] + rng.choice(pieces) + word[cut:]

    return apply


def _spaced(word: str, rng: random.Random) -> str:
    return rng.choice([" ", ".", "-", "_", "*", "·"]).join(word) if len(word) > 2 else word


def _zalgo(word: str, rng: random.Random) -> str:
    return "".join(c + "".join(rng.sample(_MARKS, k=2)) for c in word)


def _stretched(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] * rng.randint(2, 5) + word[i + 1 :]


def _override(word: str, rng: random.Random) -> str:
    """Written backwards under a bidi override, so it shows the right way round."""
    latin = any(c.isalpha() and not "\u0600" <= c <= "\u06ff" for c in word)
    control = "\u202e" if latin else "\u202d"
    return control + word[::-1] + "\u202c"


def _mixed(word: str, rng: random.Random) -> str:
    """Every letter from a different family."""
    styles = [t for t in _STYLES.values() if t]
    out = []
    for c in word:
        pick = rng.random()
        if pick < 0.4 and c.lower() in _HOMOGLYPHS:
            out.append(rng.choice(_HOMOGLYPHS[c.lower()]))
        elif pick < 0.55 and c.lower() in _LEET:
            out.append(rng.choice(_LEET[c.lower()]))
        else:
            out.append(rng.choice(styles).get(c.lower(), c))
    return "".join(out)


LATIN_FAMILIES: dict[str, Callable[[str, random.Random], str]] = {
    **{name: _per_letter(table) for name, table in _STYLES.items()},
    "homoglyphs": _homoglyphs,
    "leet": _leet,
    "fillers": _between_letters(_FILLERS),
    "emoji_inside": _between_letters(_EMOJI),
    "spaced": _spaced,
    "zalgo": _zalgo,
    "stretched": _stretched,
    "override": _override,
    "mixed": _mixed,
}

# Arabic script: no look-alike alphabets, but the same invisible characters,
# emoji, tatweel, harakat, spacing and overrides.
ARABIC_FAMILIES: dict[str, Callable[[str, random.Random], str]] = {
    "fillers": _between_letters([f for f in _FILLERS if f not in "\u200c"]),
    "emoji_inside": _between_letters(_EMOJI),
    "tatweel": _between_letters(["\u0640", "\u0640\u0640\u0640"]),
    "harakat": lambda w, rng: "".join(c + rng.choice("\u064e\u064f\u0650\u0652\u0651") for c in w),
    "spaced": lambda w, rng: " ".join(w) if len(w) > 2 else w,
    "override": _override,
    "stretched": _stretched,
}


def _turn(table: dict[str, str]) -> Callable[[str, random.Random], str]:
    def apply(text: str, rng: random.Random) -> str:
        return "".join(table.get(c, c) for c in reversed(text.lower()))

    return apply


# Families that rewrite the whole comment.
WHOLE_COMMENT: dict[str, Callable[[str, random.Random], str]] = {
    "upside_down": _turn(_UPSIDE_DOWN),
    "mirrored": _turn(_MIRRORED),
    "backwards": lambda text, rng: text.lower()[::-1],
}


def disguise_word(word: str, family: str, rng: random.Random) -> str:
    """``word`` disguised with ``family`` (a Latin or Arabic-script family)."""
    latin = all(c.isascii() for c in word if c.isalpha())
    families = LATIN_FAMILIES if latin else ARABIC_FAMILIES
    return families[family](word, rng) if family in families else word


def disguise_comment(
    text: str, spans: list[tuple[int, int]], family: str, rng: random.Random
) -> str:
    """``text`` with the words at ``spans`` disguised (the whole of it for the
    WHOLE_COMMENT families)."""
    if family in WHOLE_COMMENT:
        return WHOLE_COMMENT[family](text, rng)
    if family == "spaced" and spans:
        # One stretch, so the gap between spaced-out words is wider everywhere.
        spans = [(min(s for s, _ in spans), max(e for _, e in spans))]
    merged: list[list[int]] = []
    for start, end in sorted(spans):  # evidence spans may overlap or repeat
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    pos = 0
    for start, end in merged:
        out.append(text[pos:start])
        words = text[start:end].split(" ")
        # Spaced-out words need a wider gap between them to be read at all.
        gap = "  " if family == "spaced" else " "
        out.append(gap.join(disguise_word(w, family, rng) if w else w for w in words))
        pos = end
    out.append(text[pos:])
    return "".join(out)
