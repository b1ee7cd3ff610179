"""Keys, a token maker, an article and a stub engine for reader sign-in tests."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from readertokens import SECRET, make_token, public_pem

from civility.moderation.verdict import Decision, Reason, Verdict
from civility.readers import tokens


@pytest.fixture(scope="session")
def rsa_keys():
    """Two RSA key pairs (the current and the next, for rotation)."""
    return [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2)]


@pytest.fixture
def hs256(settings):
    settings.CIVILITY_READER_JWT_SECRETS = [SECRET]
    settings.CIVILITY_READER_JWT_PUBLIC_KEYS = []
    settings.CIVILITY_READER_JWT_ISSUER = ""
    settings.CIVILITY_READER_JWT_AUDIENCE = ""
    return settings


@pytest.fixture
def rs256(settings, rsa_keys, tmp_path):
    paths = []
    for number, key in enumerate(rsa_keys):
        path = tmp_path / f"reader-key-{number}.pem"
        path.write_bytes(public_pem(key))
        paths.append(str(path))
    settings.CIVILITY_READER_JWT_SECRETS = []
    settings.CIVILITY_READER_JWT_PUBLIC_KEYS = paths
    settings.CIVILITY_READER_JWT_ISSUER = ""
    settings.CIVILITY_READER_JWT_AUDIENCE = ""
    tokens._public_keys.cache_clear()
    return settings


@pytest.fixture
def token():
    return make_token


class StubEngine:
    def __init__(self, decision="approve"):
        self.decision = Decision(decision)

    def moderate(self, text, **kwargs):
        reasons = ()
        if self.decision != Decision.APPROVE:
            reasons = (
                Reason("personal_attack", "No attacks.", 0.6, ((0, 3),), "personal_attacks"),
            )
        return Verdict(self.decision, "en", {"violation": 0.6}, reasons, model="stub-1")


@pytest.fixture
def engine_says(settings):
    def use(decision):
        settings.CIVILITY_ENGINE_FACTORY = lambda: StubEngine(decision)

    return use


@pytest.fixture
def article(db):
    from civility.articles.models import Article

    return Article.objects.create(
        slug="aleppo",
        title="Russia defends military action in Aleppo region",
        published=dt.date(2016, 4, 21),
        source="Rudaw",
        body="Russia defended military action.",
        language="en",
    )
