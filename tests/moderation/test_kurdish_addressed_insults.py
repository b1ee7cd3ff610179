"""Kurdish insults addressed to the reader in spellings the lexicons missed.

Sorani "تۆ درۆزنێکی" ("you are a liar": the indefinite -ێک, then the copula)
and Kurmanji "tu derewker î" (a spelling of "derewkar") were approved on 3
December. Not listed: Kurmanji "kerî" ("you are a donkey"), which folds to
the same letters as "kêrî" ("of use") and "kêrê" ("with a knife", in
reports of stabbings), and "derewîn" ("false"), which is what readers call
news they doubt: criticism of the publisher is welcome.
"""

from __future__ import annotations

import pytest

from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules


def attack(text: str, lang: str) -> float:
    hits = match_rules(normalise(text), lang)
    return max((h.strength for h in hits if h.category == "personal_attack"), default=0.0)


ADDRESSED = [
    ("تۆ خائینێکی", "ckb"),  # you are a traitor
    ("ترسنۆکێکیت", "ckb"),  # you are a coward
    ("tu derewker î", "kmr"),  # you are a liar
    ("hûn derewkerin", "kmr"),  # you (plural) are liars
]


@pytest.mark.parametrize(("text", "lang"), ADDRESSED)
def test_addressed_insults_are_held(text: str, lang: str) -> None:
    assert attack(text, lang) >= 0.6


ABOUT_NO_ONE = [
    ("کەرێکی زۆر لە گوندەکە هەیە", "ckb"),  # there are many donkeys in the village
    ("kerîyek pez li çiyê bû", "kmr"),  # a flock of sheep was on the mountain
    ("Polîsan got ku qurbanî bi kêrê hatiye birîndarkirin", "kmr"),  # stabbed with a knife
    ("ev nûçeyên derewîn in", "kmr"),  # this is false news
]


@pytest.mark.parametrize(("text", "lang"), ABOUT_NO_ONE)
def test_the_same_words_about_no_one_stay_faint(text: str, lang: str) -> None:
    assert attack(text, lang) < 0.5


def test_a_knife_and_false_news_are_no_insult_at_all() -> None:
    # Kurdish comments are held on a faint hit (policy's per-language limits),
    # so these must give none.
    for text, lang in ABOUT_NO_ONE[1:]:
        assert attack(text, lang) == 0.0
