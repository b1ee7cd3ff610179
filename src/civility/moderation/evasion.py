"""Whether normalisation had to undo a disguise to read a comment.

Normalisation (normalise.py) reads "ɪᴅɪᴏᴛ", "id🤡iot", "!d!0t", "i d i o t" and
upside-down text as the words they stand for, and the classifiers score that
reading. The reading is good but not perfect, and the transformer tier is
more sensitive to what is left than the linear tier's character n-grams (a
word read in two halves, a stray symbol): with the cascade on, disguised
insults were published about half as often again as with the linear tier
alone (docs/evaluation.md, "Disguises"). A reader who disguises a word is
also telling us something: nobody writes "ɪᴅɪᴏᴛ" to be understood by a
filter. So the approval policy treats a disguise as evidence of its own: a
comment whose normalisation undid one is approved automatically only when
every score is low (``disguised_review_at``, policy_rule.py), and held
otherwise.

What counts, per word of the normalised text (two letters or more), compared
with what the reader wrote for it:

* a character no plain text needs inside a Latin or Arabic word: look-alikes
  of another alphabet, small capitals, styled, enclosed and
  regional-indicator letters, emoji, symbols, invisible and filler
  characters, stacked combining marks (the ``DISGUISE`` class below);
* a word the lexicons or the function-word lists know that its letters,
  folded one by one, do not spell: leet ("sh1t", "!d!0t") and letters spaced
  out ("f u c k", "f.u.c.k"). Only known words, because the same rewriting
  also reads hashtags, codes and links ("WWG1WGA", "4chan") and words joined
  by a dash, and those are no disguise;
* a lexicon word stretched ("idiiiot", "fuuuuck"): the classifiers read
  "idiiot", which is no word to the transformer's word pieces;
* the whole comment written the other way round (upside down, mirrored,
  backwards, bidi overrides).

What does not count: case, accents and the letters of the languages we read
(é, ş, ı, ß, Arabic letter variants, tatweel and harakat, which Arabic
writing uses for its own sake, and the zero-width non-joiner of Sorani and
Persian spelling), other stretched words ("soooo"), emoji and
symbols between words, words wholly in another script (Korean, Greek).
Plain dev comments it marks: OLID 0.4%, C3 0.3%, HateXplain 0.1%, OSACT
2020 0.7%, OffensEval Turkish 0.5% (mostly real leet: "b!tch", "a$$").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .context import Normalised
from .disguises import known_words, lexicon_words
from .lookalikes import fold_char

__all__ = ["DISGUISE", "undid_disguise"]

# Anything but ASCII, Latin letters with accents, Arabic script (tatweel and
# harakat included) and common punctuation: the characters a disguise puts
# in a word (styled and enclosed letters, other alphabets' look-alikes,
# invisible and filler characters, combining marks), and emoji.
DISGUISE = re.compile(
    "[^\x00-\x7f\u00a0-\u00ac\u00ae-\u00b6\u00b8-\u024f\u0600-\u065f\u0660-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\u2013-\u2021\u2023-\u2027\u2030-\u205e\u2120\u2122]"
)
# The words a disguise is undone in: Latin (as normalised) or Arabic letters.
_READ = re.compile("[a-z\u0600-\u06ff]+")
_ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
_JOINERS = str.maketrans("", "", "\u200c\u200d")
# A word of the normalised text: letters only.
_WORD = re.compile(r"[^\W\d_]{2,}")
_DOUBLES = re.compile(r"([^\W\d_])\1+")
_STRETCHED = re.compile(r"([^\W\d_])\1\1")


@functools.lru_cache(maxsize=4096)
def _folded(ch: str) -> str:
    return fold_char(ch)


def _single(word: str) -> str:
    """Doubled letters made single: stretching is not a disguise here."""
    return _DOUBLES.sub(r"\1", word)


@functools.lru_cache(maxsize=1)
def _lexicon_singles() -> frozenset[str]:
    return frozenset(_single(w) for w in lexicon_words())


def undid_disguise(text: str, norm: Normalised) -> bool:
    """Whether ``norm`` (normalise(text)) had to undo a disguise in ``text``."""
    if norm.reading is not None:
        return True  # written to be read the other way round
    if text.isascii() and norm.text == text.lower():
        return False  # nothing was rewritten: the common case, at no cost
    for m in _WORD.finditer(norm.text):
        start, end = norm.original_span(m.start(), m.end())
        # NFC: an accent typed as a combining mark is the accented letter.
        written = unicodedata.normalize("NFC", text[start:end])
        word = m.group()
        if _ARABIC_WORD.fullmatch(word):
            # The zero-width (non-)joiner is Sorani and Persian spelling.
            written = written.translate(_JOINERS)
        if DISGUISE.search(written) is not None and _READ.fullmatch(word):
            return True
        plain = "".join(_folded(c) for c in written)
        if _single(plain) != _single(word) and word in known_words():
            return True
        if _STRETCHED.search(plain) and _single(word) in _lexicon_singles():
            return True
    return False
