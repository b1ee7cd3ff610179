"""Fixtures for the web core tests: an article, people, and a fake engine.

The fake engine answers a fixed decision so that a test about storage or the
API does not depend on the real models; tests marked as using the real engine
call it through the normal path (no fake).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from civility.moderation.verdict import Decision, Reason, Verdict


class FakeClause:
    def __init__(self, clause_id, text, message):
        self.id, self.text, self.message, self.categories = clause_id, text, message, ()


class FakePolicy:
    clauses = (
        FakeClause(
            "personal_attacks",
            "We will not tolerate personal attacks.",
            "Rejected: personal attacks are not allowed.",
        ),
    )

    def clause(self, clause_id):
        return next((c for c in self.clauses if c.id == clause_id), None)


class FakeEngine:
    """Answers ``decision`` for every comment and records what it was asked."""

    policy = FakePolicy()

    def __init__(self, decision="approve", raises=None):
        self.decision = Decision(decision)
        self.raises = raises
        self.calls = []

    def moderate(self, text, **kwargs):
        self.calls.append((text, kwargs))
        if self.raises:
            raise self.raises
        reasons = ()
        if self.decision != Decision.APPROVE:
            reasons = (
                Reason(
                    category="personal_attack",
                    guideline="We will not tolerate personal attacks.",
                    score=0.97,
                    evidence=((0, min(len(text), 5)),),
                    clause_id="personal_attacks",
                ),
            )
        return Verdict(
            decision=self.decision,
            lang="en",
            scores={
                "violation": 0.97 if reasons else 0.02,
                "personal_attack": 0.97 if reasons else 0.01,
            },
            reasons=reasons,
            model="fake-1",
        )


@pytest.fixture
def fake_engine():
    return FakeEngine


@pytest.fixture
def article(db):
    from civility.articles.models import Article, Tag

    article = Article.objects.create(
        slug="russia-defends-aleppo",
        title="Russia defends military action in Aleppo region",
        published=dt.date(2016, 4, 21),
        source="Rudaw",
        dateline="ERBIL, Kurdistan Region",
        body="Russia defended military action.\n\nNusra is excluded from the ceasefire.",
        language="en",
    )
    article.tags.set(Tag.objects.for_names(["Aleppo", "Syria"]))
    return article


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("mod", password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def reader(db):
    return User.objects.create_user("reader", password="pw-for-tests-only")


@pytest.fixture
def post(article, fake_engine):
    """post(text, decision="approve", **fields) -> PostedComment, via the real action."""
    from civility.comments.actions import post_comment

    def _post(text="A fair point about the ceasefire.", decision="approve", **fields):
        fields.setdefault("author_name", "Shilan")
        fields.setdefault("author_email", "shilan@example.org")
        fields.setdefault("article", article)
        return post_comment(text=text, engine=fake_engine(decision), **fields)

    return _post
