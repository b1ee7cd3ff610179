"""Load the per-language lexicons (the JSON files beside this module).

A lexicon file holds groups of words and groups of patterns; README.md here
documents the file format and the evidence each group rests on. Every word is
passed through ``normalise`` when it is loaded, so an entry is spelled the way
the matcher sees the reader's text (no accents, one Arabic alef, Turkish ı as
i...). Loading expands each entry into every form the matcher may meet, so
matching is a set lookup per word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..categories import CATEGORIES, LANGUAGES
from ..normalise import normalise

__all__ = [
    "EXTRA_LEXICONS",
    "Entry",
    "Lexicon",
    "Pattern",
    "dedup",
    "load_lexicon",
    "stretched_forms",
]

_DOUBLES = re.compile(r"([^\W\d_])\1+")


def dedup(word: str) -> str:
    """Doubled letters made single: the form stretched spellings are matched in."""
    return _DOUBLES.sub(r"\1", word)


@dataclass(frozen=True)
class Entry:
    """One lexicon word as the matcher meets it."""

    base: str  # the entry as written in the file (normalised), for the rule id
    # Its words; a multi-word entry is filed under its longest word (the
    # rarest, usually: "for sale" under "sale"), at position ``key``.
    tokens: tuple[str, ...]
    key: int
    categories: tuple[tuple[str, float], ...]
    # Strengths when the word is aimed at the reader ("you idiot"); None when
    # the group does not distinguish.
    addressed: tuple[tuple[str, float], ...] | None
    # The form itself says "you" (Turkish "aptalsın" = "you are stupid").
    self_addressed: bool = False


@dataclass(frozen=True)
class Pattern:
    id: str
    categories: tuple[tuple[str, float], ...]
    triggers: frozenset[str]  # words of which one must occur for the regex to run
    regex: re.Pattern[str]


def stretched_forms(word: str) -> set[str]:
    """``word`` with one letter doubled, or two for short words ("fuuck").

    Normalisation leaves at most two of a letter in a row, so these are all
    the stretched spellings of a word that matter; a set lookup then finds
    them. Built from the form with doubles made single, so "asss" is found
    from "ass" too, but that form itself is not included: "bobs" must not
    match "boobs".
    """
    base = dedup(word)
    if len(base) < 4:
        # Short stems ("ass" -> "as", "butt" -> "but") would catch ordinary
        # words spelled with one letter stretched; keep them out.
        return set()
    positions = [i for i, c in enumerate(base) if c.isalpha()]
    out = set()
    for i in positions:
        once = base[: i + 1] + base[i:]
        out.add(once)
        if len(base) <= 7:
            for j in positions:
                if j > i:
                    out.add(once[: j + 2] + once[j + 1 :])
    out.discard(base)
    return out


@dataclass(frozen=True)
class Lexicon:
    lang: str
    words: dict[str, tuple[Entry, ...]]  # word -> entries filed under it
    by_length: dict[int, tuple[str, ...]]  # single words by length, for "f*ck"
    # A single word with "a", "i" or "u" glued on either side: what joining
    # "a f u c k i" gives (see rules.py).
    letter_glued: frozenset[str]
    patterns: tuple[Pattern, ...]
    pattern_triggers: frozenset[str]
    addressee_before: re.Pattern[str] | None
    addressee_after: re.Pattern[str] | None
    counter_speech_before: re.Pattern[str] | None
    counter_speech_after: re.Pattern[str] | None
    # "You are not dumb": an insult under negation is not aimed at anyone.
    negation_before: re.Pattern[str] | None = None
    negation_after: re.Pattern[str] | None = None  # Turkish "aptal değilsin"


def _norm(text: str) -> str:
    return normalise(text).text


def _categories(spec: dict[str, float], where: str) -> tuple[tuple[str, float], ...]:
    for name, strength in spec.items():
        if name not in CATEGORIES:
            raise ValueError(f"{where}: unknown category {name!r}")
        if not 0.0 <= float(strength) <= 1.0:
            raise ValueError(f"{where}: strength {strength!r} outside [0, 1]")
    return tuple((name, float(strength)) for name, strength in spec.items())


def _forms(word: str, affixes: dict) -> list[tuple[str, bool]]:
    """Expand one file entry into (form, self_addressed) pairs.

    ``word+`` takes the language's suffixes (and prefixes, where the language
    attaches them: Arabic "ال", "و"...); a plain word is taken as written.
    """
    addressed = tuple(affixes.get("addressed_suffixes", ()))
    if not word.endswith("+"):
        # A form written out in full may itself say "you": Kurmanji "kero"
        # ("you donkey"), Turkish "aptalsın" ("you are stupid").
        return [
            (
                word,
                bool(addressed)
                and any(word.endswith(s) and len(word) > len(s) + 2 for s in addressed),
            )
        ]
    stem = word[:-1]
    head, _, last = stem.rpartition(" ")
    head = f"{head} " if head else ""
    suffixes = [""] + list(affixes.get("suffixes", ())) + sorted(addressed)
    prefixes = [""] + list(affixes.get("prefixes", ()))
    out = []
    for prefix in prefixes:
        for suffix in suffixes:
            out.append((f"{head}{prefix}{last}{suffix}", bool(suffix) and suffix in addressed))
    return out


# Words too common to file a phrase under: a comment containing one would
# always leave the fast path.
_COMMON = frozenset(
    "a an the to of in on at up off out go get and or is are be do no not so it "
    "i me my we us you u your yours yourself him her them his their this that "
    "for from with all what who now here there where back".split()
)


def _key_index(
    tokens: tuple[str, ...], singles: set[str], common: frozenset[str], frequent: frozenset[str]
) -> int:
    """Which word of a phrase to file it under.

    A comment containing the key word leaves the fast path, so the key should
    be rare: a word that is an entry on its own ("fuck" in "fuck you"), else a
    word that is neither a function word nor listed as frequent, else the
    longest.
    """

    def rank(i: int) -> tuple[bool, int, int]:
        word = tokens[i]
        tier = 0 if word in common else 1 if word in frequent else 2
        return word in singles, tier, len(word)

    return max(range(len(tokens)), key=rank)


def _compile(regex: str | None) -> re.Pattern[str] | None:
    return re.compile(regex) if regex else None


# Lexicons that are not a language: Kurdish and Arabic typed in Latin
# letters ("qahba", "kos omak"), which rules.py runs wherever Latin letters
# may carry them.
EXTRA_LEXICONS = ("translit",)


def _fold(regex: str) -> str:
    """A pattern's non-ASCII letters spelled as normalise() spells them (ی as
    ي, ک as ك, ê as e...), so patterns are written as readers spell words."""
    return "".join(ch if ch.isascii() else _norm(ch) for ch in regex)


@cache
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang`` (one of LANGUAGES, or EXTRA_LEXICONS), loaded once per process."""
    if lang not in LANGUAGES and lang not in EXTRA_LEXICONS:
        raise ValueError(f"no lexicon for language {lang!r}")
    raw = json.loads(resources.files(__package__).joinpath(f"{lang}.json").read_text("utf-8"))
    affixes = raw.get("affixes", {})
    # Real words that happen to be a stretched spelling of an entry ("looser").
    not_stretched = {_norm(w) for w in raw.get("not_stretched", ())}
    stretch_inflections = bool(raw.get("stretch_inflections", False))
    words: dict[str, list[Entry]] = {}
    stretched: dict[str, list[Entry]] = {}
    written: set[str] = set()  # single words as written (and inflected, in English)
    # Frequent words of the language, which phrases are not filed under.
    from ..language import function_words  # noqa: PLC0415 - avoids an import cycle at load

    common = _COMMON | {_norm(w) for w in function_words(lang)}
    frequent = frozenset(_norm(w) for w in raw.get("frequent_words", ()))
    singles = {
        _norm(w.rstrip("+")) for g in raw["groups"] for w in g["words"] if " " not in w.strip()
    }
    for group in raw["groups"]:
        where = f"{lang}.json group {group['id']}"
        cats = _categories(group["categories"], where)
        addressed = _categories(group["addressed"], where) if "addressed" in group else None
        for word in group["words"]:
            for form, self_addressed in _forms(word, affixes):
                tokens = tuple(_norm(form).split())
                if not tokens:
                    raise ValueError(f"{where}: empty entry {word!r}")
                key = _key_index(tokens, singles, common, frequent)
                entry = Entry(
                    base=_norm(word.rstrip("+")).replace(" ", "_"),
                    tokens=tokens,
                    key=key,
                    categories=cats,
                    addressed=addressed,
                    self_addressed=self_addressed,
                )
                words.setdefault(tokens[key], []).append(entry)
                if len(tokens) == 1 and (stretch_inflections or form == word.rstrip("+")):
                    if len(tokens[0]) >= 4:
                        written.add(tokens[0])
                    for variant in stretched_forms(tokens[0]) - not_stretched:
                        stretched.setdefault(variant, []).append(entry)
    for variant, entries in stretched.items():
        if variant not in words:
            words[variant] = entries
    # One-letter words of the language that joining spaced letters can sweep
    # into a word ("a", "i", "u"; Kurmanji "û"); none for Arabic script.
    glue = ("", *(_norm(letter) for letter in raw.get("one_letter_words", ())))
    letter_glued = frozenset(
        f"{before}{key}{after}"
        for key in written
        for before in glue
        for after in glue
        if before or after
    )
    frozen = {k: tuple(v) for k, v in words.items()}
    by_length: dict[int, list[str]] = {}
    for key, entries in frozen.items():
        if any(len(e.tokens) == 1 for e in entries):
            by_length.setdefault(len(key), []).append(key)
    patterns = []
    vocab = raw.get("vocab", {})
    for p in raw.get("patterns", ()):
        where = f"{lang}.json pattern {p['id']}"
        triggers = frozenset(t for w in p["triggers"] for t in _norm(w).split())
        if not triggers:
            raise ValueError(f"{where}: a pattern needs trigger words")
        regex = p["regex"]
        for name, alternatives in vocab.items():
            # "{name}" in a regex stands for the vocabulary list of that name.
            regex = regex.replace("{" + name + "}", alternatives)
        patterns.append(
            Pattern(
                p["id"], _categories(p["categories"], where), triggers, re.compile(_fold(regex))
            )
        )
    context = raw.get("context", {})
    return Lexicon(
        lang=lang,
        words=frozen,
        by_length={k: tuple(v) for k, v in by_length.items()},
        letter_glued=letter_glued,
        patterns=tuple(patterns),
        pattern_triggers=frozenset(t for p in patterns for t in p.triggers),
        addressee_before=_compile(context.get("addressee_before")),
        addressee_after=_compile(context.get("addressee_after")),
        counter_speech_before=_compile(context.get("counter_speech_before")),
        counter_speech_after=_compile(context.get("counter_speech_after")),
        negation_before=_compile(context.get("negation_before")),
        negation_after=_compile(context.get("negation_after")),
    )
