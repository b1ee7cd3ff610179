"""Guards against abuse by volume, checked before a comment is moderated.

Called by the doors readers post through (the page form, the JSON API and
the widget), after the input is valid and before ``actions.post_comment``:

- **Rate limits** per IP address, per e-mail address and per text (the same
  text posted again and again, under any name): fixed-window counters in
  Django's cache, raised as ``RateLimited`` (429) with the seconds to wait.
  The counters use ``cache.add`` + ``cache.incr``, atomic in Redis and under a
  lock in the local-memory cache, so two requests never both take the last
  slot. One server needs nothing extra (local memory); several servers share
  the counters through Redis (``CIVILITY_REDIS_URL``).
- **The form's honeypot**: a field people never see and bots fill in.
- **The form's signed timestamp**: proof that the form was loaded from this
  site (a bot that posts without loading the page has none), not too long ago,
  and optionally not too quickly (``CIVILITY_FORM_MIN_SECONDS``).

The widget (civility/embed) sends the honeypot and the timestamp too. The
JSON API has neither (its clients are programs by design); the rate limits
apply to it just the same.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches

from civility.errors import RateLimited, ValidationFailed
from civility.web.config import Rate

KEY_PREFIX = "civility:guard:"
# Same-text limit: shorter texts ("I agree.", "Thank you") are said by many
# readers in good faith, so only texts at least this long are counted.
SAME_TEXT_MIN_CHARS = 30
FORM_SALT = "civility.comments.form-timestamp"
HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "issued"


class TooManyPosts(RateLimited):
    """429 with the seconds to wait (sent as ``Retry-After``)."""

    def __init__(self, message: str, *, retry_after: int, field: str | None = None):
        super().__init__(message, field=field)
        self.retry_after = retry_after


class FormRefused(ValidationFailed):
    """The comment form was not sent by a person from our page: 400, not 422."""

    status = 400


# --- rate limits ------------------------------------------------------------


def client_ip(request) -> str:
    """The reader's address: REMOTE_ADDR, or X-Forwarded-For behind known proxies.

    Only the last ``CIVILITY_PROXY_COUNT`` hops are trusted: whatever the
    client wrote further left in the header could be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "CIVILITY_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-proxies] if len(hops) >= proxies else remote


def hit(kind: str, value: str, rate: Rate, *, now: float | None = None) -> None:
    """Count one event for ``value``; raise RateLimited once ``rate`` is spent.

    The value is hashed before it becomes a cache key: no address ends up in
    Redis in the clear.
    """
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    digest = hashlib.sha256(f"{kind}\n{value}".encode("utf-8", "surrogatepass")).hexdigest()
    key = f"{KEY_PREFIX}{kind}:{digest[:32]}:{rate.seconds}:{window}"
    cache = caches["default"]
    # add() creates the counter only if it is absent; incr() is atomic.
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.count:
        retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
        raise TooManyPosts(
            _LIMIT_MESSAGES.get(kind, _LIMIT_MESSAGES["other"]).format(seconds=retry_after),
            field="text" if kind == "text" else None,
            retry_after=retry_after,
        )


_LIMIT_MESSAGES = {
    "ip": "Too many comments from your connection; please wait {seconds} seconds.",
    "email": "Too many comments from your address; please wait {seconds} seconds.",
    "text": "This text was just posted several times; please wait {seconds} seconds.",
    "precheck": "Too many checks from your connection; please wait {seconds} seconds.",
    "other": "Too many requests; please wait {seconds} seconds.",
}


def check_posting(*, ip: str, email: str, text: str, now: float | None = None) -> None:
    """The posting limits, cheapest first. Raises RateLimited (429)."""
    if ip:
        hit("ip", ip, settings.CIVILITY_RATE_LIMIT_IP, now=now)
    hit("email", email.strip().casefold(), settings.CIVILITY_RATE_LIMIT_EMAIL, now=now)
    folded = " ".join(text.split()).casefold()
    if len(folded) >= SAME_TEXT_MIN_CHARS:
        hit("text", folded, settings.CIVILITY_RATE_LIMIT_SAME_TEXT, now=now)


def reset_counters() -> None:
    """Forget every counter (tests; an operator after a false alarm).

    Deletes only Civility's guard keys, so a shared Redis keeps everything else.
    """
    cache = caches["default"]
    client = getattr(cache, "_cache", None)
    if hasattr(client, "get_client"):  # Django's RedisCache
        redis = client.get_client(write=True)
        pattern = cache.make_key(KEY_PREFIX + "*")
        for key in redis.scan_iter(match=pattern, count=500):
            redis.delete(key)
    elif isinstance(client, dict):  # LocMemCache
        prefix = cache.make_key(KEY_PREFIX)
        for key in [k for k in list(client) if k.startswith(prefix)]:
            cache.delete(key.removeprefix(cache.make_key("")))
    # Other backends cannot list keys; their counters expire with their window.


# --- the form's honeypot and signed timestamp ------------------------------


def form_timestamp(now: float | None = None) -> str:
    """A signed "this form was issued at" value for the comment form."""
    now = time.time() if now is None else now
    return signing.Signer(salt=FORM_SALT).sign(str(int(now)))


def check_form(data, *, now: float | None = None) -> None:
    """Refuse a form post that a person on this site's page did not send.

    Raises ValidationFailed (400, no field: the message shows above the form).
    """
    now = time.time() if now is None else now
    if (data.get(HONEYPOT_FIELD) or "").strip():
        raise FormRefused(
            "This form could not be accepted. Please reload the page and try again.",
            code="form_honeypot",
        )
    raw = data.get(TIMESTAMP_FIELD) or ""
    try:
        issued = int(signing.Signer(salt=FORM_SALT).unsign(raw))
    except (signing.BadSignature, ValueError):
        raise FormRefused(
            "This form was not loaded from our page. Please reload the page and try again.",
            code="form_unsigned",
        ) from None
    age = now - issued
    if age > settings.CIVILITY_FORM_MAX_AGE_SECONDS or age < -60:
        raise FormRefused(
            "This form has expired. Your text is kept below: please post it again.",
            code="form_expired",
        )
    if age < settings.CIVILITY_FORM_MIN_SECONDS:
        raise FormRefused(
            "That was sent very quickly. Please check your comment and post it again.",
            code="form_too_fast",
        )
