"""One character at a time: what each character reads as.

The tables come from Unicode's own data (``lookalikes.json``, rebuilt by
``tools/make_lookalikes.py`` from ICU's copy of the UTS #39 confusables, the
character names and Default_Ignorable_Code_Point; the file records the
versions). This module turns them into ``fold_char``, which normalise.py
caches per code point, and exposes the tables the word-level steps need
(upside-down and mirrored letters, Arabic letters that look Latin).

What stays a decision of ours, not Unicode's:

- Arabic script is never folded to Latin here: ه, ە, ا look like o and l,
  but they are letters of three of our five languages. Inside a word that
  is mostly Latin they are read as Latin (disguises.py).
- Turkish and Kurmanji letters lose their marks like every other accent
  (ş → s, ı → i), as before: the lexicons are normalised the same way.
- Capital I look-alikes and vertical strokes, whose UTS #39 skeleton is
  that of l, I, 1 and | (ꓲ, Ӏ, ∣, ׀...), become "|", which the leet step
  reads as i or l, whichever makes a known word.
"""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

__all__ = [
    "ARABIC_LATIN",
    "FILLER_BLANK",
    "FILLER_BREAK",
    "FLAG_REGIONS",
    "MIRRORED",
    "MIRRORED_ASCII",
    "REGIONAL_INDICATORS",
    "SOURCE",
    "UPSIDE_DOWN",
    "UPSIDE_DOWN_ASCII",
    "fold_char",
]

_DATA = json.loads(resources.files(__package__).joinpath("lookalikes.json").read_text("utf-8"))
SOURCE: dict = _DATA["source"]

# Default_Ignorable_Code_Point: zero-width space and joiners, bidi controls,
# the soft hyphen, Hangul fillers, variation selectors, tags, the Mongolian
# vowel separator... invisible by definition, so dropped.
_IGNORABLE = frozenset(cp for start, end in _DATA["ignorable"] for cp in range(start, end + 1))

# Blanks that readers put between the letters of a word. Inside a word they
# are dropped (disguises.py); elsewhere they are a space or a line break.
FILLER_BLANK = "\u2800"  # Braille pattern blank; also what other blanks fold to
FILLER_BREAK = "\u2029"  # paragraph separator; also the line separator
_FILLERS = {
    "\u2800": FILLER_BLANK,
    "\U0001d159": FILLER_BLANK,  # musical symbol null notehead (renders blank)
    "\u2028": FILLER_BREAK,
    "\u2029": FILLER_BREAK,
}

# Letters in frames, circles, brackets, regional indicators, small capitals:
# from their Unicode names (NFKC leaves most of these alone, or turns "⒤"
# into "(i)").
# Regional indicators (🇮) are letters too, but two of them make a flag:
# disguises.py reads a run of them as letters only when it spells a word.
REGIONAL_INDICATORS = {chr(cp): chr(cp - 0x1F1E6 + ord("a")) for cp in range(0x1F1E6, 0x1F200)}
# ISO 3166 regions (from ICU): a pair of regional indicators naming one is a flag.
FLAG_REGIONS = frozenset(_DATA["flag_regions"])
_LETTERS: dict[str, str] = {
    ch: letter for ch, letter in _DATA["letters"].items() if ch not in REGIONAL_INDICATORS
}

# UTS #39: characters of other scripts and symbols whose skeleton is ASCII.
_CONFUSABLES: dict[str, str] = _DATA["confusables"]
# Cyrillic and Greek letters that UTS #39 does not list because they look
# like Latin small capitals or italics (к м н т в п, ε κ τ χ ω β), which
# readers use all the same.
_CONFUSABLES_EXTRA = dict(
    zip("вкмнтпεκτχωβ", "bkmhtnektxwb", strict=True),
)

ARABIC_LATIN: dict[str, str] = _DATA["arabic_latin"]
UPSIDE_DOWN: dict[str, str] = _DATA["upside_down"]
UPSIDE_DOWN_ASCII: dict[str, str] = _DATA["upside_down_ascii"]
MIRRORED: dict[str, str] = _DATA["mirrored"]
MIRRORED_ASCII: dict[str, str] = _DATA["mirrored_ascii"]
# Turned and reversed Latin letters read as their letter wherever they are
# (a lone "ɐ" in "ɐsshole"); whole upside-down words are turned round by
# disguises.py. Cyrillic я and и, which mirror-writing uses for R and N,
# stay Cyrillic outside mirrored words.
_TURNED_LATIN = {
    key: letter
    for table in (MIRRORED, UPSIDE_DOWN)
    for ch, letter in table.items()
    if letter.isalpha() and not ch.isascii() and "LATIN" in unicodedata.name(ch, "")
    for key in {ch, ch.casefold()}
    if len(key) == 1 and not key.isascii()
}

# Letters that NFKD does not decompose and that UTS #39 maps elsewhere or
# not at all, and the Arabic-script spelling choices.
_EXPLICIT = {
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ħ": "h",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    # Typographic apostrophes, so that "you’re" matches like "you're".
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    # Arabic script: one spelling per letter for matching. Sorani's own
    # letters (ڕ ڵ ۆ ێ ە) are not touched; ی (Farsi/Sorani yeh) and ک (keheh)
    # merge with their Arabic twins because keyboards mix them freely.
    # ئ is the Sorani vowel carrier (ئەو): NFKD would make it ي, keep it.
    "ئ": "ئ",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ة": "ه",
    "ھ": "ه",
    # Arabic tatweel stretches a letter; it is a filler, not a letter.
    "\u0640": "",
}
# Arabic-Indic and Extended Arabic-Indic digits to ASCII (phone numbers).
for _i in range(10):
    _EXPLICIT[chr(0x0660 + _i)] = str(_i)
    _EXPLICIT[chr(0x06F0 + _i)] = str(_i)

# Combining marks stripped everywhere (accents, Zalgo stacks, harakat): the
# Arabic-script letters we keep are precomposed code points without marks.
_MARK_CATEGORIES = {"Mn", "Me"}
_ARABIC_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def is_arabic_script(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_BLOCKS)


def _look_alike(c: str) -> str:
    """One character after NFKC and case folding, read as a Latin letter if it looks like one."""
    if c.isascii() or is_arabic_script(c):
        return c
    target = _CONFUSABLES.get(c) or _CONFUSABLES_EXTRA.get(c) or _TURNED_LATIN.get(c)
    return c if target is None else target


def fold_char(ch: str) -> str:
    """The normalised form of one character (may be empty or longer)."""
    if ch in _EXPLICIT:
        return _EXPLICIT[ch]
    cp = ord(ch)
    if cp in _IGNORABLE:
        return ""
    if ch in _FILLERS:
        return _FILLERS[ch]
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch in _CONFUSABLES:
        # Looked up before case folding, which can change the look ("ϲ" → σ).
        return _look_alike(ch)
    category = unicodedata.category(ch)
    if category == "Cf" or category in _MARK_CATEGORIES:
        return ""
    if category == "Cc":
        # Invisible, like a zero-width space: "id\x00iot" reads "idiot" (issue 12,
        # item 7: a NUL inside a word hid an insult from the Perspective endpoint).
        return ch if ch in "\n\t\r" else ""
    if category == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", ch).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    out = []
    for c in decomposed:
        if unicodedata.category(c) in _MARK_CATEGORIES:
            continue
        c = _EXPLICIT.get(c, c)
        out.append(_look_alike(c) if len(c) == 1 else c)
    return "".join(out)
