"""Rate limits: abuse by volume, and the reader's address they count by.

The posting service's ``rate_limits`` step (posting/steps.py) counts every
post from the doors readers use (the page form, the JSON API, the widget)
per IP address, per mailbox (identity.py: "a+1@x" and "A@x" are one) and
per text (the same text posted again and again, under any name), and every
pre-submit check per address on its own allowance. Fixed-window counters in Django's cache, raised as
``RateLimited`` (429) with the seconds to wait. The counters use
``cache.add`` + ``cache.incr``, atomic in Redis and under a lock in the
local-memory cache, so two requests never both take the last slot. One
server needs nothing extra (local memory); several servers share the
counters through Redis (``CIVILITY_REDIS_URL``). Sign-in attempts are
counted the same way (login_throttle.py).
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from civility.errors import RateLimited
from civility.moderation.normalise import text_identity
from civility.web.config import Rate

from . import identity

KEY_PREFIX = "civility:guard:"
# Same-text limit: shorter texts ("I agree.", "Thank you") are said by many
# readers in good faith, so only texts at least this long are counted.
SAME_TEXT_MIN_CHARS = 30


class TooManyPosts(RateLimited):
    """429 with the seconds to wait (sent as ``Retry-After``)."""

    def __init__(self, message: str, *, retry_after: int, field: str | None = None):
        super().__init__(message, field=field)
        self.retry_after = retry_after


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
    hit_all([(kind, value, rate)], now=now)


def hit_all(counters: list[tuple[str, str, Rate]], *, now: float | None = None) -> None:
    """Count one event on each ``(kind, value, rate)`` in order; raise at the first spent.

    As ``hit`` called for each in turn: the counters after a spent one are not
    counted. On Redis the whole list is one round trip (a script, atomic like
    ``INCR``); elsewhere ``cache.add`` + ``cache.incr`` per counter.
    """
    if not counters:
        return
    now = time.time() if now is None else now
    keys = [_key(kind, value, rate, now) for kind, value, rate in counters]
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        spent, count = _count_in_redis(cache, keys, [rate for _kind, _value, rate in counters])
    else:
        spent, count = _count_in_cache(cache, keys, [rate for _kind, _value, rate in counters])
    if spent is None:
        return
    kind, _value, rate = counters[spent]
    window = int(now // rate.seconds)
    retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
    raise TooManyPosts(
        _LIMIT_MESSAGES.get(kind, _LIMIT_MESSAGES["other"]).format(seconds=retry_after),
        field="text" if kind == "text" else None,
        retry_after=retry_after,
    )


def _key(kind: str, value: str, rate: Rate, now: float) -> str:
    window = int(now // rate.seconds)
    digest = hashlib.sha256(f"{kind}\n{value}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{KEY_PREFIX}{kind}:{digest[:32]}:{rate.seconds}:{window}"


def _count_in_cache(cache, keys: list[str], rates: list[Rate]) -> tuple[int | None, int]:
    for index, (key, rate) in enumerate(zip(keys, rates, strict=True)):
        # add() creates the counter only if it is absent; incr() is atomic.
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=rate.seconds + 1)
            count = 1
        if count > rate.count:
            return index, count
    return None, 0


# KEYS: the counters; ARGV: each one's allowance and seconds to live, in turn.
# What add(key, 0) + incr(key) do per counter, all in one atomic call: INCR
# makes a missing counter 1 (Django's RedisCache stores integers as such).
_COUNT_SCRIPT = """
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, tonumber(ARGV[2 * i])) end
  if count > tonumber(ARGV[2 * i - 1]) then return {i, count} end
end
return {0, 0}
"""
_script = None


def _count_in_redis(cache, keys: list[str], rates: list[Rate]) -> tuple[int | None, int]:
    global _script
    client = cache._cache.get_client(write=True)
    if _script is None:
        _script = client.register_script(_COUNT_SCRIPT)
    args = [n for rate in rates for n in (rate.count, rate.seconds + 1)]
    names = [cache.make_and_validate_key(key) for key in keys]
    found, count = _script(keys=names, args=args, client=client)
    return (int(found) - 1 if int(found) else None), int(count)


_LIMIT_MESSAGES = {
    "ip": "Too many comments from your connection; please wait {seconds} seconds.",
    "email": "Too many comments from your address; please wait {seconds} seconds.",
    "text": "This text was just posted several times; please wait {seconds} seconds.",
    "precheck": "Too many checks from your connection; please wait {seconds} seconds.",
    "other": "Too many requests; please wait {seconds} seconds.",
}


def check_posting(*, ip: str, email: str, text: str, now: float | None = None) -> None:
    """The posting limits, cheapest first, one round trip on Redis. Raises RateLimited (429).

    A spent limit stops the count there: the ones after it are not counted."""
    counters = []
    if ip:
        counters.append(("ip", ip, settings.CIVILITY_RATE_LIMIT_IP))
    # One mailbox, one allowance: "a+1@x", '"a"@x' and "A@X" are one reader.
    # No e-mail (it is optional): no mailbox to count; "" would be everyone's.
    if email:
        counters.append(("email", identity.email(email), settings.CIVILITY_RATE_LIMIT_EMAIL))
    key = text_key(text)
    if len(key) >= SAME_TEXT_MIN_CHARS:
        counters.append(("text", key, settings.CIVILITY_RATE_LIMIT_SAME_TEXT))
    hit_all(counters, now=now)


def text_key(text: str) -> str:
    """What "the same text" means to every limit: the engine's text identity.

    A zero-width space, a Cyrillic "і", a fullwidth letter, another case or a
    trailing "!" read the same to a person, so they are the same text here
    (``civility.moderation.normalise.text_identity``). A text with no words
    at all (emoji, punctuation) keeps its characters, spacing folded, so
    that "👍" and "👎" stay two texts.
    """
    return text_identity(text) or " ".join(text.split()).casefold()


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
