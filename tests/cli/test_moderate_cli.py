"""`civility moderate`: the JSON Lines contract, through a real process and in-process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from civility.cli.moderate import parse_line, render_verdict, stream
from civility.moderation import CATEGORIES, Decision, Reason, Verdict, load_policy

REPO = Path(__file__).resolve().parents[2]
KEYS = {"id", "decision", "lang", "scores", "reasons", "model", "relevance"}


def civility(*args, stdin: str = "", timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "civility", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
    )


def lines_of(proc: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def test_one_verdict_per_line_in_order_with_error_lines_and_exit_2():
    rows = [
        json.dumps({"id": 7, "text": "Thank you for the report."}),
        "{not json",
        json.dumps({"id": "b", "text": "Is the ceasefire over?", "lang": "en"}),
        json.dumps({"id": "c", "text": 12}),
        "",
        json.dumps(
            {
                "id": None,
                "text": "Russia bombs Aleppo again.",
                "article": {"title": "Aleppo", "body": "...", "lang": "en"},
            }
        ),
        json.dumps({"id": 4.5, "text": "x", "article": {"body": "no title"}}),
        json.dumps({"id": True, "text": "ok", "article": None, "lang": None}),
    ]
    proc = civility("moderate", stdin="\n".join(rows) + "\n")
    assert proc.returncode == 2, proc.stderr.decode()
    out = lines_of(proc)
    assert [o.get("id") for o in out] == [7, None, "b", "c", None, 4.5, True]
    assert out[1] == {"line": 2, "error": out[1]["error"]}
    assert out[1]["error"].startswith("not valid JSON")
    assert out[3] == {"line": 4, "id": "c", "error": "text: must be a string"}
    assert out[5] == {"line": 7, "id": 4.5, "error": "article.title: must be a string"}
    for verdict in (out[0], out[2], out[4], out[6]):
        assert set(verdict) == KEYS
        assert verdict["decision"] in ("approve", "review", "reject")
        assert set(verdict["scores"]) == {*CATEGORIES, "off_topic"}
        assert all(0 <= verdict["scores"][c] <= 1 for c in CATEGORIES)
        assert verdict["model"].endswith(load_policy().label)
    # off_topic is scored only when the comment comes with its article.
    assert [v["scores"]["off_topic"] is None for v in (out[0], out[2], out[6])] == [True] * 3
    assert 0 <= out[4]["scores"]["off_topic"] <= 1
    # Why it is null, and how it was judged when it is not.
    assert out[0]["relevance"]["reason"] == "no article"
    assert out[4]["relevance"]["method"] == "embedding"


def test_exit_0_from_a_file_when_every_line_reads(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": f"Comment {i} on Aleppo"}) for i in range(300)),
        encoding="utf-8",
    )
    proc = civility("moderate", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert [o["id"] for o in lines_of(proc)] == list(range(300))


def test_streams_output_before_input_ends():
    proc = subprocess.Popen(
        [sys.executable, "-m", "civility", "moderate"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    try:
        proc.stdin.write(b'{"id": "first", "text": "Hello from Erbil"}\n')
        proc.stdin.flush()
        got = []
        reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()))
        reader.start()
        reader.join(timeout=120)
        # stdin is still open: the verdict came out before the input ended.
        assert got and json.loads(got[0])["id"] == "first"
        proc.stdin.write(b'{"id": "second", "text": "Bye"}\n')
        proc.stdin.close()
        rest = proc.stdout.read()
        assert json.loads(rest)["id"] == "second"
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_text_prints_a_readable_verdict():
    proc = civility("moderate", "--text", "You are an idiot.")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.startswith("decision: ")
    assert "language: " in out and "scores:" in out and "model:" in out


def test_policy_option(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[clause]]\nid = 'x'\n", encoding="utf-8")
    proc = civility("moderate", "--policy", str(bad), stdin="")
    assert proc.returncode == 1
    assert "clause[0].kind" in proc.stderr.decode()

    custom = tmp_path / "custom.toml"
    text = load_policy_text().replace('name = "rudaw-community-guidelines"', 'name = "my-site"')
    custom.write_text(text, encoding="utf-8")
    proc = civility("moderate", "--policy", str(custom), stdin='{"id": 1, "text": "hi"}\n')
    assert proc.returncode == 0, proc.stderr.decode()
    assert lines_of(proc)[0]["model"].endswith(f"+my-site@{load_policy().version}")


def load_policy_text() -> str:
    return (REPO / "src/civility/moderation/default_policy.toml").read_text(encoding="utf-8")


# --- in-process: batching and parsing -----------------------------------------------


class FakeEngine:
    def __init__(self):
        self.batches = []

    def moderate_batch(self, contexts):
        self.batches.append(len(contexts))
        return [
            Verdict(Decision.REVIEW if "?" in c.text else Decision.APPROVE, c.lang_hint or "en", {})
            for c in contexts
        ]


def test_stream_batches_whatever_is_waiting_and_keeps_order():
    rows = [json.dumps({"id": i, "text": "why?" if i % 3 else "fine"}) for i in range(600)]
    sink = io.BytesIO()
    engine = FakeEngine()
    status = stream(io.BytesIO(("\n".join(rows) + "\n").encode()), sink, engine, batch_size=256)
    assert status == 0
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [o["id"] for o in out] == list(range(600))
    assert [o["decision"] for o in out[:3]] == ["approve", "review", "review"]
    assert sum(engine.batches) == 600 and max(engine.batches) <= 256


def test_stream_reports_bad_utf8_and_engine_failures():
    class Broken:
        def moderate_batch(self, contexts):
            raise RuntimeError("bug")

    sink = io.BytesIO()
    data = b'{"id": 1, "text": "a"}\n\xff\xfe\n'
    assert stream(io.BytesIO(data), sink, Broken()) == 2
    first, second = (json.loads(line) for line in sink.getvalue().splitlines())
    assert first == {"line": 1, "id": 1, "error": "engine: RuntimeError('bug')"}
    assert second["line"] == 2 and second["error"].startswith("not UTF-8")


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"[1, 2]", "each line must be a JSON object"),
        (b'{"id": NaN, "text": "a"}', "not valid JSON: NaN is not a JSON value"),
        (
            b'{"id": [1], "text": "a"}',
            "id: must be a JSON scalar (string, number, boolean or null)",
        ),
        (b'{"id": 1}', "text: missing"),
        (b'{"id": 1, "text": "a", "lang": 5}', "lang: must be a string or null"),
        (b'{"id": 1, "text": "a", "article": "x"}', "article: must be an object"),
        (b'{"id": 1, "text": "a", "article": {"title": "t", "body": 1}}', "article.body"),
    ],
)
def test_parse_line_errors(raw, error):
    out = parse_line(3, raw)
    assert out["line"] == 3 and out["error"].startswith(error)
    assert ("id" in out) == (b'"id": 1' in raw)


def test_parse_line_accepts_the_full_shape_and_a_bom():
    out = parse_line(
        1,
        '\ufeff{"id": "x", "text": "t", "lang": "ar", "article": {"title": "T", "body": "B", "lang": "ar"}}'.encode(),
    )
    ctx = out["context"]
    assert out["id"] == "x" and ctx["lang_hint"] == "ar" and ctx["article"].title == "T"
    assert parse_line(5, b"   \n") is None


def test_render_verdict_quotes_evidence_and_the_clause():
    policy = load_policy()
    text = "You are an idiot."
    reason = Reason(
        "personal_attack",
        policy.clause("personal_attacks").text,
        0.97,
        ((11, 16),),
        "personal_attacks",
    )
    scores = {name: 0.0 for name in CATEGORIES} | {"personal_attack": 0.97, "off_topic": None}
    verdict = Verdict(Decision.REJECT, "en", scores, (reason,), "m1+p@1")
    out = render_verdict(text, verdict, policy)
    assert "decision: reject" in out
    assert "Rejected: personal attacks are not allowed." in out
    assert "We will not tolerate the following: personal attacks." in out
    assert 'evidence: "idiot"' in out
    assert "personal_attack 0.97" in out


def test_render_verdict_says_why_a_comment_is_held():
    policy = load_policy()
    scores = dict.fromkeys(CATEGORIES, 0.0) | {"off_topic": None}
    held = render_verdict("سڵاو", Verdict(Decision.REVIEW, "ckb", scores), policy)
    assert "held:     this policy does not approve 'ckb' comments automatically" in held
    failed = Verdict(Decision.REVIEW, "en", scores, errors=("rules: OSError: gone",))
    out = render_verdict("x", failed, policy)
    assert "held because a check failed: rules: OSError: gone" in out
    assert "Rejected" not in out
