"""Disguises inside a word: characters put between its letters, and letters
of other alphabets in it.

normalise.py calls these after its per-character fold (lookalikes.py); text
written the other way round is turned.py's. Each function takes the text and
its offset map (None for identity) and returns both, so the evidence still
points at what the reader wrote.

- ``regional_indicator_words``: flag letters (🇮🇩🇮🇴🇹) read as a word when
  they spell one the lexicons know (flags 🇹🇷 stay flags).
- ``latin_in_arabic_letters``: Arabic letters that look Latin (ه ە → o,
  ا → l) between Latin letters ("idiهt"); Arabic, Sorani and Kurmanji words
  are left alone.
- ``inside_word``: emoji, symbols and blank fillers between two letters
  ("id🤡iot", "i⠀d⠀i⠀o⠀t"), see its docstring for when they go.
- ``known_words``: the words the lexicons know, and every language's
  function words; the choices above, the leet step's "|" and "1" (i or l)
  and turned.py's weak cases are resolved towards them.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from .lookalikes import (
    ARABIC_LATIN,
    FILLER_BLANK,
    FILLER_BREAK,
    FLAG_REGIONS,
    REGIONAL_INDICATORS,
    is_arabic_script,
)
from .offsets import rewrite

__all__ = [
    "inside_word",
    "base_words",
    "lexicon_words",
    "known_words",
    "latin_in_arabic_letters",
    "regional_indicator_words",
]

# --- known words --------------------------------------------------------------

_KNOWN: frozenset[str] | None = None
_BASE: frozenset[str] = frozenset()
_LEXICON: frozenset[str] = frozenset()
_KNOWN_LOCK = threading.RLock()
_LOADING = threading.local()


def lexicon_words() -> frozenset[str]:
    """The lexicons' own words (no function words, no stretched spellings)."""
    known_words()
    return _LEXICON


def base_words() -> frozenset[str]:
    """``known_words`` without the stretched spellings ("shiil" of "shill")."""
    known_words()
    return _BASE


def known_words() -> frozenset[str]:
    """Lexicon words (every inflected and stretched form) and function words.

    Loaded once, on the first comment that needs a choice. The lexicon loader
    itself normalises its entries; while it does, this answers an empty set
    (no entry is spelled with the characters that need a choice).
    """
    global _KNOWN, _BASE, _LEXICON
    if _KNOWN is not None:
        return _KNOWN
    if getattr(_LOADING, "active", False):
        return frozenset()
    with _KNOWN_LOCK:
        if _KNOWN is None:
            _LOADING.active = True
            try:
                from .categories import LANGUAGES
                from .language import function_words
                from .lexicons import load_lexicon

                base: set[str] = set()
                stretched: set[str] = set()
                for lang in LANGUAGES:
                    lexicon = load_lexicon(lang)
                    stretched.update(lexicon.words)
                    # Every word of every entry as written and inflected, the
                    # other words of phrases too ("yourself" in "kill yourself").
                    base.update(
                        t for entries in lexicon.words.values() for e in entries for t in e.tokens
                    )
                    base.update(lexicon.pattern_triggers)
                _LEXICON = frozenset(base)
                for lang in LANGUAGES:
                    base.update(w.lower() for w in function_words(lang))
                # The innocent words too: "snnnniggered" reads as "sniggered".
                from .innocent import innocent_words

                base.update(innocent_words())
                _BASE = frozenset(base)
                _KNOWN = frozenset(base | stretched)
            finally:
                _LOADING.active = False
    return _KNOWN


def _identity(text: str) -> list[int]:
    return list(range(len(text) + 1))


# --- after the fold -------------------------------------------------------------


_FLAG_LETTERS = re.compile("[\U0001f1e6-\U0001f1ff]+")


def regional_indicator_words(text: str, omap: list[int] | None) -> tuple[str, list[int] | None]:
    """Flag letters read as letters when they spell a word: "🇮🇩🇮🇴🇹" is "idiot".

    Two regional indicators that name a region show as its flag (🇹🇷, 🇺🇸),
    and flags are everywhere in comments: a run that shows as flags stays as
    it is, unless its letters make a word the lexicons know ("🇧🇮🇹🇨🇭"), or
    it is a pair next to such a word ("🇰🇮🇸🇸 🇲🇾 🇦🇸🇸": "my"). A run that
    cannot be all flags (odd length, a pair that names no region) is letters.
    A word gets a space on either side where it touches other letters.
    """
    runs = list(_FLAG_LETTERS.finditer(text))
    if not runs:
        return text, omap
    omap = _identity(text) if omap is None else omap
    known = known_words()
    letters = ["".join(REGIONAL_INDICATORS[c] for c in m.group()) for m in runs]
    read = [_not_flags(w) or (len(w) > 2 and w in known) for w in letters]
    # Pairs next to a word read as letters, and pairs next to those.
    spaced = [not text[a.end() : b.start()].strip() for a, b in zip(runs, runs[1:], strict=False)]
    changed = True
    while changed:
        changed = False
        for k in range(len(runs)):
            if (
                not read[k]
                and len(letters[k]) == 2
                and (
                    (k and spaced[k - 1] and read[k - 1])
                    or (k + 1 < len(runs) and spaced[k] and read[k + 1])
                )
            ):
                read[k] = changed = True
    edits = iter(zip(letters, read, strict=True))

    def replace(m: re.Match[str]) -> tuple[str, list[int]]:
        word, is_word = next(edits)
        run = m.group()
        if not is_word:
            return run, list(range(len(run)))
        sources = list(range(len(run)))
        if len(word) > 2 and m.start() and text[m.start() - 1].isalpha():
            word, sources = " " + word, [0, *sources]
        if len(word) > 2 and m.end() < len(text) and text[m.end()].isalpha():
            word, sources = word + " ", [*sources, len(run) - 1]
        return word, sources

    return rewrite(text, omap, _FLAG_LETTERS, replace)


def _not_flags(letters: str) -> bool:
    pairs = [letters[i : i + 2] for i in range(0, len(letters), 2)]
    return len(letters) % 2 == 1 or any(p not in FLAG_REGIONS for p in pairs)


_MIXED_SCRIPT = re.compile(r"[a-z][\u0600-\u06ff]|[\u0600-\u06ff][a-z]")
_LATIN = re.compile("[a-z]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD_ANY = re.compile(r"\w+")


def latin_in_arabic_letters(text: str, omap: list[int] | None) -> tuple[str, list[int] | None]:
    """Arabic letters that look Latin, read as Latin between Latin letters.

    "idiهt" is "idiot"; the Arabic article on an English word ("الmake")
    and every Arabic, Sorani or Kurmanji word are left alone.
    """
    if (
        _LATIN.search(text) is None
        or _ARABIC.search(text) is None
        or _MIXED_SCRIPT.search(text) is None
    ):
        return text, omap
    omap = _identity(text) if omap is None else omap

    def latin(c: str) -> bool:
        return c.isascii() and c.isalpha()

    def replace(m: re.Match[str]) -> tuple[str, range]:
        word = m.group()
        arabic = [i for i, c in enumerate(word) if not c.isascii() and c.isalpha()]
        chars = list(word)
        for i in arabic:
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            alone = len(arabic) == 1 and (latin(before) or latin(after))
            if word[i] in ARABIC_LATIN and (latin(before) and latin(after) or alone):
                target = ARABIC_LATIN[word[i]]
                chars[i] = "|" if target == "l" else target
        return "".join(chars), range(len(word))

    return rewrite(text, omap, _WORD_ANY, replace)


# Non-ASCII symbols, emoji or blank fillers between two letters, and the
# chain of word pieces they join.
_SEP = r"(?:[^\w\s\x00-\x7f]|[\u2028\u2029])+"
_SYMBOL = re.compile(r"[^\w\s\x00-\x7f]")
_INSIDE = re.compile(_SEP + r"(?=\w)")
_CHAIN = re.compile(r"\w+(?:" + _SEP + r"\w+)+")
_PIECE = re.compile(r"\w+")
_DIGITS_AS_LETTERS = str.maketrans("013457", "oieast")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _inserted(run: str) -> bool:
    """Whether a run between letters may be something put there, not punctuation."""
    return not any(
        is_arabic_script(c) or unicodedata.category(c) in ("Pi", "Pf", "Ps", "Pe") for c in run
    )


def inside_word(text: str, omap: list[int] | None) -> tuple[str, list[int] | None]:
    """Remove emoji, symbols and fillers put between the letters of a word.

    The pieces of a word that such characters join ("id", "iot") decide:
    a run is removed when the pieces on either side of it make a known word
    ("id🤡iot"), or when every piece is one letter ("f🤡u🤡c🤡k"); it stands
    for a hidden letter when one letter in its place makes a known word
    ("sh💩t" → "sh*t"); otherwise a blank filler becomes a space, and an
    emoji stays where it is when both pieces are known words (it separates
    them: "you🤡idiot") and is removed when they are not ("isl🇹🇷am"): a
    reader who puts emoji inside the words of a whole comment hides them.
    """
    if (_SYMBOL.search(text) is None and FILLER_BREAK not in text) or not any(
        m.start() and text[m.start() - 1].isalnum() or text[m.start() - 1 : m.start()] == "_"
        for m in _INSIDE.finditer(text)
    ):
        return _fillers_to_space(text, omap)
    omap = _identity(text) if omap is None else omap
    known = known_words()

    def replace(m: re.Match[str]) -> tuple[str, list[int]]:
        chain = m.group()
        pieces = list(_PIECE.finditer(chain))
        words = [p.group().translate(_DIGITS_AS_LETTERS) for p in pieces]
        out: list[str] = [pieces[0].group()]
        sources: list[int] = list(range(*pieces[0].span()))
        whole = "".join(words) in known or (len(words) >= 3 and all(len(w) == 1 for w in words))
        for k in range(1, len(pieces)):
            run_start, run_end = pieces[k - 1].end(), pieces[k].start()
            run = chain[run_start:run_end]
            left, right = words[k - 1], words[k]
            if not _inserted(run):
                out.append(run)
                sources.extend(range(run_start, run_end))
            elif whole or left + right in known:
                pass
            elif len(left) + len(right) >= 3 and any(left + c + right in known for c in _ALPHABET):
                out.append("*")  # the symbol stands for a letter: "sh💩t" is "sh*t"
                sources.append(run_start)
            elif run[0] in _FILLERS:
                out.append(_FILLERS[run[0]])  # a blank between two words
                sources.append(run_start)
            elif not (left in known and right in known):
                pass
            else:
                out.append(run)  # an emoji between two words
                sources.extend(range(run_start, run_end))
            out.append(pieces[k].group())
            sources.extend(range(*pieces[k].span()))
        return "".join(out), sources

    text, omap = rewrite(text, omap, _CHAIN, replace)
    return _fillers_to_space(text, omap)


_FILLERS = {FILLER_BLANK: " ", FILLER_BREAK: "\n"}
_FILLERS_LEFT = str.maketrans(_FILLERS)


def _fillers_to_space(text: str, omap: list[int] | None) -> tuple[str, list[int] | None]:
    if FILLER_BLANK in text or FILLER_BREAK in text:
        return text.translate(_FILLERS_LEFT), omap
    return text, omap
