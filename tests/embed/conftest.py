"""Fixtures for the widget's routes: a configured site, an article, a pinned engine."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from civility.moderation.verdict import Decision, Reason, Verdict

SITE_ORIGIN = "https://news.example.com"


class PinnedEngine:
    """Answers one decision for every comment; a rejection cites personal attacks."""

    def __init__(self, decision: str):
        self.decision = Decision(decision)

    def moderate(self, text, **kwargs):
        reasons = ()
        if self.decision is not Decision.APPROVE:
            reasons = (
                Reason(
                    category="personal_attack",
                    guideline="We will not tolerate the following: personal attacks.",
                    score=0.95,
                    evidence=((0, min(5, len(text))),),
                    clause_id="personal_attacks",
                ),
            )
        return Verdict(
            decision=self.decision,
            lang="en",
            scores={"violation": 0.95 if reasons else 0.02},
            reasons=reasons,
            model="pinned-test-engine",
        )


@pytest.fixture
def engine_answers(settings):
    """engine_answers("review"): every comment posted from now on gets that decision."""

    def pin(decision: str) -> None:
        engine = PinnedEngine(decision)
        settings.CIVILITY_ENGINE_FACTORY = lambda: engine

    pin("approve")
    return pin


@pytest.fixture
def site(db):
    from civility.embed.models import EmbedSite

    return EmbedSite.objects.create(name="Rudaw English", origins=SITE_ORIGIN)


@pytest.fixture
def article(db):
    from civility.articles.models import Article

    return Article.objects.create(
        slug="russia-defends-aleppo",
        title="Russia defends military action in Aleppo region",
        published=dt.date(2016, 4, 21),
        source="Rudaw",
        body="Russia defended military action.\n\nNusra is excluded from the ceasefire.",
        language="en",
        external_id="rudaw-123",
    )


@pytest.fixture
def post_json(client):
    def send(url, data, origin=SITE_ORIGIN):
        headers = {"Origin": origin} if origin else {}
        return client.post(url, json.dumps(data), content_type="application/json", headers=headers)

    return send
