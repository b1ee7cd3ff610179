"""Abuse by volume: rate limits, the same text again, the honeypot, the signed form.

The limits here are the shipped defaults (``strict_limits``): ten posts a
minute per address, five per e-mail, the same text three times an hour.
"""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from civility.abuse import bots, rate_limits
from civility.comments.models import Comment
from civility.errors import RateLimited
from civility.web.config import Rate

pytestmark = pytest.mark.django_db


def api_post(client, article, n: int, *, ip="203.0.113.7", email=None, text=None):
    payload = {
        "author_name": "Reader",
        "author_email": email or f"reader{n}@example.org",
        "text": text or f"Comment number {n} about the ceasefire.",
    }
    return client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps(payload),
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def assert_limited(response, code="rate_limited"):
    assert response.status_code == 429, response.content[:300]
    assert response.json()["error"]["code"] == code
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 3600


def test_ten_posts_a_minute_per_address(client, article, engine_answers, strict_limits):
    for n in range(10):
        assert api_post(client, article, n).status_code == 201
    assert_limited(api_post(client, article, 10))
    assert Comment.objects.count() == 10
    # Another address is not held back by the first one's flood.
    assert api_post(client, article, 11, ip="198.51.100.1").status_code == 201


def test_five_posts_a_minute_per_email(client, article, engine_answers, strict_limits):
    for n in range(5):
        response = api_post(client, article, n, ip=f"203.0.113.{n}", email="one@example.org")
        assert response.status_code == 201
    # The address is new, the e-mail is not; case does not dodge the limit.
    assert_limited(api_post(client, article, 5, ip="203.0.113.99", email="ONE@example.org"))
    assert Comment.objects.count() == 5


def test_the_same_text_three_times_an_hour_by_anyone(
    client, article, engine_answers, strict_limits
):
    spam = "Visit my shop for the best prices on everything you need!"
    for n in range(3):
        assert api_post(client, article, n, ip=f"203.0.113.{n}", text=spam).status_code == 201
    response = api_post(client, article, 3, ip="203.0.113.50", text=spam.upper() + "  ")
    assert_limited(response)
    assert response.json()["error"]["field"] == "text"
    assert int(response["Retry-After"]) <= 3600
    # Short, common texts are said in good faith by many readers.
    for n in range(5):
        assert api_post(client, article, n, ip=f"192.0.2.{n}", text="I agree.").status_code == 201


def test_the_form_answers_429_with_retry_after_and_keeps_the_text(
    client, article, engine_answers, settings
):
    settings.CIVILITY_RATE_LIMIT_IP = Rate(2, 60)
    url = f"/articles/{article.slug}/comments/"

    def post(n):
        return client.post(
            url,
            {
                "author_name": "Reader",
                "author_email": f"r{n}@example.org",
                "text": f"My considered view number {n}.",
                bots.TIMESTAMP_FIELD: bots.form_timestamp(),
            },
            follow=True,  # post, redirect, get: the page answers with the refusal's status
        )

    assert post(1).status_code == post(2).status_code == 200
    response = post(3)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "Too many comments from your connection" in html
    assert "My considered view number 3." in html  # nothing typed is lost
    assert Comment.objects.count() == 2


def test_counters_are_windows_that_end():
    rate = Rate(2, 60)
    value = f"window-{uuid.uuid4()}"
    rate_limits.hit("ip", value, rate, now=1200.0)
    rate_limits.hit("ip", value, rate, now=1230.0)
    with pytest.raises(RateLimited) as caught:
        rate_limits.hit("ip", value, rate, now=1250.0)
    assert caught.value.retry_after == 10  # the window ends at 1260
    rate_limits.hit("ip", value, rate, now=1261.0)  # a new window


def test_the_address_behind_a_proxy(rf, settings):
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert rate_limits.client_ip(request) == "10.0.0.2"  # no proxy trusted: the connection
    settings.CIVILITY_PROXY_COUNT = 1
    # The proxy appended the reader's address; whatever is left of it is the client's word.
    assert rate_limits.client_ip(request) == "203.0.113.9"
    settings.CIVILITY_PROXY_COUNT = 3
    assert rate_limits.client_ip(request) == "10.0.0.2"  # fewer hops than proxies: not trusted


def test_rate_settings_are_checked_at_start_up():
    from django.core.exceptions import ImproperlyConfigured

    from civility.web import config

    assert config.load({"CIVILITY_RATE_LIMIT_IP": "3/10"})["CIVILITY_RATE_LIMIT_IP"] == Rate(3, 10)
    for bad in ("10", "ten/60", "0/60", "10/-1", "10/60/2"):
        with pytest.raises(ImproperlyConfigured, match="CIVILITY_RATE_LIMIT_IP: must"):
            config.load({"CIVILITY_RATE_LIMIT_IP": bad})


# --- bots that never load the page ------------------------------------------


def form_post(client, article, **fields):
    data = {
        "author_name": "Reader",
        "author_email": "reader@example.org",
        "text": "A comment that a bot would like to place.",
        **fields,
    }
    # Post, redirect, get: the page the reader lands on answers with the status.
    return client.post(f"/articles/{article.slug}/comments/", data, follow=True)


# "   ": issue 12, item 9 (a honeypot of spaces passed: the check stripped it).
@pytest.mark.parametrize("trap", ["http://spam", "   ", "\t"])
def test_the_honeypot(client, article, engine_answers, trap):
    response = form_post(
        client,
        article,
        **{bots.TIMESTAMP_FIELD: bots.form_timestamp(), bots.HONEYPOT_FIELD: trap},
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    page = client.get(article.get_absolute_url()).content.decode()
    # People never see it: hidden, out of the tab order, no autofill.
    assert 'hidden aria-hidden="true"' in page and 'name="website"' in page
    assert 'tabindex="-1" autocomplete="off"' in page


@pytest.mark.parametrize(
    "issued, code",
    [
        (None, "form_unsigned"),
        ("1700000000", "form_unsigned"),
        ("1700000000:forged-signature", "form_unsigned"),
        ("expired", "form_expired"),
    ],
)
def test_the_signed_timestamp(client, article, engine_answers, issued, code):
    if issued == "expired":
        issued = bots.form_timestamp(now=rate_limits.time.time() - 2 * 86400)
    fields = {} if issued is None else {bots.TIMESTAMP_FIELD: issued}
    response = form_post(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "reload the page" in html or "expired" in html
    assert "A comment that a bot would like to place." in html  # kept for a person
    assert Comment.objects.count() == 0


def test_the_page_gives_a_valid_timestamp(client, article, engine_answers):
    page = client.get(article.get_absolute_url()).content.decode()
    token = page.split(f'name="{bots.TIMESTAMP_FIELD}" value="')[1].split('"')[0]
    assert form_post(client, article, **{bots.TIMESTAMP_FIELD: token}).status_code == 200


def test_too_fast_when_a_minimum_is_set(client, article, engine_answers, settings):
    settings.CIVILITY_FORM_MIN_SECONDS = 3
    fresh = bots.form_timestamp()
    assert form_post(client, article, **{bots.TIMESTAMP_FIELD: fresh}).status_code == 400
    older = bots.form_timestamp(now=rate_limits.time.time() - 5)
    assert form_post(client, article, **{bots.TIMESTAMP_FIELD: older}).status_code == 200


# --- several app servers share the counters through Redis --------------------


@pytest.fixture
def redis_caches(redis_url):
    """Two cache clients, as two app servers would hold, on one Redis.

    A key prefix of its own per test; only those keys are deleted afterwards.
    """
    prefix = f"civility-test-{uuid.uuid4().hex[:12]}"
    servers = [RedisCache(redis_url, {"KEY_PREFIX": prefix}) for _ in range(2)]
    yield servers
    client = servers[0]._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def test_limits_are_shared_between_servers_through_redis(redis_caches, monkeypatch):
    first, second = redis_caches
    rate = Rate(5, 60)
    for cache in (first, second, first, second, first):
        monkeypatch.setattr(rate_limits, "caches", {"default": cache})
        rate_limits.hit("ip", "203.0.113.8", rate)
    monkeypatch.setattr(rate_limits, "caches", {"default": second})
    with pytest.raises(RateLimited):
        rate_limits.hit("ip", "203.0.113.8", rate)
    # The address is hashed before it becomes a key.
    keys = [k.decode() for k in first._cache.get_client().scan_iter(match="civility-test-*")]
    assert keys and not any("203.0.113.8" in k for k in keys)


def test_redis_counts_exactly_under_concurrency(redis_caches, monkeypatch):
    first, second = redis_caches
    rate = Rate(40, 60)
    allowed, refused = [], []

    def server(cache):
        for _ in range(15):
            try:
                rate_limits.hit("email", "flood@example.org", rate, now=None)
                allowed.append(1)
            except RateLimited:
                refused.append(1)

    # Each thread stands for a server with its own client; rate_limits.caches is
    # swapped for a lookup that answers the thread's own cache.
    local = threading.local()
    monkeypatch.setattr(rate_limits, "caches", _ThreadCaches(local))
    threads = []
    for n in range(4):
        cache = (first, second)[n % 2]

        def run(cache=cache):
            local.cache = cache
            server(cache)

        threads.append(threading.Thread(target=run))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 40 and len(refused) == 20


@pytest.mark.parametrize("shared", [True, False], ids=["redis", "local-memory"])
def test_the_posting_limits_stop_at_the_first_spent(redis_caches, monkeypatch, settings, shared):
    """As one ``hit`` after another: past a spent limit the others are not counted."""
    cache = redis_caches[0] if shared else LocMemCache(f"abuse-{uuid.uuid4()}", {})
    monkeypatch.setattr(rate_limits, "caches", {"default": cache})
    settings.CIVILITY_RATE_LIMIT_IP = Rate(1, 60)
    settings.CIVILITY_RATE_LIMIT_EMAIL = Rate(5, 60)
    settings.CIVILITY_RATE_LIMIT_SAME_TEXT = Rate(5, 60)
    text = "The same words about the ceasefire, posted again."
    rate_limits.check_posting(ip="203.0.113.9", email="one@example.org", text=text, now=1200.0)
    with pytest.raises(RateLimited) as caught:
        rate_limits.check_posting(ip="203.0.113.9", email="one@example.org", text=text, now=1230.0)
    assert caught.value.field is None and caught.value.retry_after == 30
    # The address was spent, so the mailbox and the text were counted once, not twice.
    for _ in range(4):
        rate_limits.check_posting(ip="", email="one@example.org", text=text, now=1231.0)
    with pytest.raises(RateLimited) as caught:
        rate_limits.check_posting(ip="", email="ONE@example.org", text=text, now=1232.0)
    assert caught.value.field is None  # the mailbox's limit, checked before the text's


def test_the_posting_limits_are_one_round_trip_to_redis(redis_caches, monkeypatch):
    import redis

    monkeypatch.setattr(rate_limits, "caches", {"default": redis_caches[0]})
    text = "A comment long enough for the same-text limit to count it."

    def check():
        rate_limits.check_posting(ip="203.0.113.10", email="two@example.org", text=text)

    check()  # the first call may load the script into Redis
    commands = []
    execute = redis.Redis.execute_command

    def counted(self, *args, **options):
        commands.append(args[0])
        return execute(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    check()
    assert commands == ["EVALSHA"]  # three counters, one round trip


class _ThreadCaches:
    def __init__(self, local):
        self.local = local

    def __getitem__(self, name):
        return self.local.cache


def test_the_redis_setting_selects_the_shared_cache(tmp_path, redis_url):
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        "CIVILITY_DATA_DIR": str(tmp_path),
    }
    local = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert local.stdout.strip().endswith("LocMemCache"), local.stderr
    env["CIVILITY_REDIS_URL"] = redis_url
    shared = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert shared.stdout.strip().endswith("RedisCache"), shared.stderr
