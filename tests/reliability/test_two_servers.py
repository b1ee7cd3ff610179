"""Two app servers, one PostgreSQL, one Redis: what one server does, the other sees.

The deployment docs/deployment.md describes ("Several app servers"): two
`civility serve` instances (gunicorn) on two loopback ports, sharing the
database (comments, sessions, the outbox, the background tasks) and Redis
(rate limits, the published threads' cache). A reader or a moderator may
land on either server from one request to the next, so each check writes
through one server and reads through the other:

- the thread cache: B answers a thread (and caches it), A stores a comment,
  B's next answer has it at once and its old ETag no longer matches;
- a moderator's decision made on B purges A's cached thread;
- sessions: signed in on A, the moderator's cookie works on B (CSRF too);
- rate limits: a mailbox's allowance is spent across both servers;
- the outbox: events from both servers are sent by a worker that is a
  third process (`civility worker --batch`, as on another machine).

PostgreSQL only: two servers need a database server (SQLite is one file on
one host); `./run test` runs this in its PostgreSQL part.
"""

from __future__ import annotations

import http.cookiejar
import http.server
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from livesite import SLUG, Server

pytestmark = pytest.mark.postgres

MAILBOX_LIMIT = 2  # CIVILITY_RATE_LIMIT_EMAIL below: 2 comments per mailbox per 10 minutes
CIVIL = (
    "The ceasefire around Aleppo will not hold while Nusra is excluded, "
    "and Russia knows it. Comment {n}."
)


class Browser:
    """One person's cookies across both servers (cookies are per host, not per port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(self, port, method, path, *, json_body=None, form=None, headers=None):
        data, sent = None, dict(headers or {})
        if json_body is not None:
            data, sent["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"http://127.0.0.1:{port}"
            sent["Referer"] = f"http://127.0.0.1:{port}{path}"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", data=data, headers=sent, method=method
        )
        try:
            with self.opener.open(request, timeout=180) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Receiver(http.server.ThreadingHTTPServer):
    def __init__(self):
        self.events: list[dict] = []
        events = self.events

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                events.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def two_servers(request, tmp_path, redis_url, receiver):
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("two app servers share a PostgreSQL database (./run test's PostgreSQL part)")
    import redis

    live_db = request.getfixturevalue("live_db")
    live_db.env |= {
        "CIVILITY_REDIS_URL": redis_url,
        "CIVILITY_THREAD_CACHE": "redis",
        "CIVILITY_TASKS": "database",
        "CIVILITY_RATE_LIMIT_EMAIL": f"{MAILBOX_LIMIT}/600",
        "CIVILITY_ALERT_HELD_MINUTES": "0",
    }
    setup = f"""
from django.contrib.auth.models import Group, User
from civility.articles.models import Article
from civility.webhooks.models import Endpoint
user = User.objects.create_user("mod", "mod@example.org", "a long moderator password")
user.groups.add(Group.objects.get(name="moderators"))
Endpoint.objects.create(name="cms", url="http://127.0.0.1:{receiver.server_port}/hooks", secret="s")
print(Article.objects.get(slug="{SLUG}").pk)
"""
    article_id = int(live_db.civility("manage", "shell", "-c", setup).stdout.split()[-1])
    # Another run on this Redis may have cached an article with the same id
    # (each live database starts at 1): start this one's thread afresh.
    redis.Redis.from_url(redis_url).delete(f"civility:1:thread-version:{article_id}")
    servers = [Server(live_db, tmp_path / f"server-{name}.log") for name in "ab"]
    try:
        for server in servers:
            server.start(timeout=180)
        yield servers
    finally:
        for server in servers:
            server.stop()


def post(browser, port, n, email=None):
    body = {
        "author_name": f"Reader {n}",
        "author_email": email or f"reader{n}@example.org",
        "text": CIVIL.format(n=n),
    }
    status, _, raw = browser.request(port, "POST", f"/api/articles/{SLUG}/comments", json_body=body)
    return status, json.loads(raw or b"null")


def thread(browser, port, etag=None):
    headers = {"If-None-Match": etag} if etag else {}
    status, headers, raw = browser.request(
        port, "GET", f"/api/articles/{SLUG}/comments", headers=headers
    )
    items = json.loads(raw)["comments"] if status == 200 else None
    return status, headers.get("ETag"), items


def test_what_one_server_does_the_other_sees(two_servers, receiver):
    a, b = (server.port for server in two_servers)
    live_db = two_servers[0].live
    reader = Browser()

    # The thread cache, purged across servers by a comment stored on the other.
    status, etag, before = thread(reader, b)
    assert status == 200 and before == []
    assert thread(reader, b, etag)[0] == 304  # cached, validated
    status, answer = post(reader, a, 1)
    assert status == 201, answer  # published on A
    status, new_etag, after = thread(reader, b, etag)
    assert status == 200 and new_etag != etag
    assert [c["text"] for c in after] == [CIVIL.format(n=1)]

    # Rate limits: one mailbox's allowance, spent on both servers together.
    mailbox = "busy@example.org"
    answers = [post(reader, port, 10 + i, email=mailbox) for i, port in enumerate([a, b, a])]
    assert [status for status, _ in answers[:MAILBOX_LIMIT]] == [201] * MAILBOX_LIMIT
    assert answers[MAILBOX_LIMIT][0] == 429, answers[MAILBOX_LIMIT]

    # Sessions: sign in on A, decide on B; A's cached thread is purged.
    moderator = Browser()
    status, _, _ = moderator.request(a, "GET", "/accounts/login/")
    assert status == 200
    status, headers, _ = moderator.request(
        a,
        "POST",
        "/accounts/login/",
        form={
            "username": "mod",
            "password": "a long moderator password",
            "csrfmiddlewaretoken": moderator.cookie("csrftoken"),
        },
    )
    assert status == 302, "sign-in on A failed"
    assert moderator.request(b, "GET", "/moderate/")[0] == 200  # B knows the session
    status, _, published = thread(reader, a)
    assert status == 200 and len(published) == 1 + MAILBOX_LIMIT
    first = next(c["id"] for c in published if c["text"] == CIVIL.format(n=1))
    status, _, _ = moderator.request(
        b,
        "POST",
        f"/moderate/comments/{first}/decide/",
        form={
            "status": "rejected",
            "clause_id": "personal_attacks",
            "csrfmiddlewaretoken": moderator.cookie("csrftoken"),
        },
    )
    assert status in (200, 302), status
    status, _, now_published = thread(reader, a)
    assert first not in [c["id"] for c in now_published]

    # The outbox: a worker in a third process sends both servers' events.
    live_db.civility("worker", "--batch", timeout=300)
    types = sorted(e["type"] for e in receiver.events)
    stored = 1 + MAILBOX_LIMIT
    assert types.count("comment.created") == stored
    assert types.count("comment.approved") == stored
    assert types.count("comment.rejected") == 1 and types.count("comment.decision_reversed") == 1
    pending = live_db.query("SELECT count(*) FROM webhooks_delivery WHERE status <> 'delivered'")
    assert pending == [(0,)]
