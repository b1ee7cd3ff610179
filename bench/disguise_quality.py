"""Disguised insults, threats and hate, and disguised civil comments, through
the engine and two peers.

    .venv/bin/python bench/disguise_quality.py [--data DIR] [--n 200]
        [--peers-python /tmp/peers/bin/python] [--no-peers]

Rows and families: src/civility/training/disguise_eval.py (dev splits of
OLID, HateXplain, Jigsaw, OSACT, OffensEval-tr, C3; every family of
training/disguise.py that fits the row's script). Prints, per family and in
all: for harmful rows, the share published automatically as written and
disguised, and the share of rows NOT published as written that a disguise
gets published (target: at most 1%); for civil rows, the share rejected, and
the share of rows not rejected as written that a disguise gets rejected
(target: at most 2%). The peers (alt-profanity-check, better-profanity) do
not publish or reject; "published" is "not flagged" and "rejected" is
"flagged", on the same disguised rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from civility.training.disguise_eval import (  # noqa: E402
    civil_rows,
    disguised_cases,
    harmful_rows,
    tally,
)

PEERS_CHILD = r"""
import json, sys
texts = json.load(open(sys.argv[1]))
out = {}
try:
    from profanity_check import predict_prob
    out["alt-profanity-check"] = [bool(p >= 0.5) for p in predict_prob(texts)]
except Exception as exc:
    out["alt-profanity-check"] = f"failed: {exc}"
try:
    from better_profanity import profanity
    profanity.load_censor_words()
    out["better-profanity"] = [bool(profanity.contains_profanity(t)) for t in texts]
except Exception as exc:
    out["better-profanity"] = f"failed: {exc}"
print(json.dumps(out))
"""


def engine_decisions(texts: list[str]) -> tuple[list[str], list[tuple[tuple[int, int], ...]]]:
    from civility.moderation.context import Context
    from civility.moderation.engine import Engine

    engine = Engine()
    decisions, evidence = [], []
    for i in range(0, len(texts), 256):
        for v in engine.moderate_batch([Context(text=t) for t in texts[i : i + 256]]):
            decisions.append(str(v.decision))
            evidence.append(tuple(span for r in v.reasons for span in r.evidence))
    return decisions, evidence


def peer_flags(python: str, texts: list[str]) -> dict[str, list[bool] | str]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
    try:
        proc = subprocess.run(
            [python, "-c", PEERS_CHILD, f.name], capture_output=True, text=True, check=False
        )
    finally:
        os.unlink(f.name)
    if proc.returncode != 0:
        return {"peers": f"failed: {proc.stderr.strip()[-300:]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(title: str, kind: str, tallies: dict) -> None:
    print(f"\n{title}")
    if kind == "harmful":
        print(
            f"{'family':34s} {'n':>6s} {'published plain':>16s} {'disguised':>10s} {'by disguise':>12s}"
        )
        for family, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
            print(
                f"{family:34s} {t.n:6d} {t.rate('plain_published'):16.3f} "
                f"{t.rate('published'):10.3f} {t.rate('published_by_disguise', 'plain_published'):12.3f}"
            )
    else:
        print(
            f"{'family':34s} {'n':>6s} {'rejected plain':>15s} {'disguised':>10s} {'by disguise':>12s}"
        )
        for family, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
            print(
                f"{family:34s} {t.n:6d} {t.rate('plain_rejected'):15.3f} "
                f"{t.rate('rejected'):10.3f} {t.rate('rejected_by_disguise', 'plain_rejected'):12.3f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("CIVILITY_DATA", REPO.parent / "shared" / "data")),
    )
    parser.add_argument("--n", type=int, default=200, help="rows per class (harmful, civil)")
    parser.add_argument("--peers-python", default=sys.executable)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--examples", action="store_true", help="print disguised rows that changed")
    args = parser.parse_args()
    started = time.perf_counter()
    summary = {}
    for kind, rows in (
        ("harmful", harmful_rows(args.data, args.n)),
        ("civil", civil_rows(args.data, args.n)),
    ):
        texts = [t for t, _ in rows]
        plain, evidence = engine_decisions(texts)
        if kind == "civil":
            cases = disguised_cases(rows, [()] * len(rows), "civil", words=2)
        else:
            cases = disguised_cases(rows, evidence, "harmful")
        disguised, _ = engine_decisions([c.text for c in cases])
        tallies = tally(cases, plain, disguised, lambda d: d == "approve", lambda d: d == "reject")
        report(f"engine, {kind} rows: {len(rows)}, disguised: {len(cases)}", kind, tallies)
        if args.examples:
            for family, t in tallies.items():
                for example in t.examples if family != "all" else ():
                    print(f"  {family}: {example!r}")
        summary[f"engine {kind}"] = tallies["all"]
        if not args.no_peers:
            plain_flags = peer_flags(args.peers_python, texts)
            flags = peer_flags(args.peers_python, [c.text for c in cases])
            for peer, got in flags.items():
                if isinstance(got, str) or isinstance(plain_flags.get(peer), str):
                    print(f"\n{peer}: {got if isinstance(got, str) else plain_flags.get(peer)}")
                    continue
                peer_tallies = tally(
                    cases, plain_flags[peer], got, lambda f: not f, lambda f: bool(f)
                )
                report(
                    f"{peer}, {kind} rows (flagged = rejected)", kind, {"all": peer_tallies["all"]}
                )
                summary[f"{peer} {kind}"] = peer_tallies["all"]
    print(
        "\nsummary (harmful: published by disguise, target <= 0.01; civil: rejected by disguise, target <= 0.02)"
    )
    for name, t in summary.items():
        if name.endswith("harmful"):
            value = t.rate("published_by_disguise", "plain_published")
            print(
                f"  {name:34s} {value:.4f}  (published disguised {t.rate('published'):.3f}, plain {t.rate('plain_published'):.3f})"
            )
        else:
            value = t.rate("rejected_by_disguise", "plain_rejected")
            print(
                f"  {name:34s} {value:.4f}  (rejected disguised {t.rate('rejected'):.3f}, plain {t.rate('plain_rejected'):.3f})"
            )
    print(f"\n{time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
