"""Verifying reader tokens: HS256 or RS256 JWTs, several keys for rotation.

The algorithm a token names picks the key list (HS256: the shared secrets,
RS256: the public keys), and only that algorithm is accepted with those keys,
so an RS256 public key can never be used as an HMAC secret and ``none`` is
never accepted. Every configured key of the kind is tried: during a
rotation, tokens signed with the old and the new key both verify.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from civility.abuse import identity, textrules
from civility.errors import NotAuthenticated, ValidationFailed

# Clocks on the publisher's servers and ours may differ a little.
LEEWAY_SECONDS = 30
REQUIRED_CLAIMS = ["exp", "sub"]
# A sign-in token is a session, not a key: one that a leak would keep valid
# for years is refused (issue 12: a 100-year expiry was accepted). A publisher
# signs a fresh one for each page view or sign-in.
MAX_LIFETIME_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ReaderClaims:
    issuer: str
    subject: str
    name: str
    email: str


class InvalidReaderToken(NotAuthenticated):
    code = "reader_token_invalid"
    default_message = "The sign-in token is not valid; sign in again."


class ExpiredReaderToken(NotAuthenticated):
    code = "reader_token_expired"
    default_message = "The sign-in token has expired; sign in again."


def enabled() -> bool:
    return bool(settings.CIVILITY_READER_JWT_SECRETS or settings.CIVILITY_READER_JWT_PUBLIC_KEYS)


@functools.lru_cache(maxsize=8)
def _public_keys(paths: tuple[str, ...]) -> tuple:
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    return tuple(load_pem_public_key(Path(path).read_bytes()) for path in paths)


def _keys(algorithm: str) -> tuple:
    if algorithm == "HS256":
        return tuple(settings.CIVILITY_READER_JWT_SECRETS)
    if algorithm == "RS256":
        return _public_keys(tuple(settings.CIVILITY_READER_JWT_PUBLIC_KEYS))
    return ()


def verify(token: str) -> ReaderClaims:
    """The reader a token names; raises InvalidReaderToken or ExpiredReaderToken."""
    field = "reader_token"
    if not enabled():
        raise InvalidReaderToken("This site does not accept sign-in tokens.", field=field)
    try:
        algorithm = jwt.get_unverified_header(token).get("alg", "")
    except jwt.InvalidTokenError:
        raise InvalidReaderToken(field=field) from None
    options = {"require": REQUIRED_CLAIMS}
    checks = {}
    if settings.CIVILITY_READER_JWT_ISSUER:
        checks["issuer"] = settings.CIVILITY_READER_JWT_ISSUER
    if settings.CIVILITY_READER_JWT_AUDIENCE:
        checks["audience"] = settings.CIVILITY_READER_JWT_AUDIENCE
    for key in _keys(algorithm):
        try:
            claims = jwt.decode(
                token, key, algorithms=[algorithm], options=options, leeway=LEEWAY_SECONDS, **checks
            )
        except jwt.InvalidSignatureError:
            continue  # another key of the rotation may have signed it
        except jwt.ExpiredSignatureError:
            raise ExpiredReaderToken(field=field) from None
        except jwt.InvalidTokenError:
            raise InvalidReaderToken(field=field) from None
        # PyJWT has checked that int() reads it.
        if int(claims["exp"]) > time.time() + MAX_LIFETIME_SECONDS + LEEWAY_SECONDS:
            raise InvalidReaderToken(
                "The sign-in token is valid for too long (24 hours at most); sign in again.",
                field=field,
            )
        return _claims(claims, field)
    raise InvalidReaderToken(field=field)


def _claims(claims: dict, field: str) -> ReaderClaims:
    name = str(claims.get("name") or "").strip()
    email = str(claims.get("email") or "").strip()
    # The reader is looked up by this pair (trust.known_reader): one spelling each.
    issuer, subject = identity.reader(claims.get("iss"), claims.get("sub"))
    if not (name and email and subject):
        raise InvalidReaderToken(
            "The sign-in token lacks the reader's name or e-mail.", field=field
        )
    # Checked here, before any reader row is created or updated: the posting
    # service would refuse them (422) only after trust.known_reader wrote them.
    try:
        EmailValidator()(email)
    except ValidationError:
        raise ValidationFailed(
            "The sign-in token's e-mail address is not valid.", field=field, code="invalid_email"
        ) from None
    textrules.check_text(name, field=field, one_line=True)
    textrules.check_text(email, field=field, one_line=True)
    return ReaderClaims(issuer=issuer, subject=subject, name=name[:80], email=email[:254])
