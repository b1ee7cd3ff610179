"""Fixtures for the reader and moderator browser tests.

Chromium itself (``browser``, ``page``, ``screenshot``) comes from
tests/conftest.py, and so do ``moderator`` and ``engine_answers``, which pins
the moderation outcome for tests about the UI flow (through the
CIVILITY_ENGINE_FACTORY setting, which the live server thread reads from the
same process). Tests about what the engine decides use the real engine: they
simply do not ask for ``engine_answers``. Here: the seed article (its real
body and tags) and signing in.
"""

from __future__ import annotations

import pytest

SEED_BODY = """Russia defended military action it has taken against armed groups in the contested Syrian city of Aleppo.

The Kremlin is once again backing the Syrian military in the north of the country near the city, which has led to fears that the ceasefire regime, in place since February 27, could collapse and bring the Geneva peace negotiations down with it.

Russia's ambassador to the United Nations in Geneva, Alexei Borodavkin, said that Russian action against these armed groups was only taking place since they have not split from the al-Qaeda-affiliated Jabhat al-Nusra.

Nusra, along with Islamic State (ISIS), is excluded from the ceasefire."""


@pytest.fixture
def seed_article(transactional_db, make_article):
    # As the seed lists them, Syria twice: the repeat folds into one tag.
    return make_article(
        slug="russia-defends-military-action-in-aleppo-region",
        body=SEED_BODY,
        tags=["Aleppo", "Syria", "Russia", "Nusra", "Syria", "ceasefire"],
    )


@pytest.fixture
def article_url(live_server, seed_article) -> str:
    return f"{live_server.url}{seed_article.get_absolute_url()}"


@pytest.fixture
def sign_in(page, live_server, moderator):
    def go(next_path: str = "/moderate/") -> None:
        page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
        page.get_by_label("Username").fill(moderator.username)
        page.get_by_label("Password").fill(moderator.password_for_tests)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}{next_path}")

    return go


@pytest.fixture
def held_comment(seed_article, pinned_engine):
    """held_comment(text, email) -> a comment the engine held for review."""
    from civility.posting.service import post_comment

    def make(text: str, email: str):
        return post_comment(
            article=seed_article,
            author_name="Reader",
            author_email=email,
            text=text,
            engine=pinned_engine("review"),
        ).comment

    return make
