"""Innocent words through the whole engine (the Scunthorpe problem).

The rules match whole words (test_rules.py checks that innocent words give no
rude hit); the learned models read character n-grams, so the classifier
step does not show them the allow-listed words of lexicons/innocent.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civility.moderation import Context, Decision, get_engine
from civility.moderation.innocent import innocent_words, mask_innocent
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules

FIXTURES = Path(__file__).parent / "fixtures"
ALLOW_LIST = Path(__file__).resolve().parents[2] / (
    "src/civility/moderation/lexicons/innocent.json"
)

SENTENCES = [
    "Scunthorpe is in Lincolnshire",
    "I live in Sussex",
    "Essex and Middlesex are English counties.",
    "The assassin was never caught.",
    "The assassination shocked the country.",
    "A cocktail party at the embassy.",
    "I am reading Dickens this winter.",
    "His analysis of the budget was thorough.",
    "The therapist recommended rest.",
    "Grape harvests were poor this year.",
    "Shiitake mushrooms are expensive.",
    "A classic match between two old rivals.",
    "The passage of the bill took months.",
    "Hancock gave a speech in parliament.",
    "Press the button to start.",
    "Our pussycat sleeps all day.",
    "Arsenal lost again.",
    "The Titanic sank in 1912.",
    "The cumulative effect of the sanctions is large.",
    "Cockburn wrote about the war.",
    "Penistone is a town in Yorkshire.",
    "Scunthorpe",
    "Sussex",
    "Hitchcock films are classics.",
    "The ambassador met the assembly in Erbil.",
]


def test_masking_removes_listed_words_only() -> None:
    text = normalise("Scunthorpe's cocktail bar, in SUSSEX; Scunthorpes").text
    assert mask_innocent(text) == "'s  bar, in ; scunthorpes"


def test_masking_leaves_rude_words_and_their_context() -> None:
    text = normalise("Scunthorpe is full of idiots").text
    assert mask_innocent(text) == " is full of idiots"


def test_a_phrase_is_masked_only_whole() -> None:
    assert mask_innocent("homo sapiens evolved") == " evolved"
    assert mask_innocent("a homo and sapiens") == "a homo and sapiens"


def test_text_without_listed_words_is_returned_as_is() -> None:
    text = "the minister visited erbil."
    assert mask_innocent(text) is text


def test_the_allow_list_holds_nothing_the_rules_flag() -> None:
    # A listed word is removed from the models' input; if the rules found it
    # rude enough to hold a comment, masking would hide evidence from the
    # models. ("homo sapiens" gives the weak 0.35 hit kept for "homo".)
    words = json.loads(ALLOW_LIST.read_text("utf-8"))["words"]
    for word in words:
        for lang in ("en", "tr", "ar", "kmr", "ckb"):
            hits = match_rules(normalise(word), lang)
            rude = [h.rule for h in hits if h.category != "promotion" and h.strength >= 0.5]
            assert rude == [], (word, lang, rude)
    assert {"scunthorpe", "sussex", "cocktail"} <= innocent_words()
    # Never a word with a rude sense of its own, a threat verb, or a people.
    assert innocent_words().isdisjoint({"dick", "cock", "pussy", "assassinate", "nigerians"})


@pytest.mark.parametrize("sentence", SENTENCES)
def test_innocent_sentences_are_approved_by_the_whole_engine(sentence: str) -> None:
    verdict = get_engine().moderate(sentence, lang="en")
    assert verdict.decision is Decision.APPROVE, (verdict.scores, verdict.reasons)


def test_a_rude_comment_with_an_innocent_word_is_still_stopped() -> None:
    engine = get_engine()
    assert engine.moderate("Scunthorpe fans are fucking idiots", lang="en").decision is (
        Decision.REJECT
    )
    held = engine.moderate("You cocktail-drinking moron, shut up", lang="en")
    assert held.decision is not Decision.APPROVE


def test_the_innocent_fixture_through_the_whole_engine() -> None:
    lines = (FIXTURES / "innocent.txt").read_text("utf-8").splitlines()
    sentences = [line for line in lines if line.strip() and not line.startswith("#")]
    verdicts = get_engine().moderate_batch([Context(s, lang_hint="en") for s in sentences])
    decisions = {s: v.decision for s, v in zip(sentences, verdicts, strict=True)}
    rejected = [s for s, d in decisions.items() if d is Decision.REJECT]
    held = [s for s, d in decisions.items() if d is Decision.REVIEW]
    assert rejected == []
    # Measured: 105 of 110 approved; the rest are held by model scores for
    # other words ("kitchen floor", "your application") or for names that the allow-list
    # deliberately does not hide (names of peoples and countries).
    assert len(held) <= 0.1 * len(sentences), held
