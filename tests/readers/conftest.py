"""Keys and a token maker for reader sign-in tests (the engine and the article:
tests/conftest.py)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from readertokens import SECRET, make_token, public_pem

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
