"""Sweep the policy's reject thresholds on the dev splits: the trade-off table.

    .venv/bin/python bench/tune_policy.py [--data DIR] [--cache /tmp/tune.npz]
                                          [--policy FILE]

One engine pass scores every row (cached in --cache, so later runs take a
second), then each candidate policy is applied to the cached scores in
numpy, the same rule as the engine's policy and decide steps
(``civility.moderation.policy.decide_scores``). The rows:

* OLID (en), OffensEval 2020 (tr), OSACT 2020 (ar) dev splits: reject
  macro-F1 against the offensive label (held counts as not rejected);
* C3 news comments judged constructive and not toxic (en): the share
  rejected and the share approved without a human;
* Kurdish news sentences (ckb, kmr; no offensive language expected): the
  share rejected.

Each language is swept on its own rows: a threshold for ``ar`` moves only
comments identified as Arabic. The chosen values are in
``default_policy.toml`` and the table in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from civility.moderation.categories import CATEGORIES  # noqa: E402
from civility.moderation.policy import Policy, load_policy  # noqa: E402
from civility.moderation.policy_arrays import decide_scores  # noqa: E402

KURDISH = "kurdish_news_parallel_interdialect"
KURDISH_FILES = (("CKB-KMR_ckb_no_tag.txt", "ckb"), ("CKB-KMR_kmr_no_tag.txt", "kmr"))
KURDISH_ROWS = 3000  # per dialect: enough for a 3% bound, one engine pass stays short
SETS = ("olid", "offenseval2020-tr", "osact2020-ar", "c3")


def _rows(data: Path) -> dict[str, tuple[list[str], np.ndarray]]:
    """Per set: texts and a 0/1 array (offensive; for c3, 'welcome'; Kurdish: 0)."""
    from civility.training import datasets

    found = {}
    for name in SETS:
        rows = [r for r in datasets.load(name, data) if r.split == "dev"]
        if name == "c3":
            rows = [r for r in rows if r.extra.get("welcome")]
            label = np.ones(len(rows), dtype=int)
        else:
            rows = [r for r in rows if "violation" in r.labels]
            label = np.array([r.labels["violation"] for r in rows], dtype=int)
        found[name] = ([r.text for r in rows], label)
    for file, lang in KURDISH_FILES:
        lines = (data / KURDISH / file).read_text("utf-8").splitlines()
        texts = [t.strip() for t in lines if t.strip()][:KURDISH_ROWS]
        found[f"news-{lang}"] = (texts, np.zeros(len(texts), dtype=int))
    return found


def score(data: Path, cache: Path) -> dict[str, dict[str, np.ndarray]]:
    """Per set: ``scores`` (rows x CATEGORIES), ``langs``, ``errors``, ``label``."""
    if cache.exists():
        with np.load(cache) as stored:
            out: dict[str, dict[str, np.ndarray]] = {}
            for key in stored.files:
                name, _, field = key.rpartition("/")
                out.setdefault(name, {})[field] = stored[key]
            return out
    from civility.moderation.context import Context
    from civility.moderation.engine import Engine

    engine = Engine()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    out = {}
    for name, (texts, label) in _rows(data).items():
        started = time.time()
        verdicts = []
        for start in range(0, len(texts), 512):
            batch = texts[start : start + 512]
            verdicts += engine.moderate_batch([Context(text=t, now=now) for t in batch])
        out[name] = {
            "scores": np.array(
                [[float(v.scores.get(c) or 0.0) for c in CATEGORIES] for v in verdicts]
            ),
            "langs": np.array([v.lang for v in verdicts]),
            "errors": np.array([bool(v.errors) for v in verdicts]),
            "label": label,
        }
        print(f"# {name}: {len(texts)} rows in {time.time() - started:.1f}s", file=sys.stderr)
    np.savez_compressed(cache, **{f"{n}/{f}": a for n, d in out.items() for f, a in d.items()})
    return out


def figures(policy: Policy, scored) -> dict[str, float]:
    """The tuned figures of one policy over the cached scores."""
    out = {}
    for name, s in scored.items():
        decisions = decide_scores(
            policy, dict(zip(CATEGORIES, s["scores"].T, strict=True)), s["langs"]
        )
        decisions = np.where(s["errors"], "review", decisions)
        rejected = decisions == "reject"
        if name == "c3":
            out["c3_rejected"] = float(rejected.mean())
            out["c3_approved"] = float((decisions == "approve").mean())
        elif name.startswith("news-"):
            out[f"{name}_rejected"] = float(rejected.mean())
        else:
            out[name] = float(f1_score(s["label"], rejected.astype(int), average="macro"))
            out[f"{name}_held"] = float((decisions == "review").mean())
            # Offensive comments published without a human: what the review
            # band is there to catch.
            out[f"{name}_approved_off"] = float((decisions == "approve")[s["label"] == 1].mean())
    return out


def _with_language(policy: Policy, lang: str, **values) -> Policy:
    reject = values.get("violation_reject_at")
    if reject is not None and (policy.violation_review_at or 0) > reject:
        # A review threshold above the reject one is refused (and would be moot).
        values["violation_review_at"] = reject
    return policy.with_language(lang, **values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(os.environ.get("CIVILITY_DATA", ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/civility-tune.npz"))
    parser.add_argument("--policy", type=Path, default=None, help="default: the shipped one")
    args = parser.parse_args()
    scored = score(args.data, args.cache)
    chosen = load_policy(args.policy)
    base = replace(chosen, language_rules={})

    columns = ("olid", "offenseval2020-tr", "osact2020-ar")
    columns += ("offenseval2020-tr_held", "offenseval2020-tr_approved_off")
    columns += ("osact2020-ar_held", "osact2020-ar_approved_off", "c3_rejected", "c3_approved")
    columns += tuple(f"news-{lang}_rejected" for _, lang in KURDISH_FILES)
    short = {
        "olid": "OLID F1",
        "offenseval2020-tr": "tr F1",
        "osact2020-ar": "ar F1",
        "offenseval2020-tr_held": "tr held",
        "offenseval2020-tr_approved_off": "tr offensive approved",
        "osact2020-ar_held": "ar held",
        "osact2020-ar_approved_off": "ar offensive approved",
        "c3_rejected": "C3 rejected",
        "c3_approved": "C3 approved",
    }
    names = [
        short.get(c, c.replace("news-", "").replace("_rejected", " news rejected")) for c in columns
    ]
    header = "| policy | " + " | ".join(names) + " |"
    print(header)
    print("|---" * (len(columns) + 1) + "|")

    def row(label: str, policy: Policy) -> None:
        got = figures(policy, scored)
        print(f"| {label} | " + " | ".join(f"{got[c]:.3f}" for c in columns) + " |")

    row("no per-language rules", base)
    # One language at a time: its violation reject threshold (the other
    # languages keep the base rules, so the row shows what this one moves).
    for lang in ("en", "tr", "ar"):
        for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9):
            row(
                f"{lang} violation_reject_at {t}", _with_language(base, lang, violation_reject_at=t)
            )
    # Arabic and Turkish at violation_reject_at 0.6: where the review band
    # starts (below it, approved; from it to 0.6, held).
    for lang in ("tr", "ar"):
        for r in (0.3, 0.4, 0.5):
            rules = {"violation_reject_at": 0.6, "violation_review_at": r}
            row(f"{lang} reject 0.6, violation_review_at {r}", _with_language(base, lang, **rules))
    # English: the clause reject thresholds together (violation alone rejects
    # constructive criticism, see docs/evaluation.md).
    for t in (0.6, 0.7, 0.8):
        clauses = {
            c.id: {"reject_at": t} for c in base.clauses if c.prohibits and c.id != "promotion"
        }
        row(f"en clauses reject_at {t}", _with_language(base, "en", thresholds=clauses))
    row(f"chosen ({chosen.label})", chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
