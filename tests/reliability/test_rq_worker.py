"""`civility worker` on Redis (CIVILITY_TASKS=rq), as a process of its own.

A site that queues its background work in Redis: the web side (here a
`civility manage shell`, posting through the posting service) enqueues the
outbox's sender after the commit; nothing runs until a worker, a separate
process with the same settings (as on another machine), takes it from
Redis. tests/webhooks/test_rq_tasks.py covers retries and the dead letter.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.postgres


@pytest.fixture
def receiver():
    events: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            events.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.events = events
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_worker_process_runs_what_the_site_queued_in_redis(live_db, redis_url, receiver):
    import redis

    connection = redis.Redis.from_url(redis_url)
    stale = list(connection.scan_iter("rq:*"))
    if stale:
        connection.delete(*stale)
    live_db.env |= {
        "CIVILITY_TASKS": "rq",
        "CIVILITY_REDIS_URL": redis_url,
        "CIVILITY_ALERT_HELD_MINUTES": "0",
    }
    live_db.civility("manage", "migrate", "--verbosity", "0")  # django-rq's app, as an upgrade
    post = f"""
from civility.moderation.verdict import Decision, Verdict
from civility.posting.service import post_comment
from civility.webhooks.models import Endpoint

class Approve:
    def moderate(self, text, **kwargs):
        return Verdict(decision=Decision.APPROVE, lang="en", scores={{}}, model="test")

Endpoint.objects.create(name="cms", url="http://127.0.0.1:{receiver.server_port}/hooks", secret="s")
post_comment(article="{live_db_slug()}", author_name="Shilan", author_email="s@example.org",
             text="The ceasefire will not hold while Nusra is excluded.", engine=Approve())
"""
    live_db.civility("manage", "shell", "-c", post)
    assert connection.llen("rq:queue:default") == 1  # the outbox's sender, in Redis
    assert receiver.events == []  # nothing sent before a worker runs

    live_db.civility("worker", "--batch", timeout=180)
    assert sorted(e["type"] for e in receiver.events) == ["comment.approved", "comment.created"]
    assert connection.llen("rq:queue:default") == 0
    delivered = live_db.query("SELECT status FROM webhooks_delivery")
    assert {status for (status,) in delivered} == {"delivered"}


def live_db_slug() -> str:
    from livesite import SLUG

    return SLUG
