"""Advertisements: what sells, in five languages, is rejected with the link or number as evidence.

promotion.py's ``promotion:selling`` mixes (an action, an offer, haste, a
price, a link, a phone number). Each test here began as an attack on the
rule; the fixture-wide figures are in tests/quality/test_promotion.py.
"""

from __future__ import annotations

import pytest

from civility.moderation import Article
from civility.moderation.engine import Engine
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules

SEED = Article(
    title="Russia defends military action in Aleppo region",
    body=(
        "ERBIL, Kurdistan Region - Russia defended military action it has taken against armed "
        "groups in the contested Syrian city of Aleppo. The Kremlin is once again backing the "
        "Syrian military in the north of the country, which has led to fears that the ceasefire "
        "could collapse and bring the Geneva peace negotiations down with it."
    ),
    lang="en",
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def promotion(text: str, lang: str = "en") -> float:
    miss = 1.0
    for hit in match_rules(normalise(text), lang):
        if hit.category == "promotion":
            miss *= 1.0 - hit.strength
    return 1.0 - miss


def rejected_for_promotion(engine: Engine, text: str, **kwargs) -> tuple[bool, list[str]]:
    verdict = engine.moderate(text, **kwargs)
    top = verdict.reasons[0] if verdict.reasons else None
    evidence = [text[s:e] for s, e in top.evidence] if top else []
    ok = str(verdict.decision) == "reject" and top is not None and top.clause_id == "promotion"
    return ok, evidence


def test_the_issue_advertisement_is_rejected_with_its_link_even_under_the_article(engine):
    text = (
        "Cheap flights to Erbil this week only! Book now at www.cheap-erbil-flights.com "
        "and get 30% off."
    )
    for article in (None, SEED):
        ok, evidence = rejected_for_promotion(engine, text, article=article, lang="en")
        assert ok, article
        assert "www.cheap-erbil-flights.com" in evidence


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        # Arabic-Indic digits (Sorani keyboards): the number is found and shown as written.
        (
            "بۆ کڕینی خانوو لە ئیسکان پەیوەندی بکەن بە ژمارە ٠٧٥٠ ١٢٣ ٤٥٦٧",
            "ckb",
            "٠٧٥٠ ١٢٣ ٤٥٦٧",
        ),
        # Extended (Persian) digits.
        ("هەنگوینی سروشتی، کیلۆی بە ٢٥ هەزار دینار. واتساپ ۰۷۵۱۵۵۵۶۶۷۷", "ckb", "۰۷۵۱۵۵۵۶۶۷۷"),
        # A number spaced digit by digit to dodge filters.
        ("Turkish Airlines tickets at agency prices. Call 0 7 5 0 1 2 3 4 5 6 7", "en", None),
        # Turkish grouping 4-3-2-2.
        ("Satılık Toyota, fiyat 42.000 dolar. Tel: 0532 444 55 66", "tr", "0532 444 55 66"),
        ("اطلب الآن والتوصيل مجاني، اتصل على ٠٧٧٠ ٥٥٥ ١٢٣٤", "ar", "٠٧٧٠ ٥٥٥ ١٢٣٤"),
        ("Niha siparîş bidin, gihandin belaş e. Telefon: 0770 555 1234", "kmr", "0770 555 1234"),
    ],
)
def test_phone_advertisements_are_rejected_with_the_number(engine, text, lang, number):
    ok, evidence = rejected_for_promotion(engine, text, lang=lang)
    assert ok, (text, evidence)
    if number is not None:
        assert number in evidence


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cheap flights to Erbil this week only! Call us today and get 30% off your ticket.", "en"),
        ("عرض خاص: اشترِ واحدة واحصل على الثانية مجاناً حتى الجمعة. اطلب الآن!", "ar"),
        ("Özel fırsat: tüm parfümlerde bir alana bir bedava! Hemen sipariş verin!", "tr"),
        ("ئۆفەری تایبەت: یەک بکڕە و یەکی تر بەخۆڕایی وەربگرە تا هەینی. ئێستا داوا بکە!", "ckb"),
    ],
)
def test_an_advertisement_without_a_link_or_number_is_rejected(engine, text, lang):
    ok, _ = rejected_for_promotion(engine, text, lang=lang)
    assert ok, text


@pytest.mark.parametrize(
    "text",
    [
        # Prices, counts and sources: how news comments talk.
        "Oil prices fell to $40 a barrel this week; the budget cannot survive that.",
        "Flights to Erbil now cost $600 from Europe; nobody can afford to visit their families.",
        "There are no cheap flights to Erbil anymore since the airport was closed.",
        "I call on the government to publish the oil contracts: https://www.hrw.org/news/2016",
        "Only 39% of voters agreed, see http://www.statcan.gc.ca/daily-quotidien/160420",
        "Petrol costs 900 dinars a litre now; last year it was 450.",
        "لتر البنزين بـ 900 دينار الآن، وفي العام الماضي كان بـ 450.",
        "نرخی بەرمیلێک نەوت ئەم هەفتەیە دابەزی بۆ ٤٠ دۆلار.",
        "Benzinin litresi şimdi 900 dinar, geçen yıl 450'ydi. https://www.aa.com.tr/tr/dunya",
        "@Gary Mason - the car you purchased is fine. Call me old-fashioned, but $2,000 is a lot.",
    ],
)
def test_civil_comments_with_prices_and_links_are_not_held_for_promotion(text):
    assert promotion(text) < 0.6


def test_a_link_with_one_selling_word_is_held_not_rejected(engine):
    # A source link beside "discount" is how an economy comment looks, and
    # also how a lazy advertisement does: a moderator decides.
    text = "Turkey sells electricity at a discount while it bombs villages. www.rudaw.net/english"
    verdict = engine.moderate(text, lang="en")
    assert str(verdict.decision) != "reject"


def test_a_source_link_in_a_relevant_comment_is_approved(engine):
    text = (
        "Russia keeps bombing Aleppo while the ceasefire collapses; the full report is here: "
        "https://www.hrw.org/news/2016/04/20/syria-attacks-hospitals"
    )
    verdict = engine.moderate(text, article=SEED, lang="en")
    assert str(verdict.decision) == "approve", verdict.reasons


def test_the_parts_of_an_advertisement_must_stand_together():
    # "call us" in one paragraph and "discount" far below it is a long
    # comment, not an advertisement.
    filler = " The committee debated the budget for hours and nothing was decided." * 4
    far = "They call us naive." + filler + " The discount rate is still 2%."
    near = "Call us for a discount of 20%."
    assert promotion(far) < 0.6
    assert promotion(near) >= 0.95


def test_a_complaint_quoting_book_now_beside_a_government_link_is_not_an_advertisement(engine):
    # Attack that found the rule rejecting a civil complaint: the action words
    # are quoted, and the link is a ministry's, which no seller uses.
    text = "The passport office says book now online, but www.moi.gov.krd has been down a week."
    verdict = engine.moderate(text, lang="en")
    assert str(verdict.decision) != "reject"
    assert verdict.scores["promotion"] < 0.6


def test_a_phone_number_to_call_without_anything_sold_is_held_not_rejected(engine):
    # A hotline and a seller's number read the same without an offer or an
    # action: a moderator decides.
    text = "Hotline for displaced families: 0750 123 4567, call if you need help."
    verdict = engine.moderate(text, lang="en")
    assert str(verdict.decision) == "review"
    assert any(r.clause_id == "promotion" for r in verdict.reasons)
    ok, _ = rejected_for_promotion(
        engine, "Best hotel in Erbil, WhatsApp me 0750 123 4567", lang="en"
    )
    assert ok


@pytest.mark.parametrize(
    ("spelled", "written"),
    [
        (
            "Buy cheap followers at best-smm dot com, 50% off today",
            "Buy cheap followers at best-smm.com, 50% off today",
        ),
        (
            "Cheap iphones at phonedeals [dot] shop, order now",
            "Cheap iphones at phonedeals.shop, order now",
        ),
        (
            "Cheap iphones at phonedeals[.]shop, order now",
            "Cheap iphones at phonedeals.shop, order now",
        ),
        (
            "Book now at cheap-erbil-flights (dot) co (dot) uk",
            "Book now at cheap-erbil-flights.co.uk",
        ),
        (
            "Sell your gold at goldbuyers d0t iq best price",
            "Sell your gold at goldbuyers.iq best price",
        ),
        (
            "Need a loan? Contact Mr. Ahmed on quickloans at gmail dot com",
            "Need a loan? Contact Mr. Ahmed on quickloans@gmail.com",
        ),
        (
            "Fast loans, no credit check: quickloans (at) yahoo (dot) com",
            "Fast loans, no credit check: quickloans@yahoo.com",
        ),
        (
            "Fiyatlar %30 indirimli, hemen sipariş verin: ucuzsaat dot com",
            "Fiyatlar %30 indirimli, hemen sipariş verin: ucuzsaat.com",
        ),
        ("اطلب الآن بخصم 30% من best-offers [dot] iq", "اطلب الآن بخصم 30% من best-offers.iq"),
    ],
)
def test_an_address_spelled_out_to_dodge_the_filter_counts_as_the_written_one(
    engine, spelled, written
):
    # "dot", "(dot)", "[.]", "at": the written address behind them is read,
    # so the advertisement gets what its written twin gets, never less.
    spelled_verdict = engine.moderate(spelled)
    written_verdict = engine.moderate(written)
    assert str(spelled_verdict.decision) == str(written_verdict.decision) != "approve"
    assert spelled_verdict.scores["promotion"] == pytest.approx(
        written_verdict.scores["promotion"], abs=0.01
    )


def test_a_spelled_out_address_is_the_evidence_as_the_reader_wrote_it(engine):
    text = "Buy cheap followers at best-smm dot com, 50% off today"
    ok, evidence = rejected_for_promotion(engine, text, lang="en")
    assert ok
    assert "best-smm dot com" in evidence


@pytest.mark.parametrize(
    "text",
    [
        "I was at home, dot the i's",
        "the dot com bubble burst in 2000",
        "Meet me at the gym",
        "He works at Google",
        "the site was down at noon",
        "It was a mistake . UK voters agree",
        "Bunu çöpe at, gmail hesabını da kapat.",
    ],
)
def test_dot_and_at_in_sentences_are_not_addresses(text):
    assert promotion(text) == 0.0


def test_a_verb_before_at_is_no_mailbox():
    # "looked at" is the sentence's: the site is a link, as "yahoo.com" would be.
    found = match_rules(normalise("I looked at yahoo dot com yesterday"), "en")
    assert [h.rule for h in found if h.category == "promotion"] == ["link"]


def test_a_news_site_spelled_out_weighs_as_its_link_does(engine):
    # Naming the source is how news comments talk: one link, never a hold.
    for spelled, written in [
        ("Rudaw dot com reported this first", "rudaw.com reported this first"),
        ("ئەمە لە rudaw dot net بڵاوکرایەوە", "ئەمە لە rudaw.net بڵاوکرایەوە"),
        (
            "Email the editor at letters (at) rudaw (dot) net",
            "Email the editor at letters@rudaw.net",
        ),
    ]:
        assert promotion(spelled) == pytest.approx(promotion(written))
        assert promotion(spelled) < 0.6
    verdict = engine.moderate("Rudaw dot com reported this first", lang="en")
    assert str(verdict.decision) == "approve"
