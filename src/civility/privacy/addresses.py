"""A reader's IP address as Civility keeps it: a keyed hash, never the address.

HMAC-SHA256 under CIVILITY_IP_HASH_KEY (derived from the secret key when
unset), of the address in its canonical form. The hash still tells a
moderator that two comments came from one address while it is kept
(CIVILITY_IP_RETENTION_DAYS; commenters.purge_ip_hashes erases it after).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.conf import settings

# Stable label for deriving the IP key from the secret key, so that the same
# secret key gives the same IP key on every server and after every restart.
_KEY_LABEL = b"civility.privacy.ip-hash"


def ip_hash_key() -> bytes:
    configured = getattr(settings, "CIVILITY_IP_HASH_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), _KEY_LABEL, hashlib.sha256).digest()


def hash_ip(address: str | None) -> str | None:
    """HMAC-SHA256 of the address in its canonical form; None when there is none.

    Canonical form first: "::ffff:192.0.2.1" and "192.0.2.1" are one reader.
    """
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return None  # not an address (a misconfigured proxy header): keep nothing
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return hmac.new(ip_hash_key(), ip.compressed.encode(), hashlib.sha256).hexdigest()
