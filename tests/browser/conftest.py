"""Fixtures for the reader and moderator browser tests.

Chromium itself (``browser``, ``page``, ``screenshot``) comes from
tests/conftest.py. Here: the seed article, a moderator with a password, and
``engine_answers`` to pin the moderation outcome for tests about the UI flow
(through the CIVILITY_ENGINE_FACTORY setting, which the live server thread
reads from the same process). Tests about what the engine decides use the
real engine: they simply do not ask for ``engine_answers``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from civility.moderation.verdict import Decision, Reason, Verdict

SEED_BODY = """Russia defended military action it has taken against armed groups in the contested Syrian city of Aleppo.

The Kremlin is once again backing the Syrian military in the north of the country near the city, which has led to fears that the ceasefire regime, in place since February 27, could collapse and bring the Geneva peace negotiations down with it.

Russia's ambassador to the United Nations in Geneva, Alexei Borodavkin, said that Russian action against these armed groups was only taking place since they have not split from the al-Qaeda-affiliated Jabhat al-Nusra.

Nusra, along with Islamic State (ISIS), is excluded from the ceasefire."""

MODERATOR_PASSWORD = "a-long-test-password-1"


class FixedEngine:
    """Answers the same decision for every comment, citing personal attacks."""

    def __init__(self, decision: str):
        self.decision = Decision(decision)

    def moderate(self, text, **kwargs):
        reasons = ()
        if self.decision is not Decision.APPROVE:
            reasons = (
                Reason(
                    category="personal_attack",
                    guideline="We will not tolerate the following: personal attacks.",
                    score=0.91,
                    evidence=((0, min(5, len(text))),),
                    clause_id="personal_attacks",
                ),
            )
        score = 0.91 if reasons else 0.03
        return Verdict(
            decision=self.decision,
            lang="en",
            scores={"violation": score, "personal_attack": score, "threat": 0.02},
            reasons=reasons,
            model="fixed-test-engine",
        )


@pytest.fixture
def engine_answers(settings):
    """engine_answers("review"): every comment posted from now on gets that decision."""

    def pin(decision: str) -> FixedEngine:
        engine = FixedEngine(decision)
        settings.CIVILITY_ENGINE_FACTORY = lambda: engine
        return engine

    return pin


@pytest.fixture
def seed_article(transactional_db):
    from civility.articles.models import Article, Tag

    article = Article.objects.create(
        slug="russia-defends-military-action-in-aleppo-region",
        title="Russia defends military action in Aleppo region",
        published=dt.date(2016, 4, 21),
        source="Rudaw",
        dateline="ERBIL, Kurdistan Region",
        body=SEED_BODY,
        language="en",
    )
    # As the seed lists them, Syria twice: the repeat folds into one tag.
    article.tags.set(
        Tag.objects.for_names(["Aleppo", "Syria", "Russia", "Nusra", "Syria", "ceasefire"])
    )
    return article


@pytest.fixture
def moderator(transactional_db):
    # The groups are created after migrate; a transactional test flushes them.
    from civility.comments.roles import ensure_groups

    ensure_groups()
    user = User.objects.create_user("moderator", password=MODERATOR_PASSWORD)
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def article_url(live_server, seed_article) -> str:
    return f"{live_server.url}{seed_article.get_absolute_url()}"


@pytest.fixture
def sign_in(page, live_server, moderator):
    def go(next_path: str = "/moderate/") -> None:
        page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
        page.get_by_label("Username").fill(moderator.username)
        page.get_by_label("Password").fill(MODERATOR_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}{next_path}")

    return go


@pytest.fixture
def held_comment(seed_article):
    """held_comment(text, email) -> a comment the engine held for review."""
    from civility.comments.actions import post_comment

    def make(text: str, email: str):
        return post_comment(
            article=seed_article,
            author_name="Reader",
            author_email=email,
            text=text,
            engine=FixedEngine("review"),
        ).comment

    return make
