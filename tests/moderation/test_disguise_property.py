"""Disguised, a word keeps its verdict.

Every entry of every lexicon (lexicons/*.json), disguised by every family of
civility.training.disguise that fits its script, is moderated by the whole
engine: the verdict may get stricter (a disguise is itself a signal), never
more lenient. Hypothesis (derandomized, so CI is deterministic) then mixes
families on insulting dev comments and on civil ones. Known gaps, kept out
of the exhaustive check and listed in docs/normalisation-and-rules.md, are
named in ``_KNOWN_GAPS``.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civility.moderation import Context, get_engine
from civility.moderation.innocent import innocent_words
from civility.training.disguise import WHOLE_COMMENT, disguise_comment
from civility.training.disguise_eval import families_for

LEXICONS = Path(__file__).resolve().parents[2] / "src/civility/moderation/lexicons"
DATA = Path(
    os.environ.get("CIVILITY_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
STRICTNESS = {"approve": 0, "review": 1, "reject": 2}


def _entries() -> list[tuple[str, str]]:
    out = []
    for lang in ("en", "tr", "kmr", "ar", "ckb"):
        raw = json.loads((LEXICONS / f"{lang}.json").read_text("utf-8"))
        for group in raw["groups"]:
            out += [(lang, word.rstrip("+")) for word in group["words"]]
    return sorted(set(out))


def _known_gap(lang: str, word: str, family: str, disguised: str) -> bool:
    """Disguises the normaliser cannot read back, on purpose or for now."""
    letters = [w for w in word.split() if w]
    if family == "regional" and any(len(w) <= 2 for w in letters):
        return True  # two flag letters are a flag ("🇲🇾" is Malaysia, not "my")
    if family == "leet" and any(len(w) <= 2 for w in letters):
        return True  # "m3", "@" alone: numbers and signs more often than words
    if family in ("upside_down", "mirrored") and word.isascii():
        # Words made only of letters that read the same turned round
        # ("boob" mirrored is "dood") carry no evidence of it.
        return not any(c in disguised for c in "ɐɔǝɟƃɥᴉɾʞɯɹʇʌʍʎɒɘᖷǫʜꞁᴎɿꙅƚʏƹ")
    if family == "upside_down" and "ı" in word:
        return True  # an upside-down i is written ı: Turkish ı is lost there
    if family == "mixed" and any(len(w) <= 2 for w in letters):
        return True  # as leet: "🅖0" for "go"
    if family in ("homoglyphs", "mixed") and lang == "kmr" and "ı" in disguised:
        return True  # ı for i makes a Kurmanji word Turkish
    if family == "stretched" and lang in ("ar", "ckb"):
        return True  # Arabic script doubles letters in its words: two stay two
    return family == "stretched" and " " in word  # "offfff": "of" or "off"?


def _moderate(texts: list[str]) -> list[str]:
    engine = get_engine()
    out: list[str] = []
    for i in range(0, len(texts), 512):
        out += [
            str(v.decision)
            for v in engine.moderate_batch([Context(text=t) for t in texts[i : i + 512]])
        ]
    return out


def test_every_lexicon_entry_disguised_is_judged_no_more_leniently() -> None:
    cases = []
    for lang, word in _entries():
        script = "ar" if lang in ("ar", "ckb") else lang
        for family in families_for(script):
            if family == "backwards":
                continue  # whole lines only: one word backwards is not recognised
            disguised = disguise_comment(
                word, [(0, len(word))], family, random.Random(f"{word}:{family}")
            )
            if not _known_gap(lang, word, family, disguised):
                cases.append((word, family, disguised))
    words = sorted({w for w, _, _ in cases})
    plain = dict(zip(words, _moderate(words), strict=True))
    got = _moderate([d for _, _, d in cases])
    lenient = [
        (w, f, d, plain[w], g)
        for (w, f, d), g in zip(cases, got, strict=True)
        if STRICTNESS[g] < STRICTNESS[plain[w]]
    ]
    published = [case for case in lenient if case[-1] == "approve"]
    assert len(cases) > 30000
    # Never published once disguised when it is not published as written;
    # held rather than rejected (the language read differently) in a few.
    assert not published, f"{len(published)} published once disguised: {published[:10]}"
    assert len(lenient) <= len(cases) // 1000, lenient[:10]


def test_innocent_words_disguised_stay_innocent() -> None:
    """The Scunthorpe list, disguised, is not rejected either."""
    words = sorted(innocent_words())
    cases = [
        disguise_comment(w, [(0, len(w))], family, random.Random(f"{w}:{family}"))
        for w in words
        for family in families_for("en")
        if family not in WHOLE_COMMENT
    ]
    got = _moderate(cases)
    rejected = [c for c, g in zip(cases, got, strict=True) if g == "reject"]
    assert not rejected, rejected[:10]


def _dev_rows(kind: str, n: int) -> list[tuple[str, str]]:
    from civility.training.disguise_eval import civil_rows, harmful_rows

    if not DATA.exists():
        pytest.skip(f"{DATA} not found (set CIVILITY_DATA)")
    return (harmful_rows if kind == "harmful" else civil_rows)(DATA, n)


_HARMFUL: list = []
_CIVIL: list = []


def _rows(kind: str) -> list:
    cache = _HARMFUL if kind == "harmful" else _CIVIL
    if not cache:
        rows = _dev_rows(kind, 120)
        cache.extend(zip(rows, _moderate([t for t, _ in rows]), strict=True))
    return cache


_SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(st.data())
def test_insulting_dev_comments_disguised_are_not_published(data) -> None:
    (text, lang), plain = data.draw(st.sampled_from(_rows("harmful")))
    family = data.draw(st.sampled_from(families_for(lang)))
    seed = data.draw(st.integers(0, 10**6))
    engine = get_engine()
    evidence = [s for r in engine.moderate(text).reasons for s in r.evidence]
    if not evidence:
        evidence = [(0, len(text))]
    disguised = disguise_comment(text, evidence, family, random.Random(seed))
    got = str(engine.moderate(disguised).decision)
    if plain != "approve" and family not in ("stretched", "spaced", "regional", "leet", "mirrored"):
        # Families whose reading of words the lexicons do not know may differ
        # (a stretched or spaced ordinary word) are measured, not bounded
        # row by row: bench/disguise_quality.py and tests/quality.
        assert got != "approve", (text, disguised)


@_SETTINGS
@given(st.data())
def test_civil_dev_comments_disguised_are_not_rejected(data) -> None:
    (text, lang), plain = data.draw(st.sampled_from(_rows("civil")))
    family = data.draw(st.sampled_from(families_for(lang)))
    seed = data.draw(st.integers(0, 10**6))
    rng = random.Random(seed)
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"[^\W\d_]{4,}", text)]
    spans = sorted(rng.sample(words, min(2, len(words))))
    if not spans and family not in WHOLE_COMMENT:
        return
    disguised = disguise_comment(text, spans, family, rng)
    if plain != "reject":
        assert str(get_engine().moderate(disguised).decision) != "reject", (text, disguised)
