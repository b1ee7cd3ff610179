"""An article, a moderator, a stub engine, and a real HTTP receiver on loopback."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import threading

import pytest
from django.contrib.auth.models import Group, User

from civility.moderation.verdict import Decision, Reason, Verdict


class StubEngine:
    def __init__(self, decision="approve"):
        self.decision = Decision(decision)

    def moderate(self, text, **kwargs):
        reasons = ()
        if self.decision != Decision.APPROVE:
            reasons = (
                Reason("personal_attack", "No attacks.", 0.9, ((0, 3),), "personal_attacks"),
            )
        return Verdict(self.decision, "en", {"violation": 0.5}, reasons, model="stub-1")


@pytest.fixture
def article(db):
    from civility.articles.models import Article

    return Article.objects.create(
        slug="aleppo",
        title="Russia defends military action in Aleppo region",
        published=dt.date(2016, 4, 21),
        source="Rudaw",
        body="Russia defended military action.",
        language="en",
    )


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("mod", email="mod@example.org", password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def post(article):
    from civility.comments.actions import post_comment

    def _post(text="A fair point about the ceasefire.", decision="approve", **fields):
        fields.setdefault("author_name", "Shilan")
        fields.setdefault("author_email", "shilan@example.org")
        return post_comment(article=article, text=text, engine=StubEngine(decision), **fields)

    return _post


class Receiver:
    """A webhook receiver on a loopback port; ``down`` until ``start()``."""

    def __init__(self):
        with socket.socket() as probe:  # a port nobody listens on, yet
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks"
        self.received: list[tuple[dict, bytes]] = []
        self.answer = 204
        self.server = None

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.answer)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def events(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(db, receiver):
    from civility.webhooks.models import Endpoint

    return Endpoint.objects.create(name="newsroom", url=receiver.url, secret="s3cret")
