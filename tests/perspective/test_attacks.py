"""Issue 12, item 7: the Perspective endpoint under attack, each as the issue wrote it.

Every parse error answers 400 in Google's shape (docs/perspective.md), never
500; HTML is read as a browser shows it; a NUL inside a word hides nothing.
The key's redaction from gunicorn's access log is tested through a real
``civility serve`` (tests/web/test_cli_web.py) and here on the logger itself.
"""

from __future__ import annotations

import json
import logging

import pytest

from civility.perspective.models import Analysis

pytestmark = pytest.mark.django_db

KEY = "test-perspective-key"
ANALYZE = f"/v1alpha1/comments:analyze?key={KEY}"
SUGGEST = f"/v1alpha1/comments:suggestscore?key={KEY}"


@pytest.fixture
def enabled(settings):
    settings.CIVILITY_PERSPECTIVE_KEYS = [KEY]
    return settings


def send(client, url, raw: str | bytes):
    return client.post(url, data=raw, content_type="application/json")


def google_400(response) -> str:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["code"], error["status"]) == (400, "INVALID_ARGUMENT")
    return error["message"]


def body(text="A fair comment.", **more) -> dict:
    return {"comment": {"text": text}, "requestedAttributes": {"TOXICITY": {}}, **more}


def test_deep_json_answers_400_not_500(client, enabled, engine_answers):
    deep = '{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "x": '
    google_400(send(client, ANALYZE, deep + "[" * 100_000 + "]" * 100_000 + "}"))
    # Deep enough to parse, far deeper than any Perspective request.
    google_400(send(client, ANALYZE, deep + "[" * 200 + "]" * 200 + "}"))
    google_400(send(client, SUGGEST, "[" * 100_000))


@pytest.mark.parametrize("store", [True, False])
def test_a_lone_surrogate_answers_400_not_500(client, enabled, engine_answers, store):
    raw = json.dumps(body(doNotStore=not store)).replace("A fair", "A \\ud800 fair")
    assert "\\ud800" in raw
    google_400(send(client, ANALYZE, raw))
    raw = json.dumps(body(clientToken="x")).replace('"x"', '"\\udfff"')
    google_400(send(client, ANALYZE, raw))
    suggestion = {
        "comment": {"text": "A \ud800 fair comment."},
        "attributeScores": {"TOXICITY": {"summaryScore": {"value": 0.1}}},
    }
    google_400(send(client, SUGGEST, json.dumps(suggestion)))
    assert not Analysis.objects.exists()


@pytest.mark.parametrize("entry", [[1], "0.9", 0.9, True, {"summaryScore": [0.9]}])
def test_a_non_object_suggestscore_entry_answers_400_not_500(client, enabled, entry):
    suggestion = {"comment": {"text": "A fine comment."}, "attributeScores": {"TOXICITY": entry}}
    assert "TOXICITY" in google_400(send(client, SUGGEST, json.dumps(suggestion)))
    assert not Analysis.objects.exists()


def toxicity(client, text: str, text_type: str = "") -> float:
    request = body(text, languages=["en"], doNotStore=True)
    if text_type:
        request["comment"]["type"] = text_type
    response = send(client, ANALYZE, json.dumps(request))
    assert response.status_code == 200, response.content
    return response.json()["attributeScores"]["TOXICITY"]["summaryScore"]["value"]


def test_html_entities_and_a_nul_hide_no_insult_from_the_real_engine(client, enabled):
    plain = toxicity(client, "You are a stupid idiot and a moron, shut up.")
    assert plain > 0.8
    # type HTML: tags stripped, then entities decoded, as a browser shows it.
    entities = "&#105;&#100;&#105;&#111;&#116;"
    shown = f"<p>You are a <b>stupid</b> {entities} and a &#x6d;oron, shut up.</p>"
    assert toxicity(client, shown, "HTML") == pytest.approx(plain)
    # A NUL (or another control character) inside a word is invisible, not a break.
    assert toxicity(client, "You are a stu\x00pid id\x00iot and a mo\x1bron, shut up.") == (
        pytest.approx(plain)
    )


def test_the_access_log_line_carries_no_key(tmp_path):
    """gunicorn's own logger, as `civility serve` configures it, writing a real line."""
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config

    from civility.web.access_log import RedactingLogger

    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = RedactingLogger(config)
    secret = "AIzaSyA-the-coral-install-key"
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": f"/v1alpha1/comments:analyze?key={secret}",
        "PATH_INFO": "/v1alpha1/comments:analyze",
        "QUERY_STRING": f"key={secret}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://coral.example/admin?apikey={secret}",
        "REMOTE_ADDR": "203.0.113.9",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("X-GOOG-API-KEY", secret)])
    logger.access(response, request, environ, dt.timedelta(seconds=0.01))
    for handler in logger.access_log.handlers:
        handler.flush()
    line = (tmp_path / "access.log").read_text()
    assert "comments:analyze?key=[redacted]" in line
    assert secret not in line
    atoms = logger.atoms(response, request, environ, dt.timedelta(seconds=0.01))
    assert not [name for name, value in atoms.items() if secret in str(value)]


def test_the_sites_own_log_lines_carry_no_key(caplog):
    from civility.web.access_log import RedactKeys

    record = logging.LogRecord(
        "civility.x", logging.ERROR, __file__, 1, "failed %s", ("/v1?key=s3cret&a=1",), None
    )
    RedactKeys().filter(record)
    assert record.getMessage() == "failed /v1?key=[redacted]&a=1"
