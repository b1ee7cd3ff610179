"""Score dev comments with the peers, in their own environment, in the same run.

The peers (bench/requirements.txt) pin their own scikit-learn and old
dependencies, so they live in a separate virtual environment; we send them
the texts as a JSON file and read one score per text back. Each peer's score
is its own "how offensive" number:

* ``alt-profanity-check``: ``predict_prob`` (a linear SVM on a bag of words);
* ``better-profanity``: ``contains_profanity`` (a word list; 0 or 1);
* ``hatesonar``: 1 - the probability of its "neither" class (hate speech or
  offensive language; needs a UTF-8 locale, given here as C.UTF-8).

A peer that cannot be imported or fails is reported with its error, not
dropped silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

PEERS = ("alt-profanity-check", "better-profanity", "hatesonar")
REPO = Path(__file__).resolve().parents[3]

CHILD = r"""
import json, sys, time
texts = json.load(open(sys.argv[1]))
wanted = sys.argv[2].split(",")
out = {}
def run(name, fn):
    if name not in wanted:
        return
    started = time.perf_counter()
    try:
        out[name] = {"scores": [float(s) for s in fn(texts)]}
    except Exception as exc:
        out[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        return
    out[name]["seconds"] = time.perf_counter() - started
def profanity_check(texts):
    from profanity_check import predict_prob
    return predict_prob(texts)
def better_profanity(texts):
    from better_profanity import profanity
    profanity.load_censor_words()
    return [float(profanity.contains_profanity(t)) for t in texts]
def hatesonar(texts):
    from hatesonar import Sonar
    sonar = Sonar()
    scores = []
    for t in texts:
        classes = {c["class_name"]: c["confidence"] for c in sonar.ping(text=t)["classes"]}
        scores.append(1.0 - classes["neither"])
    return scores
run("alt-profanity-check", profanity_check)
run("better-profanity", better_profanity)
run("hatesonar", hatesonar)
print(json.dumps(out))
"""


def default_python() -> str | None:
    """$CIVILITY_PEERS_PYTHON, else ../peers/bin/python beside the repository."""
    configured = os.environ.get("CIVILITY_PEERS_PYTHON")
    if configured:
        return configured
    candidate = REPO.parent / "peers" / "bin" / "python"
    return str(candidate) if candidate.exists() else None


def score(
    texts: Sequence[str], python: str, peers: Sequence[str] = PEERS
) -> dict[str, np.ndarray | str]:
    """Per peer, one score per text (an array), or why it could not run (a str)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(list(texts)))
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONUTF8="1")
        proc = subprocess.run(
            [python, "-c", CHILD, str(path), ",".join(peers)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    if proc.returncode != 0 or not proc.stdout.strip():
        reason = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return {name: f"failed: {reason}" for name in peers}
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    out: dict[str, np.ndarray | str] = {}
    for name in peers:
        entry = found.get(name, {"error": "not run"})
        out[name] = (
            np.asarray(entry["scores"], dtype=np.float64)
            if "scores" in entry
            else f"failed: {entry['error']}"
        )
    return out
