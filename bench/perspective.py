"""Latency of the Perspective-compatible endpoint, as Coral calls it.

    .venv/bin/python bench/perspective.py [--n 200]

Run by hand, never as a test (timings depend on the machine and its load).
One threaded Django server in this process (wsgiref), a fresh SQLite database in a temporary folder, the real
engine, and Coral's request (``{comment: {text}, doNotStore: true,
requestedAttributes: {TOXICITY: {}}, languages: ["en"]}``) over a real
socket. Coral's default timeout is 300 ms: the figure to compare with is p99.
The texts are fixed sentences in the five languages, civil and not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request

TEXTS = [
    "Thank you for the clear report on the ceasefire talks in Aleppo.",
    "You are a stupid idiot and nobody wants to read your lies.",
    "The article forgets that the Peshmerga held this line for two years.",
    "Buy cheap watches at www.example-shop.com, best prices!!!",
    "هذا المقال ممتاز ويشرح الوضع في حلب بشكل واضح.",
    "ئەم هەواڵە زۆر باشە، سوپاس بۆ ڕووداو.",
    "Ev nûçe pir baş e, spas ji bo Rûdawê.",
    "Bu haber çok iyi, Halep'teki durumu iyi anlatıyor.",
]
KEY = "bench-key"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="requests to time")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="civility-bench-")
    os.environ.update(
        {
            "CIVILITY_DATA_DIR": data_dir,
            "CIVILITY_PERSPECTIVE_KEYS": KEY,
            "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *a):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1alpha1/comments:analyze?key={KEY}"

    def call(text: str) -> float:
        body = {
            "comment": {"text": text},
            "doNotStore": True,
            "requestedAttributes": {"TOXICITY": {}},
            "languages": ["en"],
        }
        request = urllib.request.Request(
            url, json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            json.loads(response.read())["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
        return (time.perf_counter() - start) * 1000

    first = call(TEXTS[0])  # loads the policy and models
    times = sorted(call(TEXTS[i % len(TEXTS)]) for i in range(args.n))
    q = statistics.quantiles(times, n=100)
    print(f"first request (loads the models): {first:.0f} ms")
    print(f"{args.n} requests: p50 {q[49]:.1f} ms, p90 {q[89]:.1f} ms, p99 {q[98]:.1f} ms")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
