"""Promotion with no address, or an address that sells: the fourth round of attacks.

Classes the engine approved: an @handle introduced by its platform ("follow me
on twitch @x"), a pointer at the writer's bio ("link in my bio"), a private
message asked for with a purpose ("inbox me for rates"), a discount or
referral code, an earnings claim ("make $250 a day from home"), a second sign
next to self-promotion ("for daily memes", "on snapchat"), and a link whose
own name sells ("easyloans.net"), spelled out or written. Each was found by an
attack list (sentences other than these); each class has its civil twins
here, which the newsroom must publish.
"""

from __future__ import annotations

import pytest

from civility.moderation.engine import Engine
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules

REVIEW_AT, REJECT_AT = 0.6, 0.95


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def promotion(text: str, lang: str = "en") -> float:
    miss = 1.0
    for hit in match_rules(normalise(text), lang):
        if hit.category == "promotion":
            miss *= 1.0 - hit.strength
    return 1.0 - miss


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A handle with its platform, or after an ask to follow: a profile.
        ("Follow me on twitch @kurdgamer99, I stream every night", "en"),
        ("Find me on tiktok @duhok.cakes for orders", "en"),
        ("Instagram: @erbil_nails, appointments open", "en"),
        # A private message asked for, with a deal.
        ("PM me for 30% off any phone case", "en"),
        # A code with a deal.
        ("Promo code EID25 takes 25% off every order", "en"),
        ("Kupon kodu BAHAR25 ile tüm ürünlerde %25 indirim", "tr"),
        ("Koda BIHAR10 bikar bînin û 10% daxistin bistînin", "kmr"),
        # Money promised, with a way to ask.
        ("I earn 700 dollars a week online, inbox me to learn how", "en"),
        ("اكسب 200 دولار يوميا من البيت، راسلني للتفاصيل", "ar"),
        # A shop's own address, pointed at.
        ("Go to easyloans.net and get approved in an hour", "en"),
    ],
)
def test_promotion_with_a_deal_or_a_place_rejects(text, lang):
    assert promotion(text, lang) >= REJECT_AT, text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Self-promotion and a second sign: a promise of more, or the platform.
        ("Follow my channel for daily memes", "en"),
        ("Add me on snapchat, I post every day", "en"),
        ("اشتركوا في قناتي للمزيد من الفيديوهات", "ar"),
        # The bio, where the writer's links wait.
        ("Full video link in my bio", "en"),
        ("الرابط في البروفايل", "ar"),
        ("لینکەکە لە بایۆدایە", "ckb"),
        # A private message asked for, a code, money promised: nothing sold yet.
        ("Inbox me for wholesale rates", "en"),
        ("Özelden ulaşın, fiyat için", "tr"),
        ("Referral code BAZ77 gets new users a bonus", "en"),
        ("Make $250 a day from home with my system", "en"),
        ("Günde 300 lira kazanın, evden çalışın", "tr"),
        # A link whose name sells, with nothing else.
        ("Cheapest tickets to Istanbul: ucuzbilet.com", "en"),
    ],
)
def test_promotion_without_a_deal_is_held_at_least(text, lang):
    assert promotion(text, lang) >= REVIEW_AT, text


@pytest.mark.parametrize(
    "spelled",
    ["Need a loan? easyloans (dot) net", "Need a loan? easyloans [dot] net"],
)
def test_a_shop_address_spelled_out_weighs_as_written(engine, spelled):
    written = "Need a loan? easyloans.net"
    assert promotion(written) >= REVIEW_AT
    assert promotion(spelled) == pytest.approx(promotion(written), abs=0.01)
    assert str(engine.moderate(spelled, lang="en").decision) != "approve"
    assert str(engine.moderate(written, lang="en").decision) != "approve"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A newsletter, a platform, a channel that are not the writer's own.
        ("Subscribe to Rudaw's newsletter for more reporting like this", "en"),
        ("I follow the Kurdistan Region Government on Instagram for updates", "en"),
        ("Our channel of dialogue with Baghdad is closed", "en"),
        ("Kurdistan24's Instagram account @kurdistan24 reported the clashes first", "en"),
        ("The governor wrote on Twitter @DuhokGov that schools stay shut", "en"),
        # "visit", "dot com", "telegram", "code", money and numbers in the news.
        ("Visit Erbil citadel and the old bazaar before they are rebuilt", "en"),
        ("Visit www.rudaw.net for the whole interview", "en"),
        ("The dot com crash wiped out my father's savings", "en"),
        ("The minister's telegram to Baghdad demanded the salaries", "en"),
        ("The new penal code 2023 criminalises criticism of officials", "en"),
        ("Workers earn 15 dollars a day in the brick factories", "en"),
        ("Call 911 or 104 if you see an accident", "en"),
        ("The workshop.org report on the dam was ignored by everyone", "en"),
        ("He told people to DM him for help, then ignored them", "en"),
        ("Günde 20 dolar kazanan işçiler grevde", "tr"),
        ("العمال يكسبون 10 دولارات في اليوم", "ar"),
    ],
)
def test_civil_twins_stay_below_review(text, lang):
    assert promotion(text, lang) < REVIEW_AT, text


@pytest.mark.parametrize(
    "text",
    [
        "Subscribe to Rudaw's newsletter for more reporting like this",
        "I follow the Kurdistan Region Government on Instagram for updates",
        "Visit www.rudaw.net for the whole interview",
        "The minister's telegram to Baghdad demanded the salaries",
        "Kurdistan24's Instagram account @kurdistan24 reported the clashes first",
    ],
)
def test_civil_twins_are_not_held_for_promotion(engine, text):
    verdict = engine.moderate(text, lang="en")
    assert not any(r.clause_id == "promotion" for r in verdict.reasons), verdict.reasons
    assert str(verdict.decision) != "reject"


def test_a_ministry_number_in_a_complaint_is_not_promotion():
    # A phone number alone stays what it was (0.5): quoting an office's
    # number in a complaint is news talk, not an advertisement.
    text = "The Ministry of Health hotline, 0750 111 2233, was busy all day"
    assert promotion(text) < REVIEW_AT


def test_a_profile_is_the_evidence(engine):
    text = "Follow me on twitch @kurdgamer99, I stream every night"
    verdict = engine.moderate(text, lang="en")
    assert str(verdict.decision) == "reject"
    top = verdict.reasons[0]
    assert top.clause_id == "promotion"
    assert "@kurdgamer99" in [text[s:e] for s, e in top.evidence]
