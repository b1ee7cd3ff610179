"""HMAC-SHA256 signatures with a timestamp, for senders and receivers alike.

    Civility-Signature: t=1700000000,v1=<hex HMAC-SHA256 of "<t>.<body>">

The timestamp is inside the signed text, so an attacker who captured a
delivery cannot replay it later: receivers refuse signatures older than a
few minutes. Pure functions of their arguments (time passed in), no Django:
a receiver written in Python may copy this file.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "Civility-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: str, body: bytes, timestamp: int) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def header_value(secret: str, body: bytes, timestamp: int) -> str:
    return f"t={timestamp},v1={signature(secret, body, timestamp)}"


def verify(
    secret: str, body: bytes, header: str, now: float, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` within ``tolerance`` of ``now``."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, body, timestamp)
    return hmac.compare_digest(expected, parts.get("v1", ""))
