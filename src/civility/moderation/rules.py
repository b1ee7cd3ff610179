"""Rules: lexicon words, threat and hate patterns, links and contact details.

``match_rules`` reads the normalised text (normalise.py) and returns Hits
whose offsets point into the reader's ORIGINAL text. A hit's strength is the
probability that this hit alone breaches its category; the engine combines
hits with the models' scores (noisy-OR), so strengths are set with the
policy's thresholds in mind (review at 0.5, reject at 0.9 by default): a
mild word ("damn") stays well below review, one link alone below review,
"fuck" or a threat to kill at or above reject.

Words match whole words only, which is what lets "Scunthorpe", "assassin"
and "cocktail" through; inflections and stretched, masked ("f*ck") and
spaced ("f u c k") spellings are handled by the lexicon loader and here.
See docs/normalisation-and-rules.md.
"""

from __future__ import annotations

import re
from functools import cache

from .context import Hit, Normalised
from .lexicons import Entry, Lexicon, load_lexicon
from .promotion import promotion_hits
from .threats import REPORTED, THREAT_PREFIX, Words, is_threat_rule, threat_hits
from .threats import grammar as threat_grammar
from .threats import reported as reported_threat

__all__ = ["THREAT_PREFIX", "is_threat_rule", "lexicons_for", "match_rules", "threat_grammars_for"]

# Which lexicons run for a comment in each language. English swearing turns
# up in every language's comments. Lexicons that share a script are kept
# apart: after normalisation Turkish "göt" is Kurmanji "got" ("said"), and
# the Egyptian slur "خول" is the Sorani word for a course or a round.
# "translit" (Sorani and Arabic typed in Latin letters: "qahba", "kos omak")
# runs wherever a reader may type them, Turkish included: Arabizi such as
# "ya kalb ya ibn el kalb" is identified as Turkish by its "ya" (and its
# words, measured on OffensEval's 25,624 inoffensive Turkish tweets, hit
# none of them: bench/rules_quality.py).
_ROUTES = {
    "en": ("en", "translit"),
    "ar": ("ar", "en", "translit"),
    "ckb": ("ckb", "en", "translit"),
    "kmr": ("kmr", "en", "translit"),
    "tr": ("tr", "en", "translit"),
}
_UNDETERMINED_ROUTE = ("en", "ar", "ckb", "translit")


@cache
def lexicons_for(lang: str) -> tuple[Lexicon, ...]:
    return tuple(load_lexicon(code) for code in _ROUTES.get(lang, _UNDETERMINED_ROUTE))


# Which threat grammars run (threats/): all of them, the comment's language
# first. A threat is too serious to miss because language identification
# took a short Turkish comment on an English page for English; the grammars
# are constructions in their own languages' morphology ("öldüreceğim",
# "دەتکوژم"), not words that other languages share, and each runs only when
# its trigger words or stems occur. Measured on English, Arabic, Turkish and
# Kurdish civil sets: bench/threat_quality.py.
_THREAT_GRAMMARS = ("en", "ar", "ckb", "kmr", "tr", "translit")


@cache
def threat_grammars_for(lang: str) -> tuple[str, ...]:
    first = (lang,) if lang in _THREAT_GRAMMARS else ()
    return first + tuple(g for g in _THREAT_GRAMMARS if g != lang)


# Words: letters and digits, with "*" allowed inside a word ("f**k").
_TOKEN = re.compile(r"\w+(?:\*+\w+)*")
_SENTENCE_END = re.compile(r"[.!?\n]")
# A quoted or reported slur is weaker evidence than one used (HateCheck's
# counter-speech cases); the factor applies to every category but threat.
_COUNTER_SPEECH_FACTOR = 0.3
# Masked words need this many visible letters ("f**k": 2) to be matched.
_MASK_MIN_VISIBLE = 2


def match_rules(norm: Normalised, lang: str) -> tuple[Hit, ...]:
    """Every rule that fires on ``norm`` for a comment in ``lang``."""
    text = norm.text
    tokens = _TOKEN.findall(text)
    best: dict[tuple[str, int, int], tuple[float, str]] = {}
    for lexicon in lexicons_for(lang):
        for hit in _match_words(norm, tokens, lexicon):
            _keep(best, hit)
        if lexicon.patterns and not lexicon.pattern_triggers.isdisjoint(tokens):
            for hit in _match_patterns(norm, tokens, lexicon):
                _keep(best, hit)
    words = Words.of(text)
    for code in threat_grammars_for(lang):
        for hit in threat_hits(norm, code, words):
            _keep(best, hit)
    hits = _drop_contained(
        [Hit(cat, s, e, strength, rule) for (cat, s, e), (strength, rule) in best.items()]
    )
    hits = _first_promotion_words(hits)
    hits.extend(promotion_hits(norm, [h for h in hits if h.category == "promotion"]))
    hits.sort(key=lambda h: (h.start, h.end, h.category))
    return tuple(hits)


def _keep(best: dict, hit: Hit) -> None:
    """One hit per category and span: the strongest (lexicons can overlap)."""
    key = (hit.category, hit.start, hit.end)
    if key not in best or best[key][0] < hit.strength:
        best[key] = (hit.strength, hit.rule)


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """Drop a hit inside a stronger-or-equal one of the same category.

    "siktir" inside "siktir git" is one piece of evidence, not two: counted
    twice, the noisy-OR would make it stronger than it is.
    """
    if len(hits) < 2:
        return hits
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.category == h.category
            and o.start <= h.start
            and h.end <= o.end
            and (o.end - o.start) > (h.end - h.start)
            and o.strength >= h.strength
            for o in hits
        )
    ]


def _first_promotion_words(hits: list[Hit]) -> list[Hit]:
    """Keep one hit per promotion word: "vote" five times in a comment on an
    election is one faint word, not five pieces of evidence (noisy-OR would
    add them up). The first occurrence is the evidence."""
    hits.sort(key=lambda h: (h.start, h.end, h.category))
    seen: set[str] = set()
    out = []
    for hit in hits:
        if hit.category == "promotion":
            if hit.rule in seen:
                continue
            seen.add(hit.rule)
        out.append(hit)
    return out


# --- words ------------------------------------------------------------------------


def _match_words(norm: Normalised, tokens: list[str], lex: Lexicon):
    text = norm.text
    words = lex.words
    # Fast path: most comments contain no lexicon word at all. (Stretched
    # spellings are in ``words`` already: see lexicons.stretched_forms.)
    if words.keys().isdisjoint(tokens) and "*" not in text:
        if lex.letter_glued.isdisjoint(tokens):
            return
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(spans)
    for i, (tok, start, end) in enumerate(spans):
        found = False
        for entry in words.get(tok, ()):
            first = i - entry.key
            last = first + len(entry.tokens) - 1
            if len(entry.tokens) > 1:
                if first < 0 or last >= n:
                    continue
                if tuple(t for t, _, _ in spans[first : last + 1]) != entry.tokens:
                    continue
            found = True
            yield from _entry_hits(norm, lex, entry, spans[first][1], spans[last][2])
        if found:
            continue
        entries, skip_start, skip_end = _fallback(norm, tok, start, end, lex)
        for entry in entries:
            yield from _entry_hits(norm, lex, entry, start + skip_start, end - skip_end)


def _fallback(
    norm: Normalised, tok: str, start: int, end: int, lex: Lexicon
) -> tuple[tuple[Entry, ...], int, int]:
    """Entries for a word not in the lexicon as it stands, and how many of
    its letters at the start and at the end are not part of the match."""
    if "*" in tok:
        return _masked(tok, lex), 0, 0
    # "you are a f u c k i n g ..." joins to "afucking": when the word came
    # from spaced letters (the original is longer than the word), a one-letter
    # word ("a", "i", "u") on either side may have been swept in.
    if tok in lex.letter_glued:
        original_start, original_end = norm.original_span(start, end)
        if original_end - original_start > len(tok):
            for skip_start, skip_end in ((1, 0), (0, 1), (1, 1)):
                core = tok[skip_start : len(tok) - skip_end]
                entries = tuple(e for e in lex.words.get(core, ()) if len(e.tokens) == 1)
                if entries:
                    return entries, skip_start, skip_end
    return (), 0, 0


@cache
def _mask_regex(tok: str) -> re.Pattern[str]:
    return re.compile("".join("." if c == "*" else re.escape(c) for c in tok))


def _masked(tok: str, lex: Lexicon) -> tuple[Entry, ...]:
    visible = sum(c != "*" for c in tok)
    if visible < _MASK_MIN_VISIBLE or tok[0] == "*":
        return ()
    regex = _mask_regex(tok)
    for candidate in lex.by_length.get(len(tok), ()):
        if regex.fullmatch(candidate):
            return tuple(e for e in lex.words[candidate] if len(e.tokens) == 1)
    return ()


def _entry_hits(norm: Normalised, lex: Lexicon, entry: Entry, start: int, end: int):
    categories = entry.categories
    if entry.addressed is not None and (
        entry.self_addressed or _addressed(norm.text, start, end, lex)
    ):
        categories = entry.addressed
    factor = _COUNTER_SPEECH_FACTOR if _counter_speech(norm.text, start, end, lex) else 1.0
    ostart, oend = norm.original_span(start, end)
    for category, strength in categories:
        if category == "threat":
            if _reported_threat(norm.text, start, end, lex):
                strength = min(strength, REPORTED)
            rule = f"{THREAT_PREFIX}{lex.lang}:word:{entry.base}"
        else:
            strength *= factor
            rule = f"lexicon:{lex.lang}:{category}:{entry.base}"
        yield Hit(category, ostart, oend, round(strength, 4), rule)


def _reported_threat(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A threat word quoted or reported ("he shouted 'kys'"): held, never
    rejected on the word alone (threats/__init__.py)."""
    return reported_threat(text, start, end, threat_grammar(lex.lang))


def _window_before(text: str, start: int) -> str:
    """The text before ``start`` back to the sentence's beginning (60 chars at most)."""
    before = text[max(0, start - 60) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return before[ends[-1] :] if ends else before


def _window_after(text: str, end: int) -> str:
    after = text[end : end + 60]
    m = _SENTENCE_END.search(after)
    return after[: m.start()] if m else after


def _addressed(text: str, start: int, end: int, lex: Lexicon) -> bool:
    before = _window_before(text, start)
    after = _window_after(text, end)
    if lex.negation_before and lex.negation_before.search(before):
        return False
    if lex.negation_after and lex.negation_after.search(after):
        return False
    if lex.addressee_before and lex.addressee_before.search(before):
        return True
    return bool(lex.addressee_after and lex.addressee_after.search(after))


_OPEN_CLOSE = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"))


def _quoted(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : line_end if line_end >= 0 else len(text)]
    for open_, close in _OPEN_CLOSE:
        if open_ == close:
            if before.count(open_) % 2 == 1 and open_ in after:
                return True
        elif before.count(open_) > before.count(close) and close in after:
            return True
    return False


def _counter_speech(text: str, start: int, end: int, lex: Lexicon) -> bool:
    if _quoted(text, start, end):
        return True
    before = lex.counter_speech_before
    if before and before.search(_window_before(text, start)):
        return True
    after = lex.counter_speech_after
    return bool(after and after.search(_window_after(text, end)))


# --- patterns -----------------------------------------------------------------------


def _match_patterns(norm: Normalised, tokens: list[str], lex: Lexicon):
    text = norm.text
    for pattern in lex.patterns:
        if pattern.triggers and pattern.triggers.isdisjoint(tokens):
            continue
        for m in pattern.regex.finditer(text):
            ostart, oend = norm.original_span(*m.span())
            factor = 1.0
            if _counter_speech(text, m.start(), m.end(), lex):
                factor = _COUNTER_SPEECH_FACTOR
            for category, strength in pattern.categories:
                rule = f"pattern:{lex.lang}:{pattern.id}"
                if category == "threat":
                    # Group patterns that also threaten ("kill all X"): the
                    # threat hit carries the threat rule prefix.
                    rule = f"{THREAT_PREFIX}{lex.lang}:{pattern.id}"
                    if factor < 1.0:
                        strength = min(strength, REPORTED)
                else:
                    strength *= factor
                yield Hit(category, ostart, oend, round(strength, 4), rule)


# --- promotion ------------------------------------------------------------------------
# Links, contact details and how they add up with the lexicons' promotion
# words live in promotion.py.
