"""Insults with no insulting word: the lexicon's phrase patterns hold them.

Found approved by an attack on 3 December ("You have the IQ of a potato",
"Your one brain cell must get lonely"); the sentences below say the same
things in other words. Each is held (0.6: a moderator reads sarcasm), never
rejected on the pattern alone, and the civil sentences with the same words
give no personal attack.
"""

from __future__ import annotations

import pytest

from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules


def attack(text: str) -> float:
    hits = match_rules(normalise(text), "en")
    return max((h.strength for h in hits if h.category == "personal_attack"), default=0.0)


HELD = [
    "The author has the intelligence of a doorknob.",
    "This writer's got the brains of a goldfish.",
    "His IQ must be lower than room temperature.",
    "Did the reporter use both of his remaining brain cells for this?",
    "The editor has only one brain cell.",
    "Your mother must be really embarrassed by you.",
    "I never knew Rudaw hired monkeys.",
    "Was this article written by a chimp?",
    "My toddler could have written a better report.",
    "Evolution forgot the journalist who wrote this.",
    "You honestly cannot think for yourself.",
    "The reporter was clearly dropped on his head as a child.",
    "This writer must be brain dead.",
    "Is the editor mentally retarded or just paid?",
]


@pytest.mark.parametrize("text", HELD)
def test_disguised_insults_are_held(text: str) -> None:
    assert 0.5 <= attack(text) < 0.9


def test_a_waste_of_skin_is_the_insult_a_waste_of_oxygen_is() -> None:
    assert attack("The columnist is a waste of skin.") == attack(
        "The columnist is a waste of oxygen."
    )
    assert attack("You are a waste of skin.") == attack("You are a waste of oxygen.") >= 0.9


CIVIL = [
    "Crows have the intelligence of a young child, the study says.",
    "The brain cells of the patients were damaged by the gas.",
    "Her parents must be so proud of her reporting.",
    "This letter was written by a child in Aleppo.",
    "The zoo in Duhok bought two monkeys.",
    "Evolution of the Kurdish press since 1898 is the subject of the book.",
    "You can't think of everything when you flee a war.",
    "It was a waste of time and money.",
    "The parcel was dropped on the doorstep.",
    "Support for the mentally disabled in Erbil is poor.",
]


GROUPS_HELD = [
    ("Those refugees breed like rats.", "xenophobia"),
    ("Arabs breed like rabbits.", "racism"),
    ("Typical female journalist.", "sexism"),
    ("Women are too emotional to be editors.", "sexism"),
]


@pytest.mark.parametrize(("text", "kind"), GROUPS_HELD)
def test_groups_bred_like_animals_and_sexist_tropes_are_held(text: str, kind: str) -> None:
    hits = match_rules(normalise(text), "en")
    assert max((h.strength for h in hits if h.category == kind), default=0.0) >= 0.6


def test_rabbits_breeding_and_typical_women_of_a_place_are_no_abuse() -> None:
    for text in (
        "Rabbits breed like rabbits, farmers in Duhok say.",
        "A typical woman of the mountain villages works in the fields.",
        "Women are so emotional for good reason after the Anfal.",
    ):
        kinds = {h.category for h in match_rules(normalise(text), "en") if h.strength >= 0.5}
        assert not kinds & {"xenophobia", "racism", "sexism", "abuse"}, text


@pytest.mark.parametrize("text", CIVIL)
def test_the_same_words_said_civilly_are_no_attack(text: str) -> None:
    assert attack(text) < 0.5
