"""Reader tokens: valid, expired, tampered, wrong key, rotated keys, both algorithms."""

from __future__ import annotations

import base64
import json

import jwt
import pytest
from readertokens import NEXT_SECRET, SECRET, WRONG_SECRET, make_token, public_pem

from civility.readers import tokens
from civility.readers.tokens import ExpiredReaderToken, InvalidReaderToken


def test_a_valid_hs256_token_names_the_reader(hs256):
    claims = tokens.verify(make_token(iss="https://news.example"))
    assert claims == tokens.ReaderClaims(
        "https://news.example", "account-42", "Shilan Ahmed", "shilan@example.org"
    )


def test_an_expired_token_is_refused_as_expired(hs256):
    with pytest.raises(ExpiredReaderToken) as refused:
        tokens.verify(make_token(expires_in=-120))
    assert (refused.value.status, refused.value.code) == (401, "reader_token_expired")


def test_a_tampered_token_is_refused(hs256):
    header, payload, signature = make_token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "account-1"  # someone else's account
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidReaderToken):
        tokens.verify(f"{header}.{forged}.{signature}")


def test_a_token_signed_with_another_key_is_refused(hs256):
    with pytest.raises(InvalidReaderToken) as refused:
        tokens.verify(make_token(key=WRONG_SECRET))
    assert refused.value.code == "reader_token_invalid"


def test_rotated_secrets_both_verify_during_the_overlap(hs256):
    old = make_token(key=SECRET)
    new = make_token(key=NEXT_SECRET)
    hs256.CIVILITY_READER_JWT_SECRETS = [NEXT_SECRET, SECRET]
    assert tokens.verify(old).subject == tokens.verify(new).subject == "account-42"
    hs256.CIVILITY_READER_JWT_SECRETS = [NEXT_SECRET]  # rotation finished
    with pytest.raises(InvalidReaderToken):
        tokens.verify(old)
    assert tokens.verify(new)


def test_rs256_with_rotated_public_keys(rs256, rsa_keys):
    current, upcoming = rsa_keys
    for key in (current, upcoming):
        assert tokens.verify(make_token(key=key, algorithm="RS256")).name == "Shilan Ahmed"
    rs256.CIVILITY_READER_JWT_PUBLIC_KEYS = rs256.CIVILITY_READER_JWT_PUBLIC_KEYS[1:]
    with pytest.raises(InvalidReaderToken):
        tokens.verify(make_token(key=current, algorithm="RS256"))


def test_the_public_key_cannot_be_used_as_an_hmac_secret(rs256, rsa_keys):
    # The classic algorithm confusion: sign HS256 with the (public) PEM text.
    # PyJWT refuses to even create it; build it by hand.
    pem = public_pem(rsa_keys[0])
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
    body = base64.urlsafe_b64encode(
        json.dumps({"sub": "x", "name": "n", "email": "e@x.org", "exp": 9_999_999_999}).encode()
    ).rstrip(b"=")
    import hashlib
    import hmac

    signature = base64.urlsafe_b64encode(
        hmac.new(pem, header + b"." + body, hashlib.sha256).digest()
    ).rstrip(b"=")
    with pytest.raises(InvalidReaderToken):
        tokens.verify(b".".join([header, body, signature]).decode())


def test_unsigned_and_garbage_tokens_are_refused(hs256):
    unsigned = jwt.encode(
        {"sub": "x", "name": "n", "email": "e@x.org", "exp": 9_999_999_999}, None, algorithm="none"
    )
    for bad in (unsigned, "not-a-token", "a.b.c", ""):
        with pytest.raises(InvalidReaderToken):
            tokens.verify(bad)


def test_issuer_and_audience_are_checked_when_set(hs256):
    hs256.CIVILITY_READER_JWT_ISSUER = "https://news.example"
    with pytest.raises(InvalidReaderToken):
        tokens.verify(make_token(iss="https://elsewhere.example"))
    assert tokens.verify(make_token(iss="https://news.example"))
    hs256.CIVILITY_READER_JWT_AUDIENCE = "civility"
    with pytest.raises(InvalidReaderToken):
        tokens.verify(make_token(iss="https://news.example", aud="another-app"))
    assert tokens.verify(make_token(iss="https://news.example", aud="civility"))


def test_claims_must_name_the_reader(hs256):
    with pytest.raises(InvalidReaderToken, match="name or e-mail"):
        tokens.verify(make_token(email=None))
    with pytest.raises(InvalidReaderToken):
        tokens.verify(make_token(exp=None))  # a token that never expires is refused


def test_no_keys_configured_refuses_every_token(settings):
    settings.CIVILITY_READER_JWT_SECRETS = []
    settings.CIVILITY_READER_JWT_PUBLIC_KEYS = []
    with pytest.raises(InvalidReaderToken, match="does not accept"):
        tokens.verify(make_token())


def test_settings_refuse_short_secrets_and_missing_key_files():
    from django.core.exceptions import ImproperlyConfigured

    from civility.web import config

    with pytest.raises(ImproperlyConfigured, match="CIVILITY_READER_JWT_SECRETS: each secret"):
        config.load({"CIVILITY_READER_JWT_SECRETS": "short"})
    with pytest.raises(ImproperlyConfigured, match="CIVILITY_READER_JWT_PUBLIC_KEYS: no such key"):
        config.load({"CIVILITY_READER_JWT_PUBLIC_KEYS": "/nowhere/key.pem"})
    loaded = config.load({"CIVILITY_READER_JWT_SECRETS": f"{SECRET},{NEXT_SECRET}"})
    assert loaded["CIVILITY_READER_JWT_SECRETS"] == [SECRET, NEXT_SECRET]
