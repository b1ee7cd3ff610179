"""Arabic and Turkish forms an attack on 3 December found approved.

Veiled threats to the writer (where he lives, "your day will come", "you
won't write again", "write again and you'll see", "mind your family"),
groups dehumanised, and "the writer has no brain". The sentences here say
them in other words. Arabic and Turkish reject at a violation of 0.6
(default_policy.toml), so the rules that should only hold stay at 0.5.
"""

from __future__ import annotations

import pytest

from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules


def strongest(text: str, lang: str, category: str) -> float:
    hits = match_rules(normalise(text), lang)
    return max((h.strength for h in hits if h.category == category), default=0.0)


HELD_THREATS = [
    ("نعرف وين يسكن هذا الصحفي", "ar"),
    ("دير بالك على نفسك يا كاتب، الحوادث كثيرة هنا", "ar"),
    ("راح يجي يومك", "ar"),
    ("Ailene iyi dikkat et.", "tr"),
    ("Gece sokakta dikkatli ol muhabir.", "tr"),
]


@pytest.mark.parametrize(("text", "lang"), HELD_THREATS)
def test_veiled_threats_are_held_not_rejected_on_the_rule(text: str, lang: str) -> None:
    assert 0.45 <= strongest(text, lang, "threat") < 0.6


REJECTED_THREATS = [
    ("ما راح تنشر بعد اليوم", "ar"),
    ("Bir daha böyle yazarsanız görürsünüz.", "tr"),
]


@pytest.mark.parametrize(("text", "lang"), REJECTED_THREATS)
def test_silencing_threats_score_as_threats(text: str, lang: str) -> None:
    assert strongest(text, lang, "threat") >= 0.75


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("النازحين كلهم جرذان", "ar", "xenophobia"),
        ("العرب مجرد كلاب", "ar", "racism"),
        ("Mülteciler fare gibi çoğalıyor.", "tr", "xenophobia"),
    ],
)
def test_groups_dehumanised(text: str, lang: str, kind: str) -> None:
    assert strongest(text, lang, kind) >= 0.8


def test_the_writer_has_no_brain_is_held() -> None:
    assert strongest("Bu gazetecinin hiç beyni yok.", "tr", "personal_attack") == 0.5


CIVIL = [
    ("انتبه على نفسك يا صديقي وعد بالسلامة", "ar"),  # take care, my friend, come back safe
    ("نعرف أين يسكن النازحون في أربيل، في المخيمات", "ar"),  # we know where the displaced live
    ("سيأتي يوم السلام قريبا", "ar"),  # the day of peace will come soon
    ("اللاجئون بحاجة الى مساعدات", "ar"),  # the refugees need aid
    ("Yolda dikkatli yürüyün, buzlanma var.", "tr"),  # walk carefully, the roads are icy
    ("Suriyeliler Gaziantep'te çoğalıyor, nüfus artıyor.", "tr"),  # a census remark
]


@pytest.mark.parametrize(("text", "lang"), CIVIL)
def test_the_same_words_said_civilly(text: str, lang: str) -> None:
    hits = match_rules(normalise(text), lang)
    assert not [h for h in hits if h.strength >= 0.45], hits
