"""The cascade's quality/throughput curve: where the transformer starts vs
AUC, breaches scored low, and comments per second.

    .venv/bin/python bench/cascade_curve.py [--data /work/shared/data] [--n 4000]

Run by hand (timings depend on the machine and its load: note ``uptime``).
The comments are the seeded mixed dev stream of ``engine_throughput.py``
(every set, every language). Both tiers score every comment once; then, for
each candidate ``start`` (the linear tier's strongest category from which
the transformer reads a comment; ``stop`` as shipped), the cascade's
violation probability is assembled per comment, and:

* ``read``: share of the stream the transformer reads;
* ``AUC``: violation AUC over the stream's rows labelled for violation;
* ``breaches low``: share of those breaches whose violation probability
  stays below 0.2 (the kind a careful approval threshold would publish);
* ``comments/s``: the classifier step's throughput, from the CPU seconds the
  linear tier took for the whole stream plus the transformer's measured CPU
  seconds per comment for the share it reads (one thread). The rest of the
  engine (normalise, rules, policy) is the same for every row: see
  ``engine_throughput.py`` for whole-engine figures.

The shipped ``start`` was chosen on the calibration fold of the training
rows (training/transformer_fit.py), not on these dev rows; it is marked.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

STARTS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5, 1.01)


def stream(data: Path, n: int):
    """(text, dataset, violation label or None), seeded round-robin over the dev splits."""
    from civility.training import datasets

    pools = []
    for name in (*datasets.TRAIN_SETS, *datasets.MEASURE_SETS):
        rows = [r for r in datasets.load(name, data) if r.split == "dev"]
        random.Random(f"0:{name}").shuffle(rows)
        pools.append(rows)
    out = []
    while len(out) < n and any(pools):
        for pool in pools:
            if pool and len(out) < n:
                r = pool.pop()
                out.append((r.text, r.labels.get("violation")))
        pools = [p for p in pools if p]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=4000)
    args = parser.parse_args(argv)

    from sklearn.metrics import roc_auc_score

    from civility.moderation import steps
    from civility.moderation.cascade import Tiers
    from civility.moderation.categories import CATEGORIES
    from civility.moderation.context import Context
    from civility.moderation.innocent import mask_innocent

    rows = stream(args.data, args.n)
    # The engine's own first steps: what the classifier step would be given.
    contexts = steps.language(steps.normalise([Context(text=t) for t, _ in rows]))
    texts = [mask_innocent(c.normalised.text) for c in contexts]
    langs = [c.lang for c in contexts]
    labels = np.array([-1 if y is None else y for _, y in rows])
    tiers = Tiers.load("transformer")
    if tiers.transformer is None:
        print("the transformer tier is not installed")
        return 2
    t0 = time.process_time()
    linear = tiers.linear.predict_proba(texts, langs)
    linear_cpu = time.process_time() - t0
    ours = np.array([lang in tiers.languages for lang in langs])
    idx = np.flatnonzero(ours)
    t0 = time.process_time()
    strong = tiers.transformer.predict_proba(
        [texts[i] for i in idx], {c: v[idx] for c, v in linear.items()}, tiers.linear.version
    )
    per_comment = (time.process_time() - t0) / max(len(idx), 1)
    learned = [c for c in CATEGORIES if c != "promotion"]
    screen = np.max([linear[c] for c in learned], axis=0)
    known = labels >= 0
    print(
        f"{len(rows)} mixed dev comments ({int(known.sum())} labelled for violation, "
        f"{ours.mean():.0%} in the transformer's languages); linear tier "
        f"{1000 * linear_cpu / len(rows):.2f} ms CPU per comment, transformer "
        f"{1000 * per_comment:.1f} ms per comment it reads; shipped start {tiers.start}, "
        f"stop {tiers.stop}"
    )
    print()
    print("| start | read | violation AUC | breaches below 0.2 | classifier comments/s |")
    print("|---|---|---|---|---|")
    for start in (*STARTS, tiers.start):
        routed = ours & (screen >= start) & (linear["violation"] < tiers.stop)
        violation = linear["violation"].copy()
        where = np.flatnonzero(routed[idx])
        violation[idx[where]] = strong["violation"][where]
        auc = roc_auc_score(labels[known], violation[known])
        low = np.mean(violation[known & (labels == 1)] < 0.2)
        cpu = linear_cpu + routed.sum() * per_comment
        mark = " (shipped)" if start == tiers.start else ""
        shown = "linear only" if start > 1 else f"{start:g}{mark}"
        print(f"| {shown} | {routed.mean():.1%} | {auc:.4f} | {low:.1%} | {len(rows) / cpu:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
