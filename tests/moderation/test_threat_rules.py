"""Threat rules (moderation/threats/): constructions, not words.

Each case here was an attack on the rules before they were trusted: the same
threat said politely, without a violent word, in another script, negated,
reported; and civil sentences that use the same violent words.
"""

from __future__ import annotations

import pytest

from civility.moderation.categories import LANGUAGES
from civility.moderation.context import Hit
from civility.moderation.normalise import normalise
from civility.moderation.rules import THREAT_PREFIX, is_threat_rule, match_rules
from civility.moderation.threats import GRAMMARS, REPORTED, grammar


def threat(text: str, lang: str) -> float:
    hits = match_rules(normalise(text), lang)
    return max((h.strength for h in hits if h.category == "threat"), default=0.0)


def threat_hits(text: str, lang: str) -> list[Hit]:
    return [h for h in match_rules(normalise(text), lang) if h.category == "threat"]


# --- threats that reject (explicit, calls, wishes) -----------------------------------

REJECT = [
    ("Someone should put a bullet in him before he speaks again.", "en"),
    ("I will kill you", "en"),
    ("I swear to god I'm going to slit your throat.", "en"),
    ("If you write that again I will break your legs.", "en"),
    ("we're gonna burn your office down with you inside", "en"),
    ("I'll make sure you never write again", "en"),
    ("All journalists should be hanged.", "en"),
    ("Rudaw reporters must be executed", "en"),
    ("This reporter deserves a bullet in the head.", "en"),
    ("Kill all the journalists at Rudaw.", "en"),
    ("Go to Erbil and shoot that editor.", "en"),
    ("I hope someone shoots this liar", "en"),
    ("I can't wait for the day he is hanged", "en"),
    ("Both this bitch and ''judge'' need to be shot and killed.", "en"),
    ("Somebody should kick all of her damn teeth out.", "en"),
    ("I WILL FUCK YOU UP, YOU PANSY", "en"),
    ("Fuck you! I will go to your house and kill you with my gun!", "en"),
    ("سأقتلك يا كلب", "ar"),
    ("والله لأقتلنك", "ar"),
    ("راح اذبحك", "ar"),
    ("هقتلك يا ابن الكلب", "ar"),
    ("سنحرق مكتبك", "ar"),
    ("اقتلوا الصحفيين", "ar"),
    ("يجب قتل هذا الصحفي", "ar"),
    ("لازم حدا يقتله", "ar"),
    ("seni öldüreceğim", "tr"),
    ("kafanı keseceğim", "tr"),
    ("bu gazeteciyi vuracağım", "tr"),
    ("bu gazeteci kurşuna dizilmeli", "tr"),
    ("o muhabiri öldürün", "tr"),
    # Necessity with the infinitive, and the active "must" (found after the fixture).
    ("Bu gazeteciyi öldürmek lazım", "tr"),
    ("Bu muhabiri asmak lazım", "tr"),
    ("Onu öldürmeliyiz.", "tr"),
    ("دەتکوژم", "ckb"),
    ("ده\u200cتکوژم", "ckb"),  # older spelling: ه and a zero-width non-joiner for ە
    ("سەرت دەبڕم", "ckb"),
    ("هەموو ڕۆژنامەنووسەکان بکوژن", "ckb"),
    ("ئەو ڕۆژنامەنووسە دەبێت بکوژرێت", "ckb"),
    ("ئەز دێ تە کوژم", "ckb"),  # Badini, Arabic script
    ("ez ê te bikujim", "kmr"),
    ("Ezê te bikujim xayîno", "kmr"),
    ("em ê mala te bişewitînin", "kmr"),
    ("divê ev rojnamevan bê kuştin", "kmr"),
    ("hemû rojnamevanan bikujin", "kmr"),
    # Another script: Arabic and Sorani typed in Latin letters.
    ("ra7 a2tlak ya kalb", "en"),
    ("wallah la2atlak", "und"),
    ("detkujim", "kmr"),
    ("de te kujim", "kmr"),
    # Look-alike letters and spacing are normalisation's work.
    ("I will k i l l you", "en"),
    # Intent, then a chain of deeds, then the threat (the chain was missed).
    ("I will find the journalist who wrote this and make him pay with his blood.", "en"),
    ("We will track down every reporter at Rudaw and make them pay with their lives", "en"),
    ("I will make her pay with her blood", "en"),
    ("I will kіll yоu", "en"),  # Cyrillic і and о
]


@pytest.mark.parametrize(("text", "lang"), REJECT)
def test_explicit_threats_calls_and_wishes_reject(text: str, lang: str) -> None:
    assert threat(text, lang) >= 0.9


# --- veiled threats, incitement: held for a moderator ------------------------------------

HOLD = [
    ("We know where your office is.", "en"),
    ("Watch your back.", "en"),
    ("You'll regret writing this.", "en"),
    ("Nobody would miss him if he disappeared.", "en"),
    ("It would be a shame if something happened to your kids on their way to school.", "en"),
    ("It would be unfortunate if your car had an accident.", "en"),
    ("With respect, we know which school your daughter attends.", "en"),
    ("People like you tend to disappear.", "en"),
    ("Journalists who ask questions like that don't live long.", "en"),
    ("Keep writing and see what happens.", "en"),
    ("Enjoy your kids while you can.", "en"),
    ("That will be the last article you ever write.", "en"),
    ("Say goodbye to your family, reporter.", "en"),
    ("We are coming for you.", "en"),
    ("Your days are numbered.", "en"),
    ("Stop writing about us, for the sake of your family.", "en"),
    ("Death to the traitors!", "en"),
    ("The Kurds need another Halabja.", "en"),
    ("Take up arms against the Arabs.", "en"),
    ("May God kill him", "en"),
    ("نعرف وين ساكن", "ar"),
    ("نعرف مدرسة اولادك", "ar"),
    ("انتبه لظهرك", "ar"),
    ("ستندم على ما كتبت", "ar"),
    ("أيامك معدودة", "ar"),
    ("الموت للأكراد", "ar"),
    ("الله ياخذك", "ar"),
    ("Kindly remind the editor that accidents happen to people who write such things.", "en"),
    ("Bad things tend to happen to reporters who ask too many questions.", "en"),
    ("nerede oturduğunu biliyoruz", "tr"),
    ("arkanı kolla", "tr"),
    ("bu yazdıklarına pişman olacaksın", "tr"),
    ("ailene bir şey olursa üzülürüz", "tr"),
    ("Hrant Dink gibi olursun", "tr"),
    ("Kürtlere ölüm!", "tr"),
    ("دەزانین نووسینگەکەت لە کوێیە", "ckb"),
    ("ئاگات لە پشتی خۆت بێت", "ckb"),
    ("ڕۆژەکانت ژمێردراون", "ckb"),
    ("بیر لە منداڵەکانت بکەرەوە پێش ئەوەی بنووسیت", "ckb"),
    ("مەرگ بۆ خائینان", "ckb"),
    ("em dizanin nivîsgeha te li ku ye", "kmr"),
    ("hay ji pişta xwe hebe", "kmr"),
    ("rojên te hejmartî ne", "kmr"),
    ("na3ref wen saken", "en"),
    ("Better be careful where you send your kids, reporter.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), HOLD)
def test_veiled_threats_and_incitement_are_held_at_least(text: str, lang: str) -> None:
    # The threats clause reviews at 0.4; the approval policy also refuses to
    # approve a comment with any threat hit.
    assert threat(text, lang) >= 0.45


# Written after the fixture, as fresh attacks: each found a class the rules lacked.
SECOND_ROUND = [
    # Intent, then silencing for good; a warning to someone, then "accidents happen".
    "I will find the reporter who wrote this and make sure he never writes again",
    "We'll track down the editor and make sure she can't ever publish again.",
    "Watch out, journalist. Accidents happen in Erbil.",
    "Careful, rep0rter. Accidents do happen.",
    "I'll find the reporter who wrote this and make him suffer.",
    "We will hunt down the editor and make her regret it.",
    "Someone should really do something permanent about this reporter.",
    "This journalist won't be writing much longer.",
    "A journalist like you could easily have an accident.",
    "If I ever meet that editor, he's a dead man.",
    "They should line up every journalist and shoot them.",
    "Let's pay the reporter a visit tonight.",
    "The only good journalist is a dead journalist.",
    "We'll see how brave you are when we find you.",
    "Journalists like him should be wiped off the earth.",
    "It is time someone silenced this woman permanently.",
    "The reporter's car would look good on fire.",
]


@pytest.mark.parametrize("text", SECOND_ROUND)
def test_second_round_of_attacks_is_held_at_least(text: str) -> None:
    assert threat(text, "en") >= 0.7


# Found approved by an attack on 3 December, written again here in other
# words: polite or joking incitement to self-harm, death wishes through a
# thing, the newsroom's place named, the address said to be known, the plain
# "people like you disappear", and the end foretold.
THIRD_ROUND = [
    "Please do everyone a favour and remove yourself from the gene pool.",
    "Maybe go play in traffic, journalist.",
    "Why not try drinking a glass of bleach?",
    "Kurdistan would truly be better off without you.",
    "I hope your laptop explodes in your face.",
    "Hoping his phone electrocutes him tonight.",
    "We know where the Rudaw bureau is.",
    "Everyone knows where you live, reporter.",
    "Your address is no secret.",
    "Reporters like you go missing.",
    "Enjoy your final hours, liar.",
    "Duhok is a small city, we'll run into each other.",
    "We know some guys who would like to have a word with the editor.",
    "Somebody will teach him a lesson he'll never forget.",
]


# A fourth round, menace without a violent verb, in other words than the attack's.
FOURTH_ROUND = [
    "We are parked outside your house.",
    "They know which school your kids go to.",
    "Your name is at the top of our list.",
    "You too will vanish like the others.",
    "The lake is big enough for journalists like you.",
    "I hope you enjoy wheelchairs.",
    "One bullet is cheaper than your camera.",
]


@pytest.mark.parametrize("text", FOURTH_ROUND)
def test_fourth_round_is_held_at_least(text: str) -> None:
    assert threat(text, "en") >= 0.7


@pytest.mark.parametrize(
    "text",
    ["Tick tock, journalist.", "Your days are running out, reporter.", "Sleep tight, if you can."],
)
def test_countdowns_and_sleep_well_are_held(text: str) -> None:
    assert threat(text, "en") >= 0.45


# The same round in Arabic and Turkish: a lesson not to be forgotten, and
# the writer found by what he wrote.
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("راح نعلمه درس ما راح ينساه", "ar"),
        ("سأعلمكم درسا لن تنسوه", "ar"),
        ("Bu haberi yazanları bulacağız.", "tr"),
        ("O muhabiri mutlaka bulacağım.", "tr"),
    ],
)
def test_third_round_in_arabic_and_turkish_is_held_at_least(text: str, lang: str) -> None:
    assert threat(text, lang) >= 0.7


@pytest.mark.parametrize("text", THIRD_ROUND)
def test_third_round_of_attacks_is_held_at_least(text: str) -> None:
    assert threat(text, "en") >= 0.7


# --- civil: the same words, no threat ---------------------------------------------------

CIVIL = [
    ("Accidents happen to people who drive drunk.", "en"),
    ("Good things happen to people who wait.", "en"),
    ("Kimseyi öldürmek lazım değil, konuşmak gerek.", "tr"),
    ("Sivilleri öldürmek savaş suçudur.", "tr"),
    ("Terörü bitirmek lazım ama sivilleri korumak şart.", "tr"),
    ("The airstrike killed twelve civilians.", "en"),
    ("The army shot down a drone near Erbil.", "en"),
    ("The executions must be investigated.", "en"),
    ("He was threatened with death after the article.", "en"),
    ("ISIS executed dozens of Yazidi men in Sinjar.", "en"),
    ("The protesters were beaten and shot by security forces.", "en"),
    ("No journalist should be killed for doing their job.", "en"),
    ("I would never hurt him.", "en"),
    ("I don't think he should be hanged.", "en"),
    ("Those who shot the protesters must face justice.", "en"),
    ("I'll shoot you an email tomorrow.", "en"),
    ("I'll take you out for dinner when you visit.", "en"),
    ("I know where you're coming from.", "en"),
    ("We know where the money went.", "en"),
    ("You will die laughing at this cartoon.", "en"),
    ("We will beat them in the final.", "en"),
    ("We will vote them out and make them pay at the ballot box.", "en"),
    ("The ministry will make sure the road never floods again.", "en"),
    ("I will make sure I never read this paper again.", "en"),
    ("Take care on the Hamilton road, accidents happen there every week.", "en"),
    ("Be careful with statistics; accidents happen when data is thin.", "en"),
    ("I will read his next article and make him pay for every lie in court.", "en"),
    ("The bill was killed in committee.", "en"),
    ("We must never allow another Anfal.", "en"),
    ("Guns don't kill people, people kill people.", "en"),
    ("We need to end voter fraud.", "en"),
    ("Kill your social media habit.", "en"),
    ("She survived because someone called the police in time.", "en"),
    ("I hope the killers are caught.", "en"),
    ("You can always sleep when you are dead!", "en"),
    ("The death toll rose to 40, and every death to date was a civilian.", "en"),
    ("قتلت الغارة الجوية اثني عشر مدنيا", "ar"),
    ("أسقط الجيش طائرة مسيرة", "ar"),
    ("يجب التحقيق في الإعدامات", "ar"),
    ("تلقى الصحفي تهديدات بالقتل", "ar"),
    ("أعدمه تنظيم داعش عام 2014", "ar"),  # past: "executed him", spelled like "I execute him"
    ("اغتاله مسلحون مجهولون", "ar"),
    ("لا يجوز قتل أي إنسان بسبب رأيه", "ar"),
    ("يجب وقف قتل المدنيين", "ar"),
    ("اتمنى ان لا يموت احد", "ar"),
    ("نتمنى محاسبة من قتله", "ar"),
    ("والله ما راح اقتلك", "ar"),
    ("اتهم بقتله", "ar"),
    ("Hava saldırısında 12 sivil öldü", "tr"),
    ("İdamlar soruşturulmalı", "tr"),
    ("Gazeteci ölümle tehdit edildi", "tr"),
    ("seni öldürmeyeceğim", "tr"),
    ("gazeteciler öldürülmemeli", "tr"),
    ("topu vururum", "tr"),
    ("inşallah iyi olursun", "tr"),
    ("Sen asilsin", "tr"),
    ("Maaşlar kesilmeli", "tr"),
    ("odunları yakacağım", "tr"),
    ("Peki ya uğruna yakıp yıktıklarım?", "tr"),  # "burned and destroyed": an idiom
    ("20 yıl yenemeyen takımları vurup geçecez", "tr"),  # football
    ("Bir fil de bize gönder, en fazla kesip yeriz.", "tr"),
    ("فڕۆکەکان دوازدە هاووڵاتی مەدەنییان کوشت", "ckb"),
    ("ڕۆژنامەنووسەکە هەڕەشەی کوشتنی لێکرا", "ckb"),
    ("لە تەقینەوەکەدا پێنج کەس کوژران", "ckb"),
    ("هیچ کەسێک نابێت لەبەر بیروڕاکانی بکوژرێت", "ckb"),
    ("هەوڵیان دا بیکوژن", "ckb"),  # "they tried to kill him": a report
    ("چەکدارەکان خەڵک دەکوژن", "ckb"),
    ("ئەم گەرمایە دەمکوژێت", "ckb"),
    ("ناتکوژم", "ckb"),
    ("خۆزگە من لە جیاتی ئەو بمردایە", "ckb"),
    ("دەزانین پارەکە بۆ کوێ چوو", "ckb"),
    ("ئاگات لە خۆت بێت", "ckb"),  # "take care of yourself"
    ("مردن بۆ (33) کەس دابەزیوە", "ckb"),
    ("ez ê te nekujim", "kmr"),
    ("balafiran 12 sivîl li Kobanî kuştin", "kmr"),
    ("rojnamevan bi kuştinê hat tehdîtkirin", "kmr"),
    ("tu kes nabe ji ber ramanên xwe bê kuştin", "kmr"),
    ("wan dixwest wî bikujin", "kmr"),
    ("çekdar hatin da ku wan bikujin", "kmr"),
    ("em ê te bibînin", "kmr"),  # "we'll see you"
    ("Zimanê Kurdî ji holê rakin dixwestin", "kmr"),
    ("They should shoot the film in Erbil.", "en"),
    ("The minister will pay Erbil a visit.", "en"),
    ("When we find you a seat, we will call.", "en"),
    ("He's a dead man walking politically.", "en"),
    ("They should execute the plan quickly.", "en"),
    ("These newspapers will not be around much longer.", "en"),
    # The third round's words, said civilly.
    ("I know where the Rudaw office is, it is on 60 Metre Street.", "en"),
    ("Does anyone know where the new hospital building is?", "en"),
    ("Enjoy your last days of the holiday before school starts.", "en"),
    ("Enjoy your last days in office, Mr President.", "en"),
    ("Children play in traffic because the city has no parks.", "en"),
    ("The world would be a better place without landmines.", "en"),
    ("The gene pool of this wheat is narrow, the article should say so.", "en"),
    ("Drinking bleach is dangerous, as the ministry warned.", "en"),
    ("I hope your campaign succeeds and your office stays open.", "en"),
    ("Journalists who criticise the government disappear in Iran.", "en"),
    ("The world is small, we will meet at the next conference in Erbil.", "en"),
    ("I have friends who would love to meet you when you visit Duhok.", "en"),
    ("Be careful where you park in Erbil, the fines are high.", "en"),
    ("I am outside your office, can you come down for the interview?", "en"),
    ("Your time is running out to register for the elections.", "en"),
    ("Your name is on the list of speakers for Friday.", "en"),
    ("The river is deep enough for boats again after the rains.", "en"),
    ("Tick tock, the ceasefire deadline is tomorrow.", "en"),
    ("I hope you enjoy the festival.", "en"),
    ("We know which school won the prize.", "en"),
    ("المعلم علمنا درسا في الصبر", "ar"),
    ("Bu haberi yazan muhabiri tebrik ediyorum.", "tr"),
]


@pytest.mark.parametrize(("text", "lang"), CIVIL)
def test_civil_sentences_with_violent_words_give_no_threat(text: str, lang: str) -> None:
    assert threat_hits(text, lang) == []


# --- reported and quoted threats: held, never rejected on the rule alone --------------------

REPORTED_THREATS = [
    ('Police said the gunman told him "I will kill you" before firing.', "en"),
    ("The militia commander wrote: 'we will burn your office'.", "en"),
    ("He kept saying I will kill you, witnesses said", "en"),
    ("«Я убью тебя» is not English, but 'I will kill you' is what he shouted.", "en"),
    ('قال المهاجم "سأقتلك" قبل أن يطلق النار', "ar"),
    ('وتی "دەتکوژم" و ڕۆیشت', "ckb"),
    ("ئێمە لێرە دەتانکوژین و هەڕەشە لە منداڵەکانیان دەکرێت.", "ckb"),
    ("Em ê we li vir bikujin û wiha gef li zarokên wan xwarine.", "kmr"),
    ("Yeni grip virüsüyle insanları öldüreceğiz denilmiyor", "tr"),
]


@pytest.mark.parametrize(("text", "lang"), REPORTED_THREATS)
def test_reported_threats_are_evidence_not_verdicts(text: str, lang: str) -> None:
    assert 0.0 < threat(text, lang) <= REPORTED


def test_the_evidence_is_the_threat_in_the_readers_spelling() -> None:
    text = "Great article. Someone should put a bullet in him before he speaks again."
    (hit,) = threat_hits(text, "en")
    assert text[hit.start : hit.end] == "Someone should put a bullet in him"
    text = "ده\u200cتکوژم"
    (hit,) = threat_hits(text, "ckb")
    assert text[hit.start : hit.end] == text


# --- the contract with the approval policy ---------------------------------------------------


@pytest.mark.parametrize(
    "text,lang",
    [("I will kill you", "en"), ("kys", "en"), ("Gas all the Jews", "en"), ("geber", "tr")],
)
def test_every_threat_hit_has_a_threat_rule_name(text: str, lang: str) -> None:
    hits = match_rules(normalise(text), lang)
    threats = [h for h in hits if h.category == "threat"]
    assert threats
    assert all(h.rule.startswith(THREAT_PREFIX) and is_threat_rule(h) for h in threats)
    assert not any(is_threat_rule(h) for h in hits if h.category != "threat")


@pytest.mark.parametrize("lang", GRAMMARS)
def test_every_grammar_loads_and_is_named_for_threats(lang: str) -> None:
    g = grammar(lang)
    assert g.rules
    for rule in g.rules:
        assert 0.0 < rule.strength <= 1.0
        assert rule.triggers or rule.stems is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_ordinary_comment_gives_no_threat(lang: str) -> None:
    text = {
        "en": "Thank you Rudaw for this report on the elections in Erbil.",
        "ar": "شكرا لرووداو على هذا التقرير عن الانتخابات في أربيل",
        "tr": "Erbil'deki seçimlerle ilgili bu haber için teşekkürler",
        "ckb": "سوپاس بۆ ڕووداو بۆ ئەم ڕاپۆرتە دەربارەی هەڵبژاردنەکانی هەولێر",
        "kmr": "Spas ji bo vê nûçeyê li ser hilbijartinên Hewlêrê",
    }[lang]
    assert threat_hits(text, lang) == []
