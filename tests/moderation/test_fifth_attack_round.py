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
