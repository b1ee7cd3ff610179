"""Normalisation: the text the rules and the models match against.

Readers dodge word lists with "f u c k", "ìdiot", Cyrillic "іdiot", zero-width
joiners and "fuuuuck"; word lists in turn reject "Scunthorpe". We answer both
by rewriting the text into one canonical form (this module) and matching whole
words in it (rules.py). Every character of the output remembers which character
of the reader's text produced it (``Normalised.to_original``), so evidence is
always shown on what the reader actually wrote.

The steps, in order (each keeps the offset map exact):

1. Per character (one cached table, so each distinct character is worked out
   once per process): Unicode NFKC, case folding, combining marks stripped
   (accents, Zalgo), zero-width and bidi controls dropped, look-alike letters
   from Cyrillic and Greek mapped to Latin, Arabic-script normalisation
   (tatweel and harakat dropped, alef variants to bare alef, ى and ی to ي,
   ک to ك, ة and ھ to ه, Arabic-Indic digits to ASCII). Sorani letters with no
   decomposition (ڕ ڵ ۆ ێ ە ڤ گ چ پ ژ) are left as they are.
2. Leetspeak inside words that contain letters (0→o 1→i 3→e 4→a 5→s 7→t,
   $→s, and @ and ! between letters), so "2016" and "$5" stay.
3. Single letters separated by the same separator, three or more of them,
   are joined ("f u c k", "f.u.c.k", "f-u-c-k" → "fuck").
4. Runs of three or more identical letters shrink to two ("fuuuuck" →
   "fuuck"; "cool" and "committee" are untouched). The matcher also tries the
   form with doubled letters made single, so "fuuck" still finds "fuck".

Turkish dotted and dotless i: whether "I" lower-cases to "ı" or "i" depends on
the language, which is not known yet at this step, so İ, I, ı and i all become
"i". Lexicon entries go through this same function, so "sıkıntı" and "sikinti"
are one word to the matcher: Turkish lexicon entries are chosen with that in
mind (see lexicons/README.md).
"""

from __future__ import annotations

import re
import unicodedata

from .context import Normalised

__all__ = ["normalise"]

# --- step 1: one character at a time ------------------------------------------

# Characters dropped outright. Category Cf (format) covers zero-width space,
# ZWJ/ZWNJ, bidi embeddings and isolates, the soft hyphen and the BOM; Arabic
# tatweel (a letter-stretching filler, category Lm) is added by hand.
_DROP_EXTRA = {"\u0640"}

# Letters that NFKD does not decompose but readers use as look-alikes.
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
}
# Arabic-Indic and Extended Arabic-Indic digits to ASCII (phone numbers).
for _i in range(10):
    _EXPLICIT[chr(0x0660 + _i)] = str(_i)
    _EXPLICIT[chr(0x06F0 + _i)] = str(_i)

# Look-alike letters, applied after case folding. Cyrillic and Greek letters
# that render like Latin ones are the usual way to slip "іdіot" past a filter;
# our five languages never write Cyrillic or Greek, so mapping is safe.
_CONFUSABLE = dict(
    zip(
        "аеорсухіјѕԁһԛԝвкмнтпӏүɡαεικνορτυχωβηɑɩɪʏ",
        "aeopcyxijsdhqwbkmhtnlygaeikvoptuxwbnaiiy",
        strict=True,
    )
)

# Combining marks stripped everywhere (accents, Zalgo stacks, harakat): the
# Arabic-script letters we keep are precomposed code points without marks.
_MARK_CATEGORIES = {"Mn", "Me"}


def _fold_char(ch: str) -> str:
    """The normalised form of one character (may be empty or longer)."""
    if ch in _EXPLICIT:
        return _EXPLICIT[ch]
    category = unicodedata.category(ch)
    if category == "Cf" or ch in _DROP_EXTRA or category in _MARK_CATEGORIES:
        return ""
    if category == "Cc":
        return ch if ch in "\n\t\r" else " "
    if category == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", ch).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    out = []
    for c in decomposed:
        if unicodedata.category(c) in _MARK_CATEGORIES:
            continue
        c = _EXPLICIT.get(c, c)
        out.append(_CONFUSABLE.get(c, c))
    return "".join(out)


class _CharTable(dict):
    """code point -> normalised string, computed on first sight, then cached.

    ``str.translate`` looks code points up in it at C speed; the rare
    characters that change length are remembered, so the common case (every
    character maps to exactly one) keeps the identity offset map.
    """

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        value = _fold_char(ch)
        # Record a length change before publishing the entry: another thread
        # that finds the entry must also find it here (see _fold).
        if len(value) != 1:
            _LENGTH_CHANGING.add(ch)
        self[cp] = value
        return value


_LENGTH_CHANGING: set[str] = set()
_TABLE = _CharTable()
for _cp in range(128):
    _TABLE[_cp]  # noqa: B018 - warm the cache for ASCII


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Step 1. Returns the text and its offset map, or None for identity."""
    if text.isascii():
        # ASCII case folding is lower(); it never changes length.
        return text.lower(), None
    out = text.translate(_TABLE)
    if len(out) == len(text) and _LENGTH_CHANGING.isdisjoint(text):
        return out, None
    table = _TABLE
    omap = [i for i, c in enumerate(text) for _ in table[ord(c)]]
    omap.append(len(text))
    return out, omap


# --- the regex rewrites (steps 2-4) -------------------------------------------


def _rewrite(text, omap, pattern, replace):
    """Apply ``replace(match) -> (new_text, source_indices)`` to every match.

    ``source_indices`` gives, for each character of ``new_text``, its index
    within the match, so the offset map stays exact.
    """
    out: list[str] = []
    new_map: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        replacement, sources = replace(m)
        if replacement == m.group():
            continue
        out.append(text[pos:start])
        new_map.extend(omap[pos:start])
        out.append(replacement)
        new_map.extend(omap[start + k] for k in sources)
        pos = end
    if not out:
        return text, omap
    out.append(text[pos:])
    new_map.extend(omap[pos:])
    return "".join(out), new_map


# Step 2: leetspeak. A "word" here is a run of letters, digits and the symbols
# readers substitute for letters; it is rewritten only when it has a letter.
_LEET_CANDIDATE = re.compile(r"(?<![\w@$!])[\w@$!]*[013457@$!][\w@$!]*")
_LEET_ANY = re.compile(r"[013457@$!]")


def _maybe_leet(text: str) -> bool:
    """Cheap test first: a leet character next to a letter somewhere."""
    for m in _LEET_ANY.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1 : i + 2]
        if m.group() in "@!":
            if prev.isalpha() and nxt.isalpha():
                return True
        elif prev.isalpha() or nxt.isalpha():
            return True
    return False


_LEET_DIGITS = str.maketrans("013457", "oieast")
# Words where digits are a number, not a disguise: "1st", "10am", "2016s",
# "covid19", "g20", "mp3". What is left ("1diot", "r374rd", "sh1t") is leet.
_NUMBERISH = re.compile(
    r"\d+(?:st|nd|rd|th|s|am|pm|k|m|km|kg|g|gb|mb|d|x|h|hr|min|bn|mn|yo)"
    r"|\w*?\d{2,}|\d{2,}\w*|[^\W\d_]{1,2}\d"
)


def _leet_word(m: re.Match) -> tuple[str, range]:
    word = m.group()
    if not _HAS_LETTER.search(word) or _NUMBERISH.fullmatch(word):
        return word, range(len(word))
    chars = list(word)
    n = len(chars)
    for i, c in enumerate(chars):
        if c.isdigit():
            chars[i] = c.translate(_LEET_DIGITS)
        elif c == "$":
            # "$hit", "a$$"; never "$5".
            nxt = chars[i + 1] if i + 1 < n else ""
            if not nxt.isdigit():
                chars[i] = "s"
        elif c in "@!":
            # Only between letters: "@user" is a mention, "idiot!" is
            # punctuation, "b@stard" and "sh!t" are disguises.
            prev = chars[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < n else ""
            if prev.isalpha() and nxt.isalpha():
                if c == "@" and "." in word[i:]:
                    continue  # an e-mail address
                chars[i] = "a" if c == "@" else "i"
    return "".join(chars), range(n)


_HAS_LETTER = re.compile(r"[^\W\d_]")
_EMAIL_TAIL = re.compile(r"[\w@$!]*@[\w-]+\.\w")


def _leet(text: str, omap: list[int]) -> tuple[str, list[int]]:
    # The candidate regex does not see ".", so guard e-mail addresses here.
    def replace(m: re.Match) -> tuple[str, range]:
        if "@" in m.group() and _EMAIL_TAIL.match(text, m.start()):
            return m.group(), range(len(m.group()))
        return _leet_word(m)

    return _rewrite(text, omap, _LEET_CANDIDATE, replace)


# Step 3: "f u c k", "f.u.c.k", "f-u-c-k", "f_u_c_k", "f*u*c*k": three or
# more single letters with the same separator between each pair.
_SPACED = re.compile(
    r"(?<![^\W_])[^\W\d_](?P<sep>[ .\-_*·•/|]{1,3})(?:[^\W\d_](?P=sep))+[^\W\d_](?![^\W_])"
)


def _join_spaced(m: re.Match) -> tuple[str, list[int]]:
    sep_len = len(m.group("sep"))
    span = m.group()
    sources = list(range(0, len(span), sep_len + 1))
    return "".join(span[k] for k in sources), sources


# Cheap test first: a single letter, a separator, a single letter, a separator.
# (Searched in " " + text; a leading character class keeps the scan fast.)
_MAYBE_SPACED = re.compile(r"[ .\-_*·•/|][^\W\d_][ .\-_*·•/|]{1,3}[^\W\d_][ .\-_*·•/|]")

# Step 4: stretched letters.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_MAYBE_STRETCHED = re.compile(r"(.)\1\1")


def _shrink(m: re.Match) -> tuple[str, tuple[int, int]]:
    run = m.group()
    # Map the two kept letters to the first and last of the run, so that the
    # evidence for "fuuuuck" covers every u.
    return run[:2], (0, len(run) - 1)


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to its offsets."""
    out, omap = _fold(text)
    needs_leet = _maybe_leet(out)
    needs_spaced = _MAYBE_SPACED.search(" " + out) is not None
    # "!!!" and "..." are runs too, but only runs of letters are rewritten.
    needs_shrink = any(m.group(1).isalpha() for m in _MAYBE_STRETCHED.finditer(out))
    if not (needs_leet or needs_spaced or needs_shrink):
        return Normalised(out, tuple(omap) if omap is not None else tuple(range(len(out) + 1)))
    if omap is None:
        omap = list(range(len(out) + 1))
    if needs_leet:
        out, omap = _leet(out, omap)
    if needs_spaced or needs_leet:
        out, omap = _rewrite(out, omap, _SPACED, _join_spaced)
    if needs_shrink or needs_leet or needs_spaced:
        out, omap = _rewrite(out, omap, _STRETCHED, _shrink)
    return Normalised(out, tuple(omap))
