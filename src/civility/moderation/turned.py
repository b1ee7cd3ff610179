"""Text written to be read the other way round, turned the right way.

- ``turn_round`` (on the reader's raw text): a span under a bidi override
  (U+202E RIGHT-TO-LEFT OVERRIDE shows "\u202etoidi" as "idiot"; U+202D
  LEFT-TO-RIGHT OVERRIDE does the same to Arabic letters), and runs of
  upside-down ("ʇoıpı") or mirror-written ("ƚoibi") words, read right to
  left with each letter turned back (upside-down "u" is "n").
- ``turn_round_plain`` (on folded text): an English line written backwards
  ("toidi na era uoy") is read forwards when that turns strings of
  non-words into English function words.

Text turned round maps each letter to the character it was written as, so
the offset map falls there (``Normalised.original_span`` takes the min and
max of a span). Upside-down and mirrored runs need evidence: letters only
such writing uses (ɐ ǝ ɹ ʇ ʎ ɯ..., ɒ ɘ ƚ ᴎ...), two of them, or one that is
a third of the run's letters, or one in a run whose reading is made of
known words. Turkish ı alone, or Cyrillic я and и, are no evidence.
"""

from __future__ import annotations

import re
import unicodedata

from .disguises import known_words
from .lookalikes import MIRRORED, MIRRORED_ASCII, UPSIDE_DOWN, UPSIDE_DOWN_ASCII, is_arabic_script

__all__ = ["REVERSAL_TRIGGERS", "turn_round", "turn_round_plain"]

_RLO, _LRO = "\u202e", "\u202d"
_OVERRIDE = re.compile("[\u202d\u202e][^\u202c\n\u2029]*")

# Letters that look the same turned round: they may appear in upside-down or
# mirrored words without being evidence of it.
_UPSIDE_DOWN_NEUTRAL = frozenset("losxzHINOSXZ08-.!?'\"ı")
_MIRROR_NEUTRAL = frozenset("ilmnouvwxyAHIMOTUVWXY08-.!'\"ı")
# Characters that count as evidence: Latin letters that only upside-down or
# mirrored writing uses (Turkish ı and Cyrillic я are letters of their own).
_UPSIDE_DOWN_EVIDENCE = frozenset(c for c in UPSIDE_DOWN if c not in "ı¡¿˙„‾")
_MIRROR_EVIDENCE = frozenset(c for c in MIRRORED if c not in "ЯяИи")
# One character class: a regex scan is several times faster than a set test.
REVERSAL_TRIGGERS = re.compile(
    "[" + re.escape("".join(sorted({_RLO, _LRO} | _UPSIDE_DOWN_EVIDENCE | _MIRROR_EVIDENCE))) + "]"
)

_TOKEN = re.compile(r"\S+")


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha() or c.isdigit())


def _proof(token: str, evidence: frozenset[str]) -> int:
    """How many characters of ``token`` only turned-round writing uses.

    A dotless ı is Turkish, but beside a turned letter it is an upside-down i.
    """
    proof = sum(1 for c in token if c in evidence)
    return proof + token.count("ı") if proof else 0


def _reads_as_known(line: str, start: int, end: int, table, ascii_table) -> bool:
    """Whether the run, turned round, is made of words the lexicons know."""
    turned = "".join(table.get(c) or ascii_table.get(c, c) for c in reversed(line[start:end]))
    # Folded as the lexicons are: "öldürülsün" is known as "oldurulsun".
    plain = unicodedata.normalize("NFKD", turned.lower().replace("ı", "i"))
    words = re.findall(r"\w+", "".join(c for c in plain if not unicodedata.combining(c)))
    known = known_words()
    return bool(words) and all(w in known for w in words)


def _flip_runs(line: str, offset: int, table, ascii_table, neutral, evidence):
    """Spans of ``line`` written upside down (or mirrored): (start, end) pairs."""
    alphabet = set(table) | set(ascii_table) | neutral
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    # Accented Latin letters (ö, ü, ğ, ş) are left as they are by the
    # generators that turn text round, so they may sit in a turned word.
    fits = [
        all(
            c in alphabet or not (c.isalpha() or c.isdigit()) or "\u00c0" <= c <= "\u024f"
            for c in tok
        )
        and any(c in alphabet or "\u00c0" <= c <= "\u024f" for c in tok)
        for _, _, tok in tokens
    ]
    proofs = [_proof(tok, evidence) for _, _, tok in tokens]
    whole_line = all(fits)
    spans = []
    i = 0
    while i < len(tokens):
        if not fits[i]:
            i += 1
            continue
        j = i
        while j < len(tokens) and fits[j]:
            j += 1
        run = list(range(i, j))
        if not whole_line:
            # Words that read the same either way at the edges of a run may be
            # ordinary text beside it: leave them.
            while run and not proofs[run[0]]:
                run.pop(0)
            while run and not proofs[run[-1]]:
                run.pop()
        if run:
            proof = sum(proofs[k] for k in run)
            letters = sum(_letters(tokens[k][2]) for k in run)
            start, end = tokens[run[0]][0], tokens[run[-1]][1]
            if (
                proof >= 2
                or (proof == 1 and 3 * proof >= letters)
                or (proof and _reads_as_known(line, start, end, table, ascii_table))
            ):
                spans.append((offset + start, offset + end))
        i = j
    return spans


def turn_round(text: str) -> tuple[str, list[int]] | None:
    """Read bidi-overridden, upside-down and mirrored spans the right way round.

    Returns None when nothing is turned (the common case). The result has the
    same length as ``text``: a permutation, with turned letters read as their
    ordinary selves where one ASCII letter stands for another (upside-down
    "u" is "n").
    """
    edits: list[tuple[int, int, dict, dict]] = []
    taken = []
    for m in _OVERRIDE.finditer(text):
        body = m.group()[1:]
        arabic = sum(1 for c in body if is_arabic_script(c) and c.isalpha())
        latin = sum(1 for c in body if c.isalpha()) - arabic
        # An override shows its span the other way round only for letters of
        # the other direction: Latin under RLO, Arabic under LRO.
        if (m.group()[0] == _RLO and latin >= arabic) or (m.group()[0] == _LRO and arabic > latin):
            edits.append((m.start() + 1, m.end(), {}, {}))
            taken.append((m.start(), m.end()))
    pos = 0
    for line in text.split("\n"):
        runs = []
        for table, ascii_table, neutral, evidence in (
            (UPSIDE_DOWN, UPSIDE_DOWN_ASCII, _UPSIDE_DOWN_NEUTRAL, _UPSIDE_DOWN_EVIDENCE),
            (MIRRORED, MIRRORED_ASCII, _MIRROR_NEUTRAL, _MIRROR_EVIDENCE),
        ):
            if not evidence.isdisjoint(line):
                for start, end in _flip_runs(line, pos, table, ascii_table, neutral, evidence):
                    runs.append((start, end, table, ascii_table))
        # Upside-down and mirror writing share letters (ʞ, ɔ): the longer
        # reading of a stretch wins.
        for start, end, table, ascii_table in sorted(runs, key=lambda r: r[0] - r[1]):
            if not any(s < end and start < e for s, e in taken):
                edits.append((start, end, table, ascii_table))
                taken.append((start, end))
        pos += len(line) + 1
    if not edits:
        return None
    chars = list(text)
    order = list(range(len(text)))
    for start, end, table, ascii_table in edits:
        segment = range(end - 1, start - 1, -1)
        order[start:end] = segment
        chars[start:end] = [
            table.get(text[k]) or ascii_table.get(text[k], text[k]) for k in segment
        ]
    order.append(len(text))
    return "".join(chars), order


# English function words spelled backwards: a cheap test that a line may be
# written backwards, before counting words both ways.
_BACKWARDS_HINTS = ("uoy", "eht ", " dna ", " rof ", " ot ", " fo ")
_BACKWARDS = re.compile(r"\b(?:uoy|eht|era|dna|siht|taht|ruoy|saw|erew|tahw|lla|yeht|evah)\b")
_WORD = re.compile(r"[a-z']+")


def turn_round_plain(text: str, omap: list[int] | None) -> tuple[str, list[int]] | None:
    """Lines of English written backwards ("toidi na era uoy"), read forwards."""
    # Substring tests first: far cheaper than a regex on every comment.
    if not any(hint in text for hint in _BACKWARDS_HINTS) or _BACKWARDS.search(text) is None:
        return None
    from .language import function_words

    english = function_words("en")
    edits = []
    pos = 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        forwards = sum(1 for w in words if w in english)
        backwards = sum(1 for w in words if w[::-1] in english)
        if len(words) >= 3 and backwards >= 2 and backwards > 2 * forwards:
            edits.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not edits:
        return None
    omap = list(range(len(text) + 1)) if omap is None else omap
    chars = list(text)
    order = list(range(len(text)))
    for start, end in edits:
        order[start:end] = range(end - 1, start - 1, -1)
        chars[start:end] = text[start:end][::-1]
    return "".join(chars), [omap[k] for k in order] + [omap[-1]]
