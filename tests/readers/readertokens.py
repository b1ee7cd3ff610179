"""Signing reader tokens the way a publisher's site would (shared by the tests here)."""

from __future__ import annotations

import time

import jwt
from cryptography.hazmat.primitives import serialization

# 32 bytes or more: an HS256 secret shorter than its hash is weak (RFC 7518 3.2).
SECRET = "publisher-secret-2026-at-least-32-bytes"
NEXT_SECRET = "next-publisher-secret-2027-32-bytes-long"
WRONG_SECRET = "someone-elses-secret-also-32-bytes-long"


def public_pem(key) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def make_token(key=SECRET, algorithm="HS256", expires_in=600, **claims) -> str:
    payload = {
        "sub": "account-42",
        "name": "Shilan Ahmed",
        "email": "shilan@example.org",
        "exp": int(time.time()) + expires_in,
        **claims,
    }
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key, algorithm=algorithm)
