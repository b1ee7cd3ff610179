"""Unicode disguises: every family read as the word, with evidence on what the
reader wrote; ordinary text in our five languages left as it was."""

from __future__ import annotations

import csv
import json
import os
import random
import unicodedata
from pathlib import Path

import pytest

from civility.moderation import get_engine
from civility.moderation.lookalikes import SOURCE, is_arabic_script
from civility.moderation.normalise import normalise, text_identity

DATA = Path(
    os.environ.get("CIVILITY_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
LOOKALIKES = Path(__file__).resolve().parents[2] / "src/civility/moderation/lookalikes.json"

# (family, disguised "idiot" as a reader would type it)
FAMILIES = [
    ("small capitals", "ɪᴅɪᴏᴛ"),
    ("upside down", "ʇoıpı"),
    ("mirrored", "ƚoibi"),
    ("parenthesized", "⒤⒟⒤⒪⒯"),
    ("circled", "ⓘⓓⓘⓞⓣ"),
    ("circled capitals", "ⒾⒹⒾⓄⓉ"),
    ("squared", "🄸🄳🄸🄾🅃"),
    ("negative squared", "🅸🅳🅸🅾🆃"),
    ("negative circled", "🅘🅓🅘🅞🅣"),
    ("regional indicators", "🇮🇩🇮🇴🇹"),
    ("regional indicators, zero-width spaces", "🇮\u200b🇩\u200b🇮\u200b🇴\u200b🇹"),
    ("mathematical bold", "𝐢𝐝𝐢𝐨𝐭"),
    ("mathematical script", "𝒾𝒹𝒾ℴ𝓉"),
    ("mathematical fraktur", "𝔦𝔡𝔦𝔬𝔱"),
    ("mathematical double-struck", "𝕚𝕕𝕚𝕠𝕥"),
    ("mathematical monospace", "𝚒𝚍𝚒𝚘𝚝"),
    ("mathematical sans-serif bold italic", "𝙞𝙙𝙞𝙤𝙩"),
    ("fullwidth", "ｉｄｉｏｔ"),
    ("Cyrillic", "іdіоt"),
    ("Greek", "ιdιοt"),
    ("Armenian and Lisu", "ꓲdꓲօt"),
    ("Cherokee capitals", "ᎥᎠᎥᎾᎢ"),
    ("Hangul filler", "i\u3164d\u3164i\u3164o\u3164t"),
    ("Hangul choseong filler", "id\u115fiot"),
    ("halfwidth Hangul filler", "idi\uffa0ot"),
    ("Braille blank", "i\u2800d\u2800i\u2800o\u2800t"),
    ("Braille blank once", "id\u2800iot"),
    ("line separator", "id\u2028iot"),
    ("paragraph separator", "idi\u2029ot"),
    ("variation selectors", "i\ufe0fd\ufe0fi\ufe0fo\ufe0ft"),
    ("tag characters", "id\U000e0041\U000e0042iot"),
    ("word joiner", "id\u2060iot"),
    ("Mongolian vowel separator", "id\u180eiot"),
    ("combining grapheme joiner", "id\u034fiot"),
    ("emoji inside", "id🤡iot"),
    ("emoji between every letter", "i🤡d🤡i🤡o🤡t"),
    ("skin-tone emoji", "idi👍🏽ot"),
    ("symbol inside", "idi★ot"),
    ("bang", "!d!0t"),
    ("bar", "|d|ot"),
    ("leet", "1d10t"),
    ("right-to-left override", "\u202etoidi\u202c"),
    ("Zalgo", "i\u0336d\u0336i\u0336o\u0336t\u0336"),
    ("stretched", "idiooooot"),
    ("dashes", "i‐d‐i‐o‐t"),
    ("mixed families", "ɪ𝐝ⓘ0ｔ"),
    ("mixed families with filler", "ɪ\u3164𝐝🤡ⓘ0ｔ"),
]


@pytest.mark.parametrize(("family", "disguised"), FAMILIES, ids=[f for f, _ in FAMILIES])
def test_family_reads_as_the_word_with_evidence_on_the_disguise(family, disguised) -> None:
    text = f"You are an {disguised} today"
    norm = normalise(text)
    assert norm.text == "you are an idiot today"
    start = norm.text.index("idiot")
    s, e = norm.original_span(start, start + 5)
    written = text.index(disguised)
    # The evidence covers the disguised word: its letters, not its neighbours.
    assert written <= s and e <= written + len(disguised)
    visible = [c for c in disguised if unicodedata.category(c)[0] in "LNSP"]
    assert text[s:e].count(visible[0]) + text[s:e].count(visible[-1]) >= 1
    assert "today" not in text[s:e] and "an" not in text[s:e].split()


@pytest.mark.parametrize(("family", "disguised"), FAMILIES, ids=[f for f, _ in FAMILIES])
def test_family_is_rejected_by_the_engine_with_evidence(family, disguised) -> None:
    text = f"You are an {disguised}"
    verdict = get_engine().moderate(text)
    plain = get_engine().moderate("You are an idiot")
    assert verdict.decision == plain.decision
    spans = [span for reason in verdict.reasons for span in reason.evidence]
    written = text.index(disguised)
    assert any(written <= s < e <= written + len(disguised) for s, e in spans), spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole comments turned round
        ("ʇoıpı uɐ ǝɹɐ noʎ", "you are an idiot"),
        ("toidi na era uoy", "you are an idiot"),
        ("\u202etoidi na era uoy\u202c", "you are an idiot"),
        ("Hello ʇoıpı", "hello idiot"),
        ("dn ʇnɥs", "shut up"),
        # Arabic written backwards under a left-to-right override
        ("\u202dبلك\u202c", "كلب"),
        # flags next to a word spelled in flag letters
        ("🇰🇮🇸🇸 🇲🇾 🇦🇸🇸", "kiss my ass"),
        ("you🇮🇩🇮🇴🇹", "you idiot"),
        # a symbol in place of a letter
        ("sh💩t", "sh*t"),
        # leet with ! and | for i and l, and short words in a leet comment
        ("ki11 y0urse1f", "kill yourself"),
        ("ki|| yourself", "kill yourself"),
        ("g0 t0 h3ll", "go to hell"),
        ("s0n 0f 4 bi7ch", "son of a bitch"),
        ("@ss", "ass"),
        ("feminaz!", "feminazi"),
        ("sh!1l", "shill"),
        # Arabic letters that look Latin, inside a Latin word
        ("idiهt", "idiot"),
        # Arabic insults with emoji, tatweel and harakat
        ("كل🤡ب", "كلب"),
        ("كـــلـب", "كلب"),
        ("كَلْب", "كلب"),
    ],
)
def test_attacks(text, expected) -> None:
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # punctuation, numbers, mentions and money stay what they are
        ("Hi! Wow!! Really?!", "hi! wow!! really?!"),
        ("that!!everything", "that!!everything"),
        ("increases|ghg", "increases|ghg"),
        (
            "$5 $100k $2bn 2016 covid19 g20 mp3 10am 3m 100k",
            "$5 $100k $2bn 2016 covid19 g20 mp3 10am 3m 100k",
        ),
        ("@user me@mail.com", "@user me@mail.com"),
        ("g0 to the shop", "g0 to the shop"),
        # flags stay flags; an emoji between two words keeps them apart
        ("I love 🇹🇷🇹🇷 and 🇮🇶", "i love 🇹🇷🇹🇷 and 🇮🇶"),
        ("Kurdistan🇮🇶", "kurdistan🇮🇶"),
        ("you🤡idiot", "you🤡idiot"),
        # a line break that is a line break
        ("end of it\u2028Next line", "end of it\nnext line"),
        # Arabic: the article on an English word, a date, a list
        ("الmake up", "الmake up"),
        ("18ابريل 29|رمضان", "18ابريل 29|رمضان"),
        # Sorani: an ordinal is a number, its letters stay Sorani
        ("لە 5ی نیسان", "لە 5ي نيسان"),
        ("ڕۆژی ماڵ ئێوارە ئەو هەموو", "ڕۆژي ماڵ ئێوارە ئەو هەموو"),
        # Turkish and Kurmanji lose their marks, as the lexicons do
        ("İstanbul IŞIK ılık şğçöü", "istanbul isik ilik sgcou"),
        ("Ez ê biçim malê û tu jî", "ez e bicim male u tu ji"),
        # stretched words: the known word, else two letters
        ("coooool noooo fuuuuck", "cool no fuck"),
    ],
)
def test_ordinary_text(text, expected) -> None:
    assert normalise(text).text == expected


def test_turned_text_is_identified_as_it_reads() -> None:
    verdict = get_engine().moderate("ʇɹodǝɹ ǝɥʇ ɹoɟ noʎ ʞuɐɥʇ")
    assert verdict.lang == "en"
    assert normalise("ʇɹodǝɹ ǝɥʇ ɹoɟ noʎ ʞuɐɥʇ").reading == "thank you for the report"


def test_text_identity_sees_through_what_readers_add() -> None:
    """Issue 12: the same-text limit is bypassed by a zero-width space, a
    Cyrillic letter, a fullwidth letter or a trailing "!"."""
    plain = "Great article, thanks for writing it"
    same = [
        "Great art\u200bicle, thanks for writing it",
        "Great аrticle, thanks for writing it",  # Cyrillic а
        "Great ａrticle, thanks for writing it",  # fullwidth
        "Great article, thanks for writing it!",
        "GREAT ARTICLE!!! thanks for writing it...",
        "Great article , thanks for writing it 👍",
        "Great articleee, thanks for writing it",
    ]
    for text in same:
        assert text_identity(text) == text_identity(plain), text
    assert text_identity("Great article, thanks for reading it") != text_identity(plain)
    assert text_identity("") == ""


def test_lookalike_data_records_its_source_and_licence() -> None:
    data = json.loads(LOOKALIKES.read_text("utf-8"))
    assert data["source"]["unicode"] and data["source"]["icu"]
    assert "Unicode License" in data["licence"]
    assert SOURCE["built_by"] == "tools/make_lookalikes.py"
    # Confusables fold only what is not Arabic script: those letters are ours.
    assert not any(is_arabic_script(c) for c in data["confusables"])


def test_every_mathematical_letter_folds_to_ascii() -> None:
    for cp in range(0x1D400, 0x1D800):
        name = unicodedata.name(chr(cp), "")
        if (
            "MATHEMATICAL" in name
            and (" SMALL " in name or " CAPITAL " in name)
            and "LATIN" not in name
        ):
            if any(
                g in name
                for g in (
                    "ALPHA",
                    "BETA",
                    "GAMMA",
                    "DELTA",
                    "EPSILON",
                    "ZETA",
                    "ETA",
                    "THETA",
                    "IOTA",
                    "KAPPA",
                    "LAMDA",
                    "MU",
                    "NU",
                    "XI",
                    "OMICRON",
                    "PI",
                    "RHO",
                    "SIGMA",
                    "TAU",
                    "UPSILON",
                    "PHI",
                    "CHI",
                    "PSI",
                    "OMEGA",
                    "DOTLESS",
                    "NABLA",
                    "PARTIAL",
                )
            ):
                continue  # Greek letters and symbols
            letter = name.rsplit(" ", 1)[-1].lower()
            assert normalise(chr(cp)).text == letter, name


# --- real sentences -------------------------------------------------------------


def _lines(path: Path, n: int) -> list[str]:
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    return random.Random(str(path.name)).sample(lines, min(n, len(lines)))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found (set CIVILITY_DATA)")
    return path


def test_arabic_script_sentences_keep_their_letters() -> None:
    """No Arabic-script letter of real Sorani or Arabic text becomes Latin."""
    kurdish = _need(DATA / "kurdish_news_parallel_interdialect")
    texts = _lines(kurdish / "CKB-KMR_ckb_no_tag.txt", 400)
    osact = _need(DATA / "osact2020_arabic_offensive" / "OSACT2020-sharedTask-dev.txt")
    texts += [line.split("\t")[0] for line in _lines(osact, 400)]
    for text in texts:
        norm = normalise(text)
        for i, ch in enumerate(norm.text):
            source = text[norm.to_original[i]]
            if is_arabic_script(source) and source.isalpha():
                assert is_arabic_script(ch), (text, source, ch)


def test_latin_sentences_keep_their_letters() -> None:
    """Turkish and Kurmanji letters fold to their base letter, nothing else."""
    kurdish = _need(DATA / "kurdish_news_parallel_interdialect")
    texts = _lines(kurdish / "CKB-KMR_kmr_no_tag.txt", 400)
    path = _need(DATA / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv")
    with path.open(encoding="utf-8") as f:
        rows = [r[1] for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    texts += random.Random(0).sample(rows, 400)
    for text in texts:
        norm = normalise(text)
        for i, ch in enumerate(norm.text):
            source = text[norm.to_original[i]]
            if (
                source.isalpha()
                and source.isascii() is False
                and "LATIN" in unicodedata.name(source, "")
            ):
                base = unicodedata.normalize("NFKD", source)[0].lower().replace("ı", "i")
                assert ch == base or not ch.isalpha(), (text, source, ch)
