"""Language identification: examples per language, hints, and the shared data."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from civility.moderation.language import identify_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said the budget would be published next week.", "en"),
        ("I think the article is fair, but it should mention the PKK.", "en"),
        ("Hükümet bütçeyi gelecek hafta açıklayacağını söyledi.", "tr"),
        ("bu haber cok guzel ama biraz eksik olmus", "tr"),  # Turkish typed without ı ğ ş
        ("@USER Allah razı olsun, çok teşekkürler", "tr"),
        ("Wezîr got ku budce dê hefteya bê were weşandin.", "kmr"),
        ("Ez ji vê nûçeyê gelek kêfxweş bûm, spas ji bo we.", "kmr"),
        ("وەزیر وتی بودجە هەفتەی داهاتوو بڵاو دەکرێتەوە.", "ckb"),
        ("ئەم هەواڵە زۆر باش بوو، سوپاس بۆ ڕووداو", "ckb"),
        ("قال الوزير إن الميزانية ستنشر الأسبوع المقبل.", "ar"),
        ("والله الخبر ده مش صح خالص", "ar"),  # Egyptian dialect
        ("RT @USER: يا بلادي يا أم البلاد #Egypt URL", "ar"),  # tweet furniture
    ],
)
def test_identifies_language(text: str, lang: str) -> None:
    assert identify_language(text) == lang


def test_sorani_in_old_spelling_with_zwnj() -> None:
    # ه + ZWNJ for ە, Arabic ك and ى: how many Sorani writers still type.
    assert identify_language("سه\u200cرۆكى حكوومه\u200cتى هه\u200cرێمى كوردستان") == "ckb"


@pytest.mark.parametrize("hint", ["en", "ar", "ckb", "kmr", "tr"])
def test_short_text_falls_back_to_hint(hint: str) -> None:
    # In the hint's own script only: "ok" on an Arabic page is not Arabic,
    # and the Arabic model would read none of it (test_unread_languages.py).
    short = "ok" if hint in ("en", "kmr", "tr") else "ههه"
    assert identify_language(short, hint) == hint
    assert identify_language("👍👍", hint) == hint


def test_no_evidence_and_no_hint_is_undetermined() -> None:
    assert identify_language("👍👍") == "und"
    assert identify_language("") == "und"
    assert identify_language("12345") == "und"


def test_plain_ascii_with_an_english_word_is_english() -> None:
    assert identify_language("the end") == "en"


def test_unknown_hint_is_ignored() -> None:
    assert identify_language("👍", "fr") == "und"


def test_hint_wins_a_near_tie_but_not_clear_evidence() -> None:
    text = "Ew ji me re got"  # short Kurmanji
    assert identify_language(text, "kmr") == "kmr"
    assert identify_language("The minister said the budget would be published.", "tr") == "en"


# --- the shared data sets ---------------------------------------------------------------

_NOISE = re.compile(r"@USER|\bURL\b|\bRT\b|@\w+|https?://\S+")
_WORD = re.compile(r"[^\W\d_]+")


def _sample(lines: list[str], every: int) -> list[str]:
    return [t for t in lines[::every] if len(_WORD.findall(_NOISE.sub(" ", t))) >= 3]


def _texts(data: Path) -> list[tuple[str, str]]:
    """Every third sentence or tweet of each set (enough for the figure, fast)."""
    kurdish = data / "kurdish_news_parallel_interdialect"
    out: list[tuple[str, str]] = []
    for name, lang in (
        ("CKB-KMR_ckb_no_tag.txt", "ckb"),
        ("CKB-KMR_kmr_no_tag.txt", "kmr"),
        ("KMR-ENG.ENG_no_tag.txt", "en"),
        ("CKB-ENG.ENG_no_tag.txt", "en"),
    ):
        lines = (kurdish / name).read_text("utf-8").splitlines()
        out += [(t, lang) for t in _sample(lines, 3)]
    with open(data / "olid" / "olid-training-v1.0.tsv", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        out += [(t, "en") for t in _sample([r[1] for r in rows], 3)]
    lines = (data / "osact2020_arabic_offensive" / "OSACT2020-sharedTask-dev.txt").read_text(
        "utf-8"
    )
    out += [(t, "ar") for t in _sample([line.split("\t")[0] for line in lines.splitlines()], 1)]
    with open(
        data / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv", encoding="utf-8"
    ) as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        out += [(t, "tr") for t in _sample([r[1] for r in rows], 3)]
    return out


def test_accuracy_on_shared_data(data_dir: Path) -> None:
    texts = _texts(data_dir)
    per_lang: dict[str, list[bool]] = {}
    for text, lang in texts:
        per_lang.setdefault(lang, []).append(identify_language(text) == lang)
    overall = sum(sum(v) for v in per_lang.values()) / len(texts)
    assert overall >= 0.98, overall
    for lang, results in per_lang.items():
        assert sum(results) / len(results) >= 0.97, (lang, sum(results) / len(results))
