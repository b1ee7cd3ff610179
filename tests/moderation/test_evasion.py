"""evasion.undid_disguise: whether normalisation had to undo a disguise.

The policy holds a disguised comment unless every score is low
(policy_rule.py), so the signal must fire on every disguise family the
normaliser undoes and stay quiet on ordinary writing: accents, the letters
of the languages we read, stretched words, emoji between words, hashtags and
codes that the leet step happens to rewrite.
"""

from __future__ import annotations

import random

import pytest

from civility.moderation.evasion import undid_disguise
from civility.moderation.normalise import normalise
from civility.training.disguise import LATIN_FAMILIES, WHOLE_COMMENT, disguise_comment


def disguised(text: str) -> bool:
    return undid_disguise(text, normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "You are an ɪᴅɪᴏᴛ.",  # small capitals
        "You are an іdiot.",  # a Cyrillic і
        "You are an id🤡iot.",  # an emoji inside a word
        "You are an !d!0t.",  # leet
        "You are an i d i o t.",  # spaced out
        "You are an i.d.i.o.t",
        "⒤⒟⒤⒪⒯",  # parenthesized letters
        "you are an i\u2800d\u2800i\u2800o\u2800t",  # Braille blanks
        "ʇoıpı uɐ ǝɹɐ noʎ",  # upside down
        "toidi na era uoy",  # backwards
        "𝐲𝐨𝐮 𝐚𝐫𝐞 𝐚𝐧 𝐢𝐝𝐢𝐨𝐭",  # mathematical bold
    ],
)
def test_disguises_are_marked(text):
    assert disguised(text)


@pytest.mark.parametrize(
    "text",
    [
        "You are an idiot.",
        "Thanks for the article 👍 great read!",
        "Soooo good, thank you. Nooooo, yessss, cooool.",
        "Café in Erbil, naïve reporting, Straße.",
        "Türkiye'de gazeteciler ağır baskı altında, sıkıntı büyük.",
        "الصحفيون يـتعرضون للتهديد كل يوم",  # tatweel is Arabic writing
        "ڕۆژنامەنووسان دەیانەوێ‌ت",  # the ZWNJ is Sorani spelling
        "#WWG1WGA and 4chan and 3days and the G20 in 2016",
        "He said—yes—that the U.S. would leave.",
        "Government™ policy, ©2016",
        "더보이즈 fans write in Korean",
    ],
)
def test_ordinary_writing_is_not_marked(text):
    assert not disguised(text)


@pytest.mark.parametrize("family", [*LATIN_FAMILIES, *WHOLE_COMMENT])
def test_every_family_of_the_generator_is_marked(family):
    # training/disguise.py picks its characters from Unicode names and its
    # own tables, not the normaliser's: the outside world's disguises.
    text = "You are a stupid idiot and a liar"
    spans = [(10, 16), (17, 22), (29, 33)]
    for seed in range(5):
        rng = random.Random(f"{family}:{seed}")
        assert disguised(disguise_comment(text, spans, family, rng)), family
