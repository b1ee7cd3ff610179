"""Fixtures for the security suites: an article, one person per role, a pinned engine.

The engine is pinned (it approves, or holds, everything) so that these tests
are about the doors and the pages, not about what the models decide; the
engine's own tests live in tests/moderation. Rate limits are raised for every
test here except those that measure them (``strict_limits``), because the
suites post many comments from one address in a second.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from django.contrib.auth.models import Group, User

from civility.moderation.verdict import Decision, Reason, Verdict
from civility.web.config import Rate

PASSWORD = "a-long-password-for-tests-7"
ROLES = ("anonymous", "reader", "moderator", "editor", "admin")


class PinnedEngine:
    """Answers one decision for every text; a held comment cites personal attacks."""

    def __init__(self, decision: str = "approve"):
        self.decision = Decision(decision)

    def moderate(self, text, **kwargs):
        reasons = ()
        if self.decision is not Decision.APPROVE:
            reasons = (
                Reason(
                    category="personal_attack",
                    guideline="We will not tolerate personal attacks.",
                    score=0.9,
                    evidence=((0, min(len(text), 3)),),
                    clause_id="personal_attacks",
                ),
            )
        return Verdict(
            decision=self.decision,
            lang="en",
            scores={"violation": 0.9 if reasons else 0.01},
            reasons=reasons,
            model="pinned-test-engine",
        )


@pytest.fixture
def pinned_engine():
    """The PinnedEngine class, to pass as ``engine=`` to post_comment."""
    return PinnedEngine


@pytest.fixture
def engine(settings):
    """engine("review") pins the decision for everything posted afterwards."""

    def pin(decision: str = "approve") -> PinnedEngine:
        pinned = PinnedEngine(decision)
        settings.CIVILITY_ENGINE_FACTORY = lambda: pinned
        return pinned

    pin("approve")
    return pin


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.CIVILITY_RATE_LIMIT_IP = Rate(100_000, 60)
    settings.CIVILITY_RATE_LIMIT_EMAIL = Rate(100_000, 60)
    settings.CIVILITY_RATE_LIMIT_SAME_TEXT = Rate(100_000, 60)


@pytest.fixture
def strict_limits(settings):
    """The shipped defaults, for the tests that measure the limits."""
    from civility.web import config

    defaults = config.load({})
    for name in (
        "CIVILITY_RATE_LIMIT_IP",
        "CIVILITY_RATE_LIMIT_EMAIL",
        "CIVILITY_RATE_LIMIT_SAME_TEXT",
        "CIVILITY_LOGIN_LIMIT_ACCOUNT",
        "CIVILITY_LOGIN_LIMIT_IP",
    ):
        setattr(settings, name, defaults[name])
    return defaults


def make_article(slug: str = "russia-defends-aleppo", **fields):
    from civility.articles.models import Article, Tag

    fields = {
        "title": "Russia defends military action in Aleppo region",
        "published": dt.date(2016, 4, 21),
        "source": "Rudaw",
        "dateline": "ERBIL, Kurdistan Region",
        "body": "Russia defended military action.\n\nNusra is excluded from the ceasefire.",
        "language": "en",
        **fields,
    }
    article = Article.objects.create(slug=slug, **fields)
    article.tags.set(Tag.objects.for_names(["Aleppo", "Syria"]))
    return article


@pytest.fixture
def article(db):
    return make_article()


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once (argon2 takes a deliberate tenth of a second or more)."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def make_user(db):
    """make_user("editor") -> a user in that role (None for "anonymous")."""
    return _make_user


def _make_user(role: str):
    """A user for ``role`` (None for anonymous), with PASSWORD."""
    from civility.comments.roles import ensure_groups

    if role == "anonymous":
        return None
    ensure_groups()
    user = User.objects.create(
        username=f"{role}-user",
        email=f"{role}@staff.example.org",
        password=password_hash(),
        is_staff=role in ("moderator", "editor", "admin"),
        is_superuser=role == "admin",
    )
    if role == "moderator":
        user.groups.add(Group.objects.get(name="moderators"))
    if role == "editor":
        user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def moderator(db):
    return _make_user("moderator")
