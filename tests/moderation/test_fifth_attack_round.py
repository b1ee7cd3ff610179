"""A fifth attack round, in English: menace and insults that were approved.

Veiled threats: the reader's days counted ("count your days", "your days
are numbered"), a good thing of the reader's that lasts "... for now", and
bravery that ends with the reader's bodyguards. Insults with no insulting
word: "you are the reason shampoo has instructions", "should have been
aborted", and "mouth breather". Each is held for a moderator (a threat
rule or a personal-attack pattern at 0.6); the same words said civilly are
not. The sentences differ from the ones the rules were written against.
"""

from __future__ import annotations

import pytest

from civility.moderation import get_engine
from civility.moderation.context import Article
from civility.moderation.verdict import Decision

ARTICLE = Article(
    title="Parliament session on the budget postponed again",
    body="The Kurdistan Region's parliament postponed its budget session, a spokesman said in Erbil.",
    lang="en",
)


def verdict(text: str):
    return get_engine().moderate(text, article=ARTICLE, lang="en")


HELD = [
    "Start counting your days, editor.",
    "Ur days r numbered, mr reporter",
    "Your wife and kids are fine... for now.",
    "Let me guess, you wouldn't be so loud without your security detail.",
    "We'd love to see you write that without your police escort.",
    "You are probably the reason bottles have warning labels.",
    "This writer is the reason why hair dryers come with instructions.",
    "Honestly you should have been aborted.",
    "Your mum should've aborted you.",
    "Only a mouth breather like you would write this.",
]


@pytest.mark.parametrize("text", HELD)
def test_menace_and_wordless_insults_are_not_published(text: str) -> None:
    assert verdict(text).decision is not Decision.APPROVE


@pytest.mark.parametrize(
    "text",
    [
        "I have been counting the days until the new bridge opens.",
        "Count your blessings: the storm missed Duhok.",
        "The truce is holding, for now.",
        "Your residence permit stays valid for now, the office said.",
        "Your family must be so proud of this fine reporting.",
        "Reporters in Kirkuk often work without security.",
        "Would the governor feel safe without his bodyguards?",
        "You are the reason I subscribed to the evening bulletin.",
        "The operation should have been aborted when the weather turned.",
        "The reason the new law has instructions attached is the court ruling.",
    ],
)
def test_the_same_words_said_civilly_are_published(text: str) -> None:
    v = verdict(text)
    assert v.decision is Decision.APPROVE, v


# A sixth round, the same afternoon: what is "coming to you", a meeting
# foretold with its end, the reader's trade that "won't protect" them,
# accidents that happen to "people like you", a family member's school;
# "written by a brain-damaged goat", "I've seen smarter things", an empty
# head.
SIXTH_ROUND_HELD = [
    "Don't worry, you'll get what's coming to you, scribbler.",
    "They are coming for you next, reporter.",
    "Just wait till my brothers catch you.",
    "Once we find you, you're history.",
    "Your press card can't save you forever.",
    "Watch out, journalists tend to have accidents in this town.",
    "We know your wife's office.",
    "Is this article written by a half-asleep donkey?",
    "I have met brighter potatoes than this columnist.",
    "The writer's head is completely empty.",
]


@pytest.mark.parametrize("text", SIXTH_ROUND_HELD)
def test_sixth_round_menace_and_insults_are_not_published(text: str) -> None:
    assert verdict(text).decision is not Decision.APPROVE


@pytest.mark.parametrize(
    "text",
    [
        "The smugglers will get what they deserve in court.",
        "If we see you at the Newroz concert we will buy you tea.",
        "A scarf won't protect you from this cold, bring a coat.",
        "Three reporters had a car accident near Makhmour, the ministry said.",
        "I know your son's school won the football cup, well done.",
        "Was this report written by the Duhok bureau?",
        "We are coming for the league title next season.",
    ],
)
def test_sixth_round_civil_twins_raise_no_threat_or_attack(text: str) -> None:
    # Some of these the models hold as off-topic under this article, old
    # rules and new alike; what the new rules must not do is read them as
    # menace or insult.
    v = verdict(text)
    assert v.decision is not Decision.REJECT
    assert (v.scores.get("threat") or 0.0) < 0.5, v.scores
    assert (v.scores.get("personal_attack") or 0.0) < 0.5, v.scores
