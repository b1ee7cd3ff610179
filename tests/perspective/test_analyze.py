"""The Perspective-compatible endpoint: Perspective's shapes, Coral's requests.

Coral Talk (services/perspective/perspective.ts) builds its URL from the
endpoint setting plus ``/comments:analyze`` and ``?key=``, posts
``{comment: {text}, doNotStore, requestedAttributes: {MODEL: {}}, languages:
[lang]}`` and reads ``data.attributeScores[MODEL].summaryScore.value`` as a
number it compares with its threshold (0.8 by default). ``coral_reads``
below is that reading, step by step, failing where Coral's would.
"""

from __future__ import annotations

import json
import logging
import urllib.request

import pytest

from civility.moderation.verdict import Decision, Reason, Verdict
from civility.perspective.models import Analysis

pytestmark = pytest.mark.django_db

KEY = "test-perspective-key"
URL = "/v1alpha1/comments:analyze"


INSULT = Verdict(
    decision=Decision.REJECT,
    lang="en",
    scores={"violation": 0.95, "personal_attack": 0.93, "profanity": 0.40, "promotion": 0.01},
    reasons=(
        Reason("personal_attack", "No personal attacks.", 0.93, ((4, 9),), "personal_attacks"),
    ),
    model="stub-1",
)


@pytest.fixture
def enabled(settings):
    settings.CIVILITY_PERSPECTIVE_KEYS = ["old-key", KEY]
    return settings


@pytest.fixture
def stub(enabled, engine_answers):
    """stub(verdict) pins the engine's whole answer (INSULT unless told)."""

    def use(verdict=INSULT, raises=None):
        return engine_answers(verdict=verdict, raises=raises)

    return use


def coral_body(text: str, model: str = "TOXICITY", do_not_store: bool = True) -> dict:
    # formatBody() for "comments:analyze"; convertLanguage maps en-US (and anything unknown) to en.
    return {
        "comment": {"text": text},
        "doNotStore": do_not_store,
        "requestedAttributes": {model: {}},
        "languages": ["en"],
    }


def coral_reads(data: dict, model: str = "TOXICITY") -> float:
    score = data["attributeScores"][model]["summaryScore"]["value"]
    assert isinstance(score, int | float) and not isinstance(score, bool)
    assert 0.0 <= score <= 1.0
    return score


def analyze(client, body, key=KEY):
    path = f"{URL}?key={key}" if key is not None else URL
    return client.post(path, data=json.dumps(body), content_type="application/json")


# ------------------------------------------------------- Coral, real engine ----


@pytest.mark.django_db(transaction=True)
def test_coral_over_http_with_the_real_engine(live_server, enabled):
    """Coral's exact request, over a real socket, to the real engine."""
    endpoint = f"{live_server.url}/v1alpha1"  # what an admin types into Coral's endpoint field

    def send(text):
        # url.pathname = path.join(url.pathname, "/comments:analyze"); searchParams key
        request = urllib.request.Request(
            f"{endpoint}/comments:analyze?key={KEY}",
            data=json.dumps(coral_body(text)).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return json.loads(response.read())

    toxic = send("You are a stupid idiot and a moron, shut up.")
    civil = send("Thank you for the clear report on the ceasefire talks in Aleppo.")
    threshold = 0.8  # Coral's TOXICITY_THRESHOLD_DEFAULT / 100
    assert coral_reads(toxic) > threshold
    assert coral_reads(civil) < threshold
    assert toxic["languages"] == ["en"]
    # doNotStore: Coral's default is true, and nothing was kept.
    assert Analysis.objects.count() == 0


def test_every_attribute_coral_may_name_is_answered(client, stub):
    stub()
    attributes = [
        "TOXICITY",
        "SEVERE_TOXICITY",
        "IDENTITY_ATTACK",
        "INSULT",
        "PROFANITY",
        "THREAT",
        "SEXUALLY_EXPLICIT",
        "SPAM",
    ]
    body = coral_body("You idiot.")
    body["requestedAttributes"] = {name: {} for name in attributes}
    data = analyze(client, body).json()
    assert sorted(data["attributeScores"]) == sorted(attributes)
    for name in attributes:
        coral_reads(data, name)
    assert coral_reads(data, "INSULT") == pytest.approx(0.93)
    assert coral_reads(data, "TOXICITY") == pytest.approx(0.93)  # max over the toxic clauses
    assert coral_reads(data, "PROFANITY") == pytest.approx(0.40)
    assert coral_reads(data, "SPAM") == pytest.approx(0.01)
    assert data["attributeScores"]["INSULT"]["summaryScore"]["type"] == "PROBABILITY"


# -------------------------------------------------------------- doNotStore ----


def test_do_not_store_leaves_no_row_and_no_log_of_the_text(client, stub, caplog):
    stub()
    caplog.set_level(logging.DEBUG)
    text = "A very private sentence about my neighbour."
    assert analyze(client, coral_body(text, do_not_store=True)).status_code == 200
    assert Analysis.objects.count() == 0
    assert text not in caplog.text


def test_without_do_not_store_the_analysis_is_kept(client, stub):
    stub()
    body = {**coral_body("You idiot.", do_not_store=False), "clientToken": "c-1"}
    data = analyze(client, body).json()
    assert data["clientToken"] == "c-1"
    row = Analysis.objects.get()
    assert (row.text, row.client_token, row.kind) == ("You idiot.", "c-1", "analyze")
    assert row.scores == {"TOXICITY": pytest.approx(0.93)}


def test_a_failing_engine_answers_503_and_keeps_nothing(client, stub):
    stub(raises=RuntimeError("model file missing"))
    response = analyze(client, coral_body("You idiot.", do_not_store=False))
    assert response.status_code == 503
    assert response.json()["error"]["status"] == "UNAVAILABLE"
    assert Analysis.objects.count() == 0


def test_a_failed_engine_step_is_not_a_clean_score(client, stub):
    stub(Verdict(Decision.REVIEW, "en", {"violation": 0.0}, errors=("classifiers: boom",)))
    assert analyze(client, coral_body("Fine words.")).status_code == 503


# ----------------------------------------------------------------- spans ----


def test_span_annotations_come_from_the_evidence(client, stub):
    stub()
    body = {**coral_body("You idiot, really."), "spanAnnotations": True}
    body["requestedAttributes"] = {"INSULT": {}, "SPAM": {}}
    scores = analyze(client, body).json()["attributeScores"]
    assert scores["INSULT"]["spanScores"] == [
        {"begin": 4, "end": 9, "score": {"value": 0.93, "type": "PROBABILITY"}}
    ]
    # No evidence for SPAM: one span over the whole comment with its summary.
    assert scores["SPAM"]["spanScores"] == [
        {"begin": 0, "end": 18, "score": {"value": 0.01, "type": "PROBABILITY"}}
    ]


def test_score_threshold_leaves_out_lower_scores(client, stub):
    stub()
    body = coral_body("You idiot.")
    body["requestedAttributes"] = {
        "INSULT": {"scoreThreshold": 0.5},
        "SPAM": {"scoreThreshold": 0.5},
    }
    assert list(analyze(client, body).json()["attributeScores"]) == ["INSULT"]


def test_languages_are_hints_in_bcp47(client, stub):
    engine = stub()
    calls = []
    engine.moderate = lambda text, **kw: calls.append(kw) or INSULT
    body = {**coral_body("Tu aptalsın."), "languages": ["tr-TR"]}
    data = analyze(client, body).json()
    assert calls == [{"lang": "tr"}]
    assert data["languages"] == ["tr"] and data["detectedLanguages"] == ["en"]


# ---------------------------------------------------------------- errors ----


def error_of(response, code: int, status: str) -> str:
    assert response.status_code == code
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["code"] == code and body["error"]["status"] == status
    return body["error"]["message"]


def test_the_api_key_is_required_and_checked(client, stub):
    stub()
    assert "missing a valid API key" in error_of(
        analyze(client, coral_body("x"), key=None), 403, "PERMISSION_DENIED"
    )
    assert "API key not valid" in error_of(
        analyze(client, coral_body("x"), key="guess"), 400, "INVALID_ARGUMENT"
    )
    # Any configured key works (rotation); the header form too.
    assert analyze(client, coral_body("x"), key="old-key").status_code == 200
    response = client.post(
        URL,
        data=json.dumps(coral_body("x")),
        content_type="application/json",
        headers={"X-Goog-Api-Key": KEY},
    )
    assert response.status_code == 200


def test_no_keys_configured_disables_the_endpoint(client, settings):
    settings.CIVILITY_PERSPECTIVE_KEYS = []
    error_of(analyze(client, coral_body("x")), 403, "PERMISSION_DENIED")


@pytest.mark.parametrize(
    "body, message",
    [
        ({"requestedAttributes": {"TOXICITY": {}}}, "comment.text is required"),
        ({"comment": {"text": "  "}, "requestedAttributes": {"TOXICITY": {}}}, "empty"),
        ({"comment": {"text": "hi"}}, "requestedAttributes"),
        ({"comment": {"text": "hi"}, "requestedAttributes": {"FLIRTATION": {}}}, "FLIRTATION"),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {"scoreType": "X"}}},
            "scoreType",
        ),
        (
            {"comment": {"text": "x" * 20481}, "requestedAttributes": {"TOXICITY": {}}},
            "too long",
        ),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "doNotStore": 1},
            "doNotStore",
        ),
        (
            {
                "comment": {"text": "hola"},
                "requestedAttributes": {"TOXICITY": {}},
                "languages": ["es"],
            },
            "does not support request languages: es",
        ),
    ],
)
def test_bad_requests_answer_invalid_argument(client, stub, body, message):
    stub()
    assert message in error_of(analyze(client, body), 400, "INVALID_ARGUMENT")


def test_drop_unsupported_attributes_answers_without_them(client, stub):
    stub()
    body = {**coral_body("hola"), "languages": ["es"], "dropUnsupportedAttributes": True}
    assert analyze(client, body).json()["attributeScores"] == {}


def test_bad_json_and_wrong_method(client, stub):
    stub()
    response = client.post(f"{URL}?key={KEY}", data="{not json", content_type="application/json")
    error_of(response, 400, "INVALID_ARGUMENT")
    error_of(client.get(f"{URL}?key={KEY}"), 404, "NOT_FOUND")


# ----------------------------------------------------------- suggestscore ----


def test_suggest_score_as_coral_sends_it_is_kept(client, enabled):
    body = {
        "comment": {"text": "A fine comment."},
        "context": {"entries": [{"text": json.dumps({"Coral_comment_id": "c1"})}]},
        "attributeScores": {"TOXICITY": {"summaryScore": {"value": 0}}},
        "languages": ["en"],
        "communityId": "Coral:https://news.example",
        "clientToken": "comment:c1",
    }
    response = client.post(
        f"/v1alpha1/comments:suggestscore?key={KEY}",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["clientToken"] == "comment:c1"
    row = Analysis.objects.get()
    assert (row.kind, row.scores, row.community_id) == (
        "suggestion",
        {"TOXICITY": 0.0},
        "Coral:https://news.example",
    )


def test_an_unexpected_failure_still_answers_in_googles_shape(client, stub, monkeypatch, caplog):
    stub()

    def broken(**fields):
        raise RuntimeError(f"disk full while saving {fields['text']}")

    monkeypatch.setattr(Analysis.objects, "create", broken)
    text = "Words that must not reach the log."
    error_of(analyze(client, coral_body(text, do_not_store=False)), 500, "INTERNAL")
    assert text not in caplog.text
