"""The peers beside the engine, on the same dev rows, in the same run.

``civility evaluate`` calls ``peer_table`` after scoring the dev splits: for
every set it draws a seeded sample (the peers are slow: better-profanity
reads about 40 comments a second), sends the texts to the peers' own
environment (``peers.py``), and measures each target's metric for the engine
and for every peer on exactly those rows. A peer has one score for
everything, so each AUC row compares the engine's category score with the
peer's one score; a peer "rejects" at 0.5 (better-profanity: any listed
word) and never holds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import numpy as np

from civility.moderation.categories import CATEGORIES

from . import peers as peer_runner
from .evaluate import Scored, Target, measure

PER_SET = 600
SEED = 0


def _subset(scored: Scored, idx: list[int]) -> Scored:
    return Scored(
        [scored.rows[i] for i in idx],
        {c: v[idx] for c, v in scored.scores.items()},
        scored.decisions[idx],
        scored.langs[idx],
        0,
    )


def _as_scored(scored: Scored, values: np.ndarray) -> Scored:
    decisions = np.where(values >= 0.5, "reject", "approve")
    return Scored(scored.rows, {c: values for c in CATEGORIES}, decisions, scored.langs, 0)


def peer_table(
    scored: dict[str, Scored],
    targets: Sequence[Target],
    python: str,
    per_set: int = PER_SET,
    log: Callable[[str], None] = print,
) -> str:
    samples: dict[str, list[int]] = {}
    texts: list[str] = []
    for name, one in scored.items():
        idx = list(range(len(one.rows)))
        if len(idx) > per_set:
            idx = sorted(random.Random(f"{SEED}:{name}").sample(idx, per_set))
        samples[name] = idx
        texts.extend(one.rows[i].text for i in idx)
    log(f"# peers: scoring {len(texts)} sampled dev comments with {python}")
    found = peer_runner.score(texts, python)
    names = list(found)
    lines = [
        "| dataset (dev sample) | label | metric | n | civility | " + " | ".join(names) + " |",
        "|---|---|---|---|---|" + "---|" * len(names),
    ]
    offset = 0
    sliced: dict[str, dict[str, Scored | None]] = {}
    for name, idx in samples.items():
        sub = _subset(scored[name], idx)
        sliced[name] = {"civility": sub}
        for peer, values in found.items():
            part = None if isinstance(values, str) else values[offset : offset + len(idx)]
            sliced[name][peer] = None if part is None else _as_scored(sub, part)
        offset += len(idx)
    for target in targets:
        if target.dataset not in sliced or target.metric.split(":")[0] not in (
            "auc",
            "reject_f1",
            "c3_rejected",
            "c3_approved",
        ):
            continue
        cells = []
        value, n = measure(target, sliced[target.dataset]["civility"])
        cells.append("n/a" if value is None else f"{value:.3f}")
        for peer in names:
            one = sliced[target.dataset][peer]
            v = None if one is None else measure(target, one)[0]
            cells.append("n/a" if v is None else f"{v:.3f}")
        lines.append(
            f"| {target.dataset} | {target.label} | {target.metric} | {n} | "
            + " | ".join(cells)
            + " |"
        )
    failed = [f"{peer}: {values}" for peer, values in found.items() if isinstance(values, str)]
    if failed:
        lines += ["", *failed]
    return "\n".join(lines)
