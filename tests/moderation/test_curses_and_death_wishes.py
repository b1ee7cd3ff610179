"""Curses and death wishes in Arabic, Turkish, Sorani and Kurmanji.

An attack found them approved: "I hope you burn in hell", "may God cut you
off", "may you get cancer", "geberesin" (may you croak), "Allah cezanı
versin" (may God punish you), "خوا لەناوت بەرێت" (may God destroy you),
"Xwedê mirinê bide te" (may God give you death), and veiled threats that
need no violent word ("you won't live long", "your end is near", "you will
pay for this article"). Death, illness and hell wished on the reader reject
in Arabic and Turkish (0.85); curses that wish punishment, "go to hell" and
the veiled threats hold (0.5: Arabic and Turkish reject at a violation of
0.6). Every Kurdish rule hit holds. The sentences here are not the ones the
attack used; the civil twins share their words: blessings, condolences,
prayers for the injured, "hell" said of the weather.
"""

from __future__ import annotations

import pytest

from civility.moderation import get_engine
from civility.moderation.context import Article
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules

ARTICLE = Article(
    title="Kurdish forces advance near Mosul",
    body="Peshmerga forces advanced on villages near Mosul on Tuesday, officials in Erbil said.",
    lang="en",
)


def threat_strength(text: str, lang: str) -> float:
    hits = match_rules(normalise(text), lang)
    return max((h.strength for h in hits if h.category == "threat"), default=0.0)


def decision(text: str, lang: str) -> str:
    return get_engine().moderate(text, article=ARTICLE, lang=lang).decision.value


# Death, illness and hell wished on the reader: rejected.
REJECTED = [
    ("أتمنّى أن تحترقَ في نار جهنم يا كاتب", "ar"),  # I hope you burn in hellfire, writer
    ("نتمنى ان تتعذب في جهنم", "ar"),  # we hope you are tormented in hell
    ("الله ياخذ عمرك يا صحفي", "ar"),  # may God take your life, journalist
    ("الله يقطعكم يا كتّاب الزور", "ar"),  # may God cut you off, writers of lies
    ("الله يعميك ويخسف بك الارض", "ar"),  # may God blind you and swallow you up
    ("عساكم بالسرطان كلكم", "ar"),  # may you all get cancer
    ("ان شاء الله تجيك جلطة", "ar"),  # God willing you get a stroke
    ("الله يشل لسانك", "ar"),  # may God paralyse your tongue
    ("Geberesice gazeteci", "tr"),  # croak, journalist
    ("Gebermelisin hain", "tr"),  # you should croak, traitor
    ("İnşallah acı çekerek ölürsün", "tr"),  # God willing you die in pain
    ("Cehennemin dibinde yanasın", "tr"),  # may you burn at the bottom of hell
    ("Allah sizi kahretsin", "tr"),  # may God destroy you all
    ("Ölümünü görelim inşallah", "tr"),  # may we see your death
]


@pytest.mark.parametrize(("text", "lang"), REJECTED)
def test_death_and_hell_wished_on_the_reader_are_rejected(text: str, lang: str) -> None:
    assert threat_strength(text, lang) >= 0.85
    assert decision(text, lang) == "reject"


# Curses short of death, "go to hell", veiled threats (Arabic and Turkish):
# a threat hit that holds on its own and never rejects without the model.
HELD_ON_THE_RULE = [
    ("الله لا يوفقكم يا صحفيين", "ar"),  # may God not grant you success, journalists
    ("حسبنا الله فيك يا كاتب", "ar"),  # God suffices us against you, writer
    ("انقلع الى الجحيم", "ar"),  # clear off to hell
    ("مصيركم النار يا صحفيين", "ar"),  # your fate is hellfire, journalists
    ("ستدفعون الثمن يا صحفيين", "ar"),  # you will pay the price, journalists
    ("لن تعيش طويلا بعد مقالك", "ar"),  # you won't live long after your article
    ("نهايتكم قربت", "ar"),  # your end has come near
    ("انتظروا ما سيحدث لكم", "ar"),  # wait for what will happen to you
    ("Allah cezanızı versin", "tr"),  # may God punish you
    ("Allah kalemini kurutsun", "tr"),  # may God wither your pen
    ("Ellerin kurusun yazar", "tr"),  # may your hands wither, writer
    ("Kahrolasınız", "tr"),  # may you be damned
    ("Cehenneme gidesin", "tr"),  # may you go to hell
    ("Bu yazının hesabını vereceksin", "tr"),  # you will answer for this article
    ("Fazla yaşamayacaksınız", "tr"),  # you won't live much longer
    ("Sonunuz yaklaştı", "tr"),  # your end is approaching
]


@pytest.mark.parametrize(("text", "lang"), HELD_ON_THE_RULE)
def test_curses_and_veiled_threats_hold_on_the_rule(text: str, lang: str) -> None:
    assert 0.45 <= threat_strength(text, lang) < 0.6


@pytest.mark.parametrize(("text", "lang"), HELD_ON_THE_RULE)
def test_curses_and_veiled_threats_are_not_published(text: str, lang: str) -> None:
    assert decision(text, lang) != "approve"


# Kurdish: any rule hit holds (the "clearly_civil" mode).
KURDISH = [
    ("خوا لەناوتان ببات", "ckb"),  # may God destroy you all
    ("خوا جوانەمەرگتان بکات", "ckb"),  # may God make you die young
    ("ئینشاڵڵا کۆرۆنا بتگرێت", "ckb"),  # God willing you catch corona
    ("لەعنەتی خوات لێ بێت", "ckb"),  # God's curse be upon you
    ("بڕۆ بۆ جەهەنەم", "ckb"),  # go to hell
    ("لە جەهەنەمدا بسووتێیت ئەی نووسەر", "ckb"),  # may you burn in hell, writer
    ("خوا لێتان خۆش نەبێت", "ckb"),  # may God not forgive you
    ("خوا قەڵەمت بشکێنێت", "ckb"),  # may God break your pen
    ("بمری ئیشەڵڵا", "ckb"),  # die, God willing
    ("کۆتاییتان نزیکە", "ckb"),  # your end is near
    ("زۆر ناژیت ڕۆژنامەنووس", "ckb"),  # you won't live long, journalist
    ("Xwedê we tune bike", "kmr"),  # may God wipe you out
    ("Xwedê kula te bide", "kmr"),  # may God give you grief
    ("Xwedê zimanê te bibire", "kmr"),  # may God cut your tongue
    ("Here dojehê!", "kmr"),  # go to hell
    ("Hêvîdarim tu bimirî", "kmr"),  # I hope you die
    ("Tu bimirî, nivîskar!", "kmr"),  # die, writer
    ("Xwedê nifir li we bike", "kmr"),  # may God curse you
    ("Dawiya we nêzîk e", "kmr"),  # your end is near
    ("Hun dirêj najîn", "kmr"),  # you won't live long
]


@pytest.mark.parametrize(("text", "lang"), KURDISH)
def test_kurdish_curses_and_death_wishes_are_held(text: str, lang: str) -> None:
    assert threat_strength(text, lang) >= 0.5
    assert decision(text, lang) != "approve"


# The same words said civilly: blessings, condolences, prayers for the
# injured, news of a death, hell as a figure of speech. Each is approved by
# the engine, and no threat rule touches it.
CIVIL_APPROVED = [
    ("الله يرحمها ويغفر لها", "ar"),  # God have mercy on her and forgive her
    ("رحم الله شهداء حلبجة", "ar"),  # God have mercy on the martyrs of Halabja
    ("الله يحمي كردستان وأهلها", "ar"),  # God protect Kurdistan and its people
    ("نسأل الله الشفاء العاجل للمصابين", "ar"),  # we pray for a quick recovery for the injured
    ("البقاء لله، عظم الله أجركم", "ar"),  # condolences
    ("الله يعطيك العافية على التقرير", "ar"),  # God give you strength, thanks for the report
    ("الله يسلم ايديك يا استاذ", "ar"),  # bless your hands, sir (praise)
    ("الصيف في بغداد جهنم لا تطاق", "ar"),  # summer in Baghdad is an unbearable hell
    ("عساك على القوة يا أخي", "ar"),  # may you be strong, brother
    ("توفي والده بعد معاناة طويلة مع المرض", "ar"),  # his father died after a long illness
    ("الحكومة لن تعيش طويلا بهذه الطريقة", "ar"),  # the government won't last long this way
    ("Allah rahmet eylesin, ailesine sabır diliyorum", "tr"),  # God rest him; patience to kin
    ("Allah yaralılara acil şifa versin", "tr"),  # God heal the injured quickly
    ("Mekânı cennet olsun", "tr"),  # may his abode be paradise
    ("Bu sıcak cehennem gibi", "tr"),  # this heat is like hell
    ("Gazeteci uzun süredir kanserle mücadele ediyordu", "tr"),  # he had long fought cancer
    ("Kahrolsun savaş, yaşasın barış", "tr"),  # down with war, long live peace
    ("خوا لێی خۆش بێت و بەهەشت جێگای بێت", "ckb"),  # God forgive him, may heaven be his place
    ("سەرەخۆشی لە کەسوکاری شەهیدان دەکەین", "ckb"),  # our condolences to the martyrs' families
    ("خوا بریندارەکان چاک بکاتەوە", "ckb"),  # God heal the injured
    ("خوا کوردستان بپارێزێ", "ckb"),  # God protect Kurdistan
    ("گەرمای هاوین لە بەغدا وەک دۆزەخ وایە", "ckb"),  # summer heat in Baghdad is like hell
    ("دوای نەخۆشییەکی درێژ کۆچی دوایی کرد", "ckb"),  # he passed away after a long illness
    ("Xwedê rehma xwe lê bike", "kmr"),  # God have mercy on him
    ("Xwedê birîndaran zû sax bike", "kmr"),  # God heal the injured soon
    ("Germa havînê wek dojehê ye", "kmr"),  # summer heat is like hell
    ("Heke tu bimirî, zarokên te dê çi bikin?", "kmr"),  # if you die, what will your children do?
]


@pytest.mark.parametrize(("text", "lang"), CIVIL_APPROVED)
def test_blessings_condolences_and_figurative_hell_are_approved(text: str, lang: str) -> None:
    assert threat_strength(text, lang) == 0.0
    assert decision(text, lang) == "approve"


# Civil twins the model alone already holds (so only the rules are checked):
# "God take you by the hand" (help you), "God suffices us" over a massacre,
# "we made it, you will too", the marchers' "we will avenge you", "those
# who attacked will pay for it", "bless your hand", "condolences" (Kurmanji).
CIVIL_NO_RULE = [
    ("الله ياخذ بيدك ويوفقك", "ar"),
    ("حسبي الله ونعم الوكيل على ما حدث في حلبجة", "ar"),
    ("Biz başardık, sen de olursun inşallah", "tr"),
    ("Namaz kılmazsan cehennemde yanarsın diyen vaizler", "tr"),
    ("تۆڵەتان دەکەینەوە ئەی شەهیدان", "ckb"),
    ("ئەوانەی هێرشیان کردە سەر هەولێر باجەکەی دەدەن", "ckb"),
    ("Xwedê destê te xweş bike", "kmr"),
    ("Serê we sax be", "kmr"),
    ("Berî ku tu bimirî, Hewlêrê bibîne", "kmr"),
]


@pytest.mark.parametrize(("text", "lang"), CIVIL_NO_RULE)
def test_the_same_words_said_civilly_fire_no_threat_rule(text: str, lang: str) -> None:
    assert threat_strength(text, lang) == 0.0
