"""Comments in a language the engine does not read are held, never published.

The engine moderates English, Arabic, Turkish, Sorani and Kurmanji. Before,
a comment in another script (Russian, Greek, Hebrew, Chinese...) had no
Arabic or Latin letter and took the article's language as a hint; a
Spanish or German one had too little evidence for ours and took the hint
too. Either way the English model read it, found none of its words, scored
it low, and the comment was approved: an insult or a threat in Russian was
published. The language step now says "und" for both (language.py), and
the shipped policy holds "und" for a person.

The sentences here are not the ones the change was tried with.
"""

from __future__ import annotations

import pytest

from civility.moderation import get_engine
from civility.moderation.context import Article
from civility.moderation.language import identify, identify_language
from civility.moderation.verdict import Decision

ARTICLE = Article(
    title="Peshmerga retake villages south of Mosul",
    body="Kurdish forces retook three villages south of Mosul, officials in Erbil said.",
    lang="en",
)

OTHER_SCRIPTS = [
    "Журналист, ты продажный дурак.",  # Russian: journalist, you are a bought fool
    "Мы найдём тебя, автор.",  # Russian: we will find you, author
    "Ο δημοσιογράφος είναι ηλίθιος.",  # Greek: the journalist is an idiot
    "הכתב הזה טיפש",  # Hebrew: this reporter is stupid
    "这个记者是白痴",  # Chinese: this reporter is an idiot
    "Ты тупой. Nice article though.",  # Russian insult beside English
    "Լրագրողը հիմար է",  # Armenian: the journalist is stupid
    "पत्रकार मूर्ख है",  # Hindi: the journalist is a fool
]

# Persian and Urdu share the Arabic script with Arabic and Sorani.
UNREAD_ARABIC_SCRIPT = [
    "این روزنامه نگار واقعا نادان است",  # Persian: this journalist is truly ignorant
    "شما هیچ چیزی نمی دانید، برای همین دروغ می گویید",  # Persian: you know nothing, so you lie
    "یہ صحافی بہت بڑا جھوٹا ہے",  # Urdu: this journalist is a big liar
]

UNREAD_LATIN = [
    "El periodista es un imbécil y todos lo saben.",  # Spanish
    "Questo giornalista non capisce niente, che vergogna.",  # Italian
    "Ce journaliste est un menteur et nous savons qui il est.",  # French
    "Der Autor ist ein Lügner und wir wissen, wo er wohnt.",  # German
    "Esse jornalista é um mentiroso e todos sabem disso.",  # Portuguese
    "Deze journalist is een leugenaar en dat weet iedereen.",  # Dutch
]


@pytest.mark.parametrize("text", OTHER_SCRIPTS + UNREAD_ARABIC_SCRIPT + UNREAD_LATIN)
def test_a_language_we_do_not_read_is_undetermined_whatever_the_hint(text: str) -> None:
    for hint in (None, "en", "ar", "tr", "kmr", "ckb"):
        assert identify(text, hint) == ("und", 0.0), hint


@pytest.mark.parametrize("text", OTHER_SCRIPTS + UNREAD_ARABIC_SCRIPT + UNREAD_LATIN)
def test_the_engine_holds_a_comment_it_cannot_read(text: str) -> None:
    verdict = get_engine().moderate(text, article=ARTICLE, lang="en")
    assert verdict.lang == "und"
    assert verdict.decision is Decision.REVIEW


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Look-alike letters of other scripts inside English words are a
        # disguise, read by normalisation, not another language.
        ("Yоu аrе а liar, rеporter", "en"),  # Cyrillic о а е
        ("Great report ¯\\_(ツ)_/¯ thanks for the update", "en"),  # one katakana letter
        ("The area is π times the radius squared, the article got it right", "en"),
        # Words our languages share with the unread ones stay ours.
        ("Para yok, iş yok, bu hükümet ne yapıyor?", "tr"),
        ("Tu li ku derê yî? Ez ji Hewlêrê me.", "kmr"),
        ("Bu da en güzel haber oldu, teşekkürler", "tr"),
        ("The minister will die on this hill, as the article says.", "en"),
        ("Thank you Rudaw for the report from Mosul and Erbil.", "en"),
        ("هذا الخبر مهم جدا، شكرا لكم", "ar"),
        ("سوپاس بۆ ئەم هەواڵە گرنگە", "ckb"),
    ],
)
def test_our_languages_stay_ours(text: str, lang: str) -> None:
    assert identify_language(text, "en") == lang


def test_a_civil_comment_in_our_languages_is_still_approved() -> None:
    verdict = get_engine().moderate(
        "Thank you for the clear report on the villages near Mosul.", article=ARTICLE, lang="en"
    )
    assert verdict.lang == "en"
    assert verdict.decision is Decision.APPROVE


def test_a_disguised_english_insult_is_still_read_as_english() -> None:
    # All-Cyrillic look-alikes: normalisation reads "you are an idiot".
    verdict = get_engine().moderate("уоu аrе аn іdіоt", article=ARTICLE, lang="en")
    assert verdict.lang == "en"
    assert verdict.decision is Decision.REJECT


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("مرگ بر شما", "en"),  # Persian, short: "death to you"
        ("kes nabi", "ar"),  # Latin letters on an Arabic page, no evidence either way
        ("خوێڕی", "en"),  # one Sorani word
    ],
)
def test_the_hint_counts_only_in_its_own_script(text: str, hint: str) -> None:
    # Too short to tell: the article's language is taken only if the comment
    # is written in that language's script; otherwise nobody can read it.
    assert identify_language(text, hint) != hint


def test_a_byte_order_mark_is_no_arabic_letter() -> None:
    # Pasted comments often end with U+FEFF; it made a smiley "Arabic script".
    assert identify_language(":)\ufeff", "en") == "en"
    assert identify_language("Great piece on Kirkuk, thank you\ufeff") == "en"
