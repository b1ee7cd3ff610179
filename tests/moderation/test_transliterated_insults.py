"""Arabic and Sorani typed in Latin letters ("Arabizi"), wherever they land.

"ya kalb ya ibn el kalb" (you dog, son of a dog) reads as Turkish to the
language step (its "ya"), and the Latin-letter lexicon did not run for
Turkish, so it was approved; "enta 7mar" (you donkey) and Sorani "to gewjy"
(you are stupid) were not listed at all. The sentences here are not the
ones the change was tried with.
"""

from __future__ import annotations

import pytest

from civility.moderation import get_engine
from civility.moderation.context import Article
from civility.moderation.verdict import Decision

ARTICLE = Article(
    title="Flights resume at Erbil airport",
    body="Flights resumed at Erbil International Airport on Monday after a two-day halt.",
    lang="en",
)


@pytest.mark.parametrize(
    "text",
    [
        "ya kalb, shu hal maqal",  # you dog, what an article
        "inta 7mar ya sahafi",  # you are a donkey, journalist
        "ya kazzab ya ibn el kalb",  # you liar, son of a dog
        "to zor gewjy",  # Sorani: you are very stupid
    ],
)
def test_transliterated_insults_are_not_published(text: str) -> None:
    assert get_engine().moderate(text, article=ARTICLE, lang="en").decision is not Decision.APPROVE


@pytest.mark.parametrize(
    "text",
    [
        "Ya, bu haber çok iyi, teşekkürler",  # Turkish: yes, this news is very good
        "shukran ya sahafi 3ala el maqal",  # Arabizi: thank you, journalist, for the article
    ],
)
def test_civil_comments_with_the_same_words_are_published(text: str) -> None:
    assert get_engine().moderate(text, article=ARTICLE, lang="en").decision is Decision.APPROVE
