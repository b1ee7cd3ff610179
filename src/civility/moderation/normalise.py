"""Normalisation: the text the rules and the models match against.

Readers dodge word lists with "f u c k", "ìdiot", Cyrillic "іdiot", zero-width
joiners and "fuuuuck"; word lists in turn reject "Scunthorpe". We answer both
by rewriting the text into one canonical form (this module) and matching whole
words in it (rules.py). Every character of the output remembers which character
of the reader's text produced it (``Normalised.to_original``), so evidence is
always shown on what the reader actually wrote.

The steps, in order (each keeps the offset map exact; docs/normalisation-and-rules.md
lists every disguise with an example):

0. Text written to be read the other way round is turned the right way
   (turned.py): bidi overrides, upside-down and mirror writing.
1. Per character (lookalikes.py; one cached table, so each distinct character
   is worked out once per process): NFKC (fullwidth, mathematical letters),
   letters in circles, brackets and squares, small capitals, case folding,
   combining marks stripped (accents, Zalgo), default-ignorable code points
   dropped (zero-width characters, bidi controls, Hangul fillers, variation
   selectors, tags), look-alikes of Latin letters from Unicode's confusables
   data (UTS #39), Arabic-script normalisation (tatweel and harakat dropped,
   alef variants to bare alef, ى and ی to ي, ک to ك, ة and ھ to ه,
   Arabic-Indic digits to ASCII). Sorani letters with no decomposition
   (ڕ ڵ ۆ ێ ە ڤ گ چ پ ژ) are left as they are, and so is every Arabic letter
   outside a Latin word.
   Then, word by word (disguises.py): flag letters that spell a word, Arabic
   letters that look Latin between Latin letters, emoji, symbols and blank
   fillers put inside a word.
2. Leetspeak inside words that contain letters (0→o 1→i 3→e 4→a 5→s 7→t,
   $→s, @ between letters, ! and | for i or l), so "2016", "$5" and "Hi!"
   stay. An English line written backwards is read forwards first.
3. Single letters separated by the same separator, three or more of them,
   are joined ("f u c k", "f.u.c.k", "f-u-c-k" → "fuck").
4. Runs of three or more identical letters shrink to two ("fuuuuck" →
   "fuuck"; "cool" and "committee" are untouched). The matcher also tries the
   form with doubled letters made single, so "fuuck" still finds "fuck".

``text_identity`` is built on ``normalise``: what two comments share when
they are "the same text" for the repeat and same-text limits.

Turkish dotted and dotless i: whether "I" lower-cases to "ı" or "i" depends on
the language, which is not known yet at this step, so İ, I, ı and i all become
"i". Lexicon entries go through this same function, so "sıkıntı" and "sikinti"
are one word to the matcher: Turkish lexicon entries are chosen with that in
mind (see lexicons/README.md).
"""

from __future__ import annotations

import functools
import itertools
import re

from . import disguises, turned
from .context import Normalised
from .lookalikes import fold_char, is_arabic_script
from .offsets import rewrite

__all__ = ["language_reading", "normalise", "text_identity"]

# --- step 1: one character at a time ------------------------------------------


class _CharTable(dict):
    """code point -> normalised string, computed on first sight, then cached.

    ``str.translate`` looks code points up in it at C speed; the rare
    characters that change length are remembered, so the common case (every
    character maps to exactly one) keeps the identity offset map.
    """

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        value = fold_char(ch)
        # Record a length change before publishing the entry: another thread
        # that finds the entry must also find it here (see _fold).
        if len(value) != 1:
            _LENGTH_CHANGING.add(ch)
        self[cp] = value
        return value


_LENGTH_CHANGING: set[str] = set()
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TABLE = _CharTable()
for _cp in range(128):
    _TABLE[_cp]  # noqa: B018 - warm the cache for ASCII


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Step 1. Returns the text and its offset map, or None for identity."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        # ASCII case folding is lower(); it never changes length. ASCII
        # control characters (NUL, ESC...) take the table, which drops them.
        return text.lower(), None
    out = text.translate(_TABLE)
    if len(out) == len(text) and _LENGTH_CHANGING.isdisjoint(text):
        return out, None
    table = _TABLE
    omap = [i for i, c in enumerate(text) for _ in table[ord(c)]]
    omap.append(len(text))
    return out, omap


def _identity(text: str) -> list[int]:
    return list(range(len(text) + 1))


# Step 2: leetspeak. A "word" here is a run of letters, digits and the symbols
# readers substitute for letters; it is rewritten only when it has a letter.
_LEET_CANDIDATE = re.compile(r"(?<![\w@$!|])[\w@$!|]*[013457@$!|][\w@$!|]*")
_LEET_ANY = re.compile(r"[013457@$!|]")


def _maybe_leet(text: str) -> bool:
    """Cheap test first: a leet character next to a letter somewhere."""
    for m in _LEET_ANY.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1 : i + 2]
        c = m.group()
        if c == "@":
            if prev.isalpha() and (nxt.isalpha() or nxt in "!|"):
                return True  # "b@stard"
            if nxt.isalpha() and (not prev or prev.isspace()) and _known_with(text, i, ("a",)):
                return True  # "@ss", not "@user"
            if prev.isalpha() and not nxt.isalnum() and _known_with(text, i, ("a",)):
                return True  # "vagin@"
        elif c in "!|":
            if nxt.isalpha() or (c == "|" and prev.isalpha()):
                return True  # "sh!t", "!diot", "|d|ot", "ki||"
            if prev.isalpha() and not nxt.isalnum() and _known_with(text, i, ("i", "l")):
                return True  # "feminaz!", but not "Hi!"
        elif prev.isalpha() or nxt.isalpha():
            return True
    return False


_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")


def _known_with(text: str, i: int, letters: tuple[str, ...]) -> bool:
    """Whether the word beside the "@" or "!" at ``i`` is a known word only
    with one of ``letters`` in its place ("@ss", "feminaz!")."""
    if i and text[i - 1].isalpha():
        m = _WORD_BEFORE.search(text, max(0, i - 40), i)
        return _known_only_with(m.group() if m else "", letters, False)
    m = _WORD_AFTER.match(text, i + 1)
    return _known_only_with(m.group() if m else "", letters, True)


@functools.lru_cache(maxsize=4096)
def _known_only_with(word: str, letters: tuple[str, ...], before: bool) -> bool:
    known = disguises.base_words()
    if len(word) < 2 or word in known:
        return False
    return any((c + word if before else word + c) in known for c in letters)


_LEET_DIGITS = str.maketrans("013457", "oieast")
_LONE_DIGIT = re.compile(r"[04]")  # "4" for a, "0" for o, as words of their own
# Words where digits are a number, not a disguise: "1st", "10am", "2016s",
# "covid19", "g20", "mp3". What is left ("1diot", "r374rd", "sh1t") is leet.
_NUMBERISH = re.compile(
    r"\d+(?:st|nd|rd|th|s|am|pm|k|m|km|kg|g|gb|mb|d|x|h|hr|min|bn|mn|yo)"
    r"|\w*?\d{2,}|\d{2,}\w*|[^\W\d_]{1,2}\d"
)
_MONEY = re.compile(r"\d[\d.,]*(?:k|m|bn|b|mn|s)?")
# Single letters between bars ("f|u|c|k"): the spaced-letters step joins them.
_BARRED_LETTERS = re.compile(r"[^\W\d_](?:([!|])[^\W\d_])(?:\1[^\W\d_])+")
# "1", "!" and "|" inside a word are i or l; more than this many in one word
# are not worth trying every reading of.
_MAX_CHOICES = 6


@functools.lru_cache(maxsize=8192)
def _leet_word(word: str) -> tuple[str, bool]:
    """The word read as leet, and whether it is a number that could be a short
    word ("g0", "4"): such words are read only in a comment with other leet."""
    if not _HAS_LETTER.search(word):
        if _LONE_DIGIT.fullmatch(word):
            return word.translate(_LEET_DIGITS), True
        return word, False
    if _BARRED_LETTERS.fullmatch(word):
        return word, False
    if not all(c.isascii() for c in word if c.isalpha()):
        # Leet is a Latin-script disguise: "18ابريل" is a date, "29|رمضان" a list.
        return word, False
    read = _leet_reading(word)
    if _NUMBERISH.fullmatch(word.lstrip("$")) and not (
        sum(c.isalpha() for c in word) >= 2
        and len(read) >= 3
        and read.strip("!|") in disguises.lexicon_words()
    ):
        # A number ("covid19", "g20", "10am", "3m", "sh3" in a link) unless
        # it spells a lexicon word ("ki11", "as5").
        return (read, True) if len(word) <= 3 else (word, False)
    return read, False


def _leet_reading(word: str) -> str:
    n = len(word)
    chars = list(word)
    alnum = [i for i, c in enumerate(word) if c.isalnum() or c in "$@"]
    start, end = alnum[0], alnum[-1] + 1
    optional: list[int] = []  # a letter only if that makes a known word
    if word[0] == "@" and n > 1 and word[1] != "@":
        # "@ss" is a disguise, "@user" a mention: a known word decides.
        start = max(start, 1)
        optional.append(0)
    # A "!" after a word of one or two letters stays what it is ("m!",
    # "g&m!"): too short a word to tell.
    long_core = sum(c.isalnum() for c in word[start:end]) >= 3
    either: list[int] = []  # i or l: i unless l makes a known word
    for i, c in enumerate(word):
        if c in "!|":
            run = _run_length(word, i)
            if i < start:
                optional.append(i)  # "!diot", "|diot", "!t"; not "!important"
            elif i >= end:
                # "||" after letters is "ll" ("ki||"); one final "!" or "|" is
                # a letter only when the word is not one without it and is
                # one with it ("feminaz!"; never "Hi!").
                if c == "|" and run == 2:
                    chars[i] = "i"
                    either.append(i)
                elif run == 1 and i == n - 1 and (c == "|" or long_core):
                    optional.append(i)
            elif (c == "!" and run == 1) or (c == "|" and run <= 2):
                # "!!" inside a word is punctuation with a space missing
                # ("that!!everything"); "|||" is a separator.
                chars[i] = "i"
                either.append(i)
        elif not start <= i < end:
            continue
        elif c.isdigit():
            chars[i] = c.translate(_LEET_DIGITS)
            if c == "1":
                either.append(i)
        elif c == "$":
            # "$hit", "a$$", "a$5", "$0n"; never "$5" or "$2bn".
            if i > start or not _MONEY.fullmatch(word, i + 1):
                chars[i] = "s"
        elif c == "@":
            # Only between letters: "@user" is a mention, "b@stard" a disguise.
            prev = chars[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < n else ""
            if prev.isalpha() and (nxt.isalnum() or nxt in "!|") and "." not in word[i:]:
                chars[i] = "a"
            elif prev.isalpha() and i == end - 1:
                optional.append(i)  # "vagin@"
    # "||" is a double l far more often than a double i: "a||", "ki||".
    for i in either:
        if word[i] == "|" and word[i + 1 : i + 2] == "|" and i + 1 in either:
            chars[i] = chars[i + 1] = "l"
    if either or optional:
        chars = _resolve(word, chars, either, optional)
    return "".join(chars)


def _run_length(word: str, i: int) -> int:
    """Length of the run of word[i]'s character that contains position i."""
    c = word[i]
    start = i
    while start and word[start - 1] == c:
        start -= 1
    end = i + 1
    while end < len(word) and word[end] == c:
        end += 1
    return end - start


# Readings of the ambiguous characters of one word tried at most.
_MAX_READINGS = 64


def _resolve(word: str, chars: list[str], either: list[int], optional: list[int]) -> list[str]:
    """The reading of the ambiguous characters that makes a known word, if any.

    ``either`` positions hold their default reading (i, or l in "||"),
    ``optional`` ones the character as written.
    """
    if 2 ** len(either) * 3 ** len(optional) > _MAX_READINGS:
        return chars
    other = {"i": "l", "l": "i"}
    options = [(i, (chars[i], other[chars[i]])) for i in either]
    for i in optional:
        if word[i] == "@":
            options.append((i, ("a", "@")))
        elif i == len(word) - 1 and word[i] == "!":
            options.append((i, (word[i], "i", "l")))  # a final "!": as written first
        else:
            options.append((i, ("i", "l", word[i])))
    # Words as written first, so that "sh!1l" is "shill", not "shiil" (a
    # stretched spelling of "shil").
    for known in (disguises.base_words(), disguises.known_words()):
        for combo in itertools.product(*(alternatives for _, alternatives in options)):
            trial = chars.copy()
            for (i, _), letter in zip(options, combo, strict=True):
                trial[i] = letter
            if "".join(trial).strip("!|@") in known:
                return trial
    # No reading makes a known word: a "!" or "|" between two runs of three
    # letters is punctuation or a separator ("increases|ghg"), not a letter.
    for i in either:
        if word[i] in "!|":
            around = word[:i].rstrip(word[i])[-3:] + word[i + 1 :].lstrip(word[i])[:3]
            if len(around) == 6 and around.isalpha():
                chars[i] = word[i]
    return chars


_HAS_LETTER = re.compile(r"[^\W\d_]")
_EMAIL_TAIL = re.compile(r"[\w@$!]*@[\w-]+\.\w")


def _leet(text: str, omap: list[int]) -> tuple[str, list[int]]:
    readings: dict[int, str] = {}
    maybe: dict[int, str] = {}  # short numbers that may be words ("g0 t0 h3ll")
    for m in _LEET_CANDIDATE.finditer(text):
        word = m.group()
        # The candidate regex does not see ".", so guard e-mail addresses here.
        if "@" in word and _EMAIL_TAIL.match(text, m.start()):
            continue
        read, short_number = _leet_word(word)
        if short_number:
            if read != word and read in disguises.base_words():
                maybe[m.start()] = read
        elif read != word:
            readings[m.start()] = read
    if readings:
        readings.update(maybe)

    def replace(m: re.Match) -> tuple[str, range]:
        return readings.get(m.start(), m.group()), range(len(m.group()))

    return rewrite(text, omap, _LEET_CANDIDATE, replace)


# Step 3: "f u c k", "f.u.c.k", "f-u-c-k", "f_u_c_k", "f*u*c*k": three or
# more single letters with the same separator between each pair.
_SPACED = re.compile(
    r"(?<![^\W_])[^\W\d_](?P<sep>[ .\-_*·•/|!‐‑‒–—―]{1,3})(?:[^\W\d_](?P=sep))+[^\W\d_](?![^\W_])"
)


def _join_spaced(m: re.Match) -> tuple[str, list[int]]:
    sep_len = len(m.group("sep"))
    span = m.group()
    sources = list(range(0, len(span), sep_len + 1))
    return "".join(span[k] for k in sources), sources


# Cheap test first: a single letter, a separator, a single letter, a separator.
# (Searched in " " + text; a leading character class keeps the scan fast.)
_MAYBE_SPACED = re.compile(
    r"[ .\-_*·•/|!‐‑‒–—―][^\W\d_][ .\-_*·•/|!‐‑‒–—―]{1,3}[^\W\d_][ .\-_*·•/|!‐‑‒–—―]"
)

# Step 4: stretched letters.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_STRETCHED_WORD = re.compile(r"\w*?([^\W\d_])\1{2,}\w*")
_MAYBE_STRETCHED = re.compile(r"(.)\1\1")


def _shrink(m: re.Match) -> tuple[str, tuple[int, int]]:
    run = m.group()
    # Map the two kept letters to the first and last of the run, so that the
    # evidence for "fuuuuck" covers every u.
    return run[:2], (0, len(run) - 1)


def _unstretch(m: re.Match) -> tuple[str, list[int]]:
    """A stretched word with its runs shrunk to two letters ("fuuuuck" →
    "fuuck"), or to one when only that makes a known word ("dummmb" →
    "dumb", "succcks" → "sucks"; "coooool" stays "cool")."""
    word = m.group()
    two: list[str] = []
    two_sources: list[int] = []
    one: list[str] = []
    one_sources: list[int] = []
    pos = 0
    for run in _STRETCHED.finditer(word):
        start, end = run.span()
        for out, sources in ((two, two_sources), (one, one_sources)):
            out.append(word[pos:start])
            sources.extend(range(pos, start))
        # The kept letters map to the first and last of the run, so that the
        # evidence for "fuuuuck" covers every u.
        two.append(word[start : start + 2])
        two_sources.extend((start, end - 1))
        one.append(word[start])
        one_sources.append(end - 1 if end == len(word) else start)
        pos = end
    for out, sources in ((two, two_sources), (one, one_sources)):
        out.append(word[pos:])
        sources.extend(range(pos, len(word)))
    shrunk, single = "".join(two), "".join(one)
    base = disguises.base_words()
    if shrunk not in base and single in base:
        return single, one_sources
    return shrunk, two_sources


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to its offsets."""
    out, omap, reading = _characters(text)
    plain = turned.turn_round_plain(out, omap)
    if plain is not None:
        out, omap = plain
        reading = out
    needs_leet = _maybe_leet(out)
    needs_spaced = _MAYBE_SPACED.search(" " + out) is not None
    # "!!!" and "..." are runs too, but only runs of letters are rewritten.
    needs_shrink = any(m.group(1).isalpha() for m in _MAYBE_STRETCHED.finditer(out))
    if not (needs_leet or needs_spaced or needs_shrink):
        omap = omap if omap is not None else range(len(out) + 1)
        return Normalised(out, tuple(omap), reading)
    if omap is None:
        omap = _identity(out)
    if needs_leet:
        out, omap = _leet(out, omap)
    if needs_spaced or needs_leet:
        out, omap = rewrite(out, omap, _SPACED, _join_spaced)
    if needs_shrink or needs_leet or needs_spaced:
        out, omap = rewrite(out, omap, _STRETCHED_WORD, _unstretch)
    return Normalised(out, tuple(omap), reading)


def _characters(text: str) -> tuple[str, list[int] | None, str | None]:
    """Steps 0 and 1: text turned the right way round, then folded character by
    character, then what sits inside a word (disguises.py)."""
    if text.isascii():
        return (*_fold(text), None)
    round_ = None
    if turned.REVERSAL_TRIGGERS.search(text):
        round_ = turned.turn_round(text)
    if round_ is None:
        out, omap = _fold(text)
    else:
        work, base = round_
        out, fold_map = _fold(work)
        omap = base if fold_map is None else [base[i] for i in fold_map]
    out, omap = disguises.regional_indicator_words(out, omap)
    out, omap = disguises.latin_in_arabic_letters(out, omap)
    reading = None if round_ is None else _BIDI_CONTROLS.sub("", round_[0])
    return (*disguises.inside_word(out, omap), reading)


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Anything but ASCII, Latin letters with accents, Arabic script and common
# punctuation: characters a disguise puts in a comment (styled and enclosed
# letters, other alphabets' look-alikes, invisible and filler characters,
# combining marks, tatweel), and emoji.
_DISGUISE = re.compile(
    "[^\x00-\x7f\u00a0-\u00ac\u00ae-\u00b6\u00b8-\u024f\u0600-\u063f\u0641-\u064a"
    "\u0660-\u06ff\u0750-\u077f\u08a0-\u08ff\u2013-\u2021\u2023-\u2027\u2030-\u205e]"
)


_PLAIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# Fillers a reader puts between letters; they do not make a word disguised.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff\u3164\u115f\u1160\uffa0\u2800")


def _plain_word_at(text: str, i: int) -> bool:
    """Whether the word around ``text[i]`` is written in plain letters."""
    start, end = i, i + 1
    while start and (text[start - 1].isalpha() or text[start - 1] in _INVISIBLE):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] in _INVISIBLE):
        end += 1
    return all(_PLAIN_LETTER.match(c) or c in _INVISIBLE for c in text[start:end])


def language_reading(text: str, norm: Normalised) -> str:
    """The comment for language identification: disguises undone, but every
    language's own letters kept (normalisation folds ı, ş, ڕ and ێ, which
    tell our languages apart).

    Plain text is read as written. Text turned round is read in reading
    order; styled, enclosed and look-alike letters as the letters they
    stand for; leet, stretched and spaced-out words as normalised.
    """
    if norm.reading is not None:
        return norm.reading
    if text.isascii():
        lowered = text.lower()
        return text if norm.text == lowered else norm.text
    # Spaced-out letters ("g e b e r t e c e ğ i m") are read joined.
    spaced_out = norm.text.count(" ") < text.count(" ") - 1
    if not spaced_out and _DISGUISE.search(text) is None:
        return text
    out = []
    for ch, source in zip(norm.text, norm.to_original, strict=False):
        original = text[source]
        keep = original.isalpha() and (
            original.isascii() or is_arabic_script(original) or "\u00c0" <= original <= "\u024f"
        )
        if original == "ı" and not _plain_word_at(text, source):
            keep = False  # a dotless ı in a disguised word is an i in disguise
        out.append(original if keep and original.lower() != ch and ch.isalpha() else ch)
    return "".join(out)


_IDENTITY_WORD = re.compile(r"[^\W_]+")
_DOUBLES = re.compile(r"([^\W\d_])\1+")


def text_identity(text: str) -> str:
    """The text's identity for repeat detection ("the same text posted again").

    Two comments whose identities are equal read the same to a person: the
    normalised words (look-alikes, invisible characters, fullwidth and
    styled letters, leet and disguises all folded away), without
    punctuation, symbols or emoji, doubled letters made single. A stable
    contract: rate limits store it, so a change here is a migration note.
    """
    words = _IDENTITY_WORD.findall(normalise(text).text)
    return _DOUBLES.sub(r"\1", " ".join(words))
