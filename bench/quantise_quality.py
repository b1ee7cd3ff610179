"""The transformer tier in float32 and in int8: dev AUCs and CPU, same rows, same run.

    .venv/bin/python bench/quantise_quality.py [--data /work/shared/data]
        [--variants none,int8,int8-blocks] [--sets olid,gab] [--limit N]

Run by hand (timings depend on the machine's load: the load average is
printed). For every English set that ``civility evaluate`` measures an AUC
on (the "check" half of its dev split, as tests/quality/test_dev_quality.py
reads it), the engine's own first steps prepare the texts (normalise,
language, rules, the innocent-word mask), the linear tier scores them once,
and then each variant of the transformer tier (transformer.QUANTISE) scores
every English row:

* ``tier``: the transformer's calibrated probability (stacked with the linear
  tier, as the cascade uses it) for the AUC's category, on every row;
* ``cascade``: what the classifier step gives: the transformer's probability
  where the cascade routes the row to it, the linear tier's elsewhere.

The rule: int8 ships (``inference.quantise`` in models/transformer.json)
only if no AUC moves more than 0.005 from float32's (docs/model-card.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

TOLERANCE = 0.005


def prepared(rows):
    """What the classifier step reads: texts, languages, rule flags."""
    from civility.moderation import steps
    from civility.moderation.context import Context
    from civility.moderation.engine import get_engine
    from civility.moderation.innocent import mask_innocent

    policy = get_engine().resolved_policy()
    contexts = [Context(text=r.text, policy=policy) for r in rows]
    contexts = steps.rules(steps.language(steps.normalise(contexts)))
    texts = [mask_innocent(c.normalised.text) for c in contexts]
    langs = [c.lang for c in contexts]
    flagged = [any(h.category in steps._LEARNED for h in c.hits) for c in contexts]
    return texts, langs, flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--variants", default="none,int8,int8-blocks")
    parser.add_argument("--sets", default="", help="comma-separated; default every English set")
    parser.add_argument("--limit", type=int, default=0, help="at most this many rows per set")
    args = parser.parse_args(argv)

    from sklearn.metrics import roc_auc_score

    from civility.moderation.cascade import Tiers
    from civility.moderation.transformer import TransformerTier
    from civility.training.evaluate import TARGETS, dev_rows

    variants = args.variants.split(",")
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base = Tiers.load("cascade")
    if base.transformer is None:
        print("the transformer tier is not installed")
        return 2
    tiers = {v: TransformerTier.load(quantise=v) for v in variants}
    for tier in tiers.values():  # sessions are built (and quantised) outside the timing
        tier.predict_proba(["warm-up"])
    heads = set(base.transformer.heads)
    wanted = set(args.sets.split(",")) if args.sets else None
    metrics: dict[str, list[str]] = {}
    for t in TARGETS:
        kind, _, category = t.metric.partition(":")
        if kind == "auc" and category in heads and (wanted is None or t.dataset in wanted):
            metrics.setdefault(t.dataset, []).append(category)
    cpu = {v: 0.0 for v in variants}
    scored_rows = 0
    table = []
    for name, categories in metrics.items():
        rows = dev_rows(name, args.data)
        if args.limit:
            rows = rows[: args.limit]
        texts, langs, flagged = prepared(rows)
        linear = base.linear.predict_proba(texts, langs)
        routed = base.route(linear, langs, flagged)
        ours = np.flatnonzero([lang in base.languages for lang in langs])
        if not len(ours):
            continue
        scored_rows += len(ours)
        out = {}
        for v, tier in tiers.items():
            started = time.process_time()
            strong = tier.predict_proba(
                [texts[i] for i in ours],
                {c: p[ours] for c, p in linear.items()},
                base.linear.version,
            )
            cpu[v] += time.process_time() - started
            out[v] = strong
        for category in categories:
            keep = np.array([category in r.labels for r in rows])
            y = np.array([r.labels.get(category, 0) for r in rows])
            if len(set(y[keep].tolist())) < 2:
                continue
            row = [name, category, int(keep.sum())]
            for v in variants:
                tier_score = linear[category].copy()
                tier_score[ours] = out[v][category]
                cascade = linear[category].copy()
                if category not in base.linear_heads:
                    cascade[routed] = tier_score[routed]
                row.append(
                    (
                        roc_auc_score(y[keep], tier_score[keep]),
                        roc_auc_score(y[keep], cascade[keep]),
                    )
                )
            table.append(row)
        print(f"# {name}: {len(rows)} rows, {len(ours)} English, {routed.mean():.0%} routed")
    print()
    head = " | ".join(f"{v}: tier / cascade" for v in variants)
    print(f"| set | AUC | rows | {head} | largest change from float |")
    print("|---|---|---|" + "---|" * len(variants) + "---|")
    worst = {v: 0.0 for v in variants}
    for name, category, n, *aucs in table:
        ref = aucs[0]
        cells = " | ".join(f"{a[0]:.4f} / {a[1]:.4f}" for a in aucs)
        deltas = []
        for v, a in zip(variants[1:], aucs[1:], strict=True):
            d = max(abs(a[0] - ref[0]), abs(a[1] - ref[1]))
            worst[v] = max(worst[v], d)
            deltas.append(f"{v} {d:.4f}")
        print(f"| {name} | {category} | {n} | {cells} | {', '.join(deltas)} |")
    print()
    for v in variants:
        ms = 1000 * cpu[v] / max(scored_rows, 1)
        verdict = ""
        if v != variants[0]:
            ok = worst[v] <= TOLERANCE
            verdict = (
                f"; largest AUC change {worst[v]:.4f}: "
                f"{'within' if ok else 'NOT within'} {TOLERANCE}"
            )
        print(f"{v}: {ms:.2f} ms CPU per English comment ({scored_rows} comments){verdict}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
