"""A real HTTP receiver on loopback (the article, the moderator, the engine and
``post``: tests/conftest.py)."""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest


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
