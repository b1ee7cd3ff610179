"""The rows the transformer tier learns from, and the fold it is calibrated on.

Shared by both halves of the recipe (``transformer_train.py`` runs under
PyTorch in the training environment, ``transformer_fit.py`` calibrates in the
engine's own), so this module needs nothing beyond the standard library and
the loaders: no Django, no torch, nothing newer than Python 3.11.

Which rows:

* every English "ship: yes" set that labels at least one of the ten learned
  categories (``datasets.TRAIN_SETS``), plus the English synthetic threat
  rows with their civil counterparts (``threat_data``);
* never a dev row, nor a training row whose normalised text is also in a dev
  split (the same rule as the linear tier);
* a set that gives only positives for a category does not teach that
  category (``datasets`` explains why, with the C3 example), so its label is
  dropped for that head, not the row;
* large sets are subsampled (``CAPS``, seeded) so that one epoch fits the
  time budget on two cores and no one set's style dominates the shared
  encoder.

The calibration fold is the linear tier's own (``stable_unit(text,
"civility-calibration-<seed>:") < 0.15``): neither tier trains on it, so the
two tiers' scores there are both out of sample, and the stacking that turns
them into one calibrated probability per category (``transformer_fit.py``)
does not learn to trust an overfitted tier. The cascade's start is tuned on
it too; the dev splits only measure.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from civility.moderation.categories import CATEGORIES

from . import datasets
from .records import stable_unit

# The ten learned categories (promotion is left to the rules: no ship-able set).
HEADS: tuple[str, ...] = tuple(c for c in CATEGORIES if c != "promotion")
CALIBRATION_SHARE = 0.15
MISSING = -1
# What the PyTorch half writes for the calibrating half (both in --work).
TUNED_FILE = "transformer-tuned.safetensors"
TUNED_META = "transformer-tuned.json"

# English ship: yes sets and how many training rows each may give (None: all).
# Chosen so that one epoch is about 55,000 rows: OLID, HateXplain, Jigsaw and
# ConvAbuse whole (they carry the targets and the rare labels); the large,
# single-style sets (Davidson's tweets, EDOS and the sexism sets) capped.
CAPS: dict[str, int | None] = {
    "olid": None,
    "hatexplain": None,
    "jigsaw": None,
    "convabuse": None,
    "davidson": 8000,
    "edos": 8000,
    "stormfront": 5000,
    "callme": 4000,
    "reddit-misogyny": 4000,
    "mlma": 3000,
}


@dataclass(frozen=True)
class Row:
    """One training row: the text the model reads and one label per head."""

    text: str  # normalised, as the engine's classifier step passes it
    labels: tuple[int, ...]  # per HEADS: 1, 0 or MISSING
    dataset: str
    calibration: bool  # in the held-out calibration fold
    lang: str = "en"


def calibration_salt(seed: int) -> bytes:
    """The linear tier's calibration salt (training/train.py), on purpose."""
    return f"civility-calibration-{seed}:".encode()


def _threat_rows(seed: int) -> list[datasets.Example]:
    """The English synthetic threats and their civil counterparts
    (``threat_data``): the ship: yes sets hold 327 threat positives. English
    only, because MiniLM's word pieces are English."""
    from .threat_data import threat_examples

    return [ex for ex in threat_examples(seed=seed) if ex.lang == "en"]


def _positive_only(examples: Sequence[datasets.Example]) -> set[tuple[str, str]]:
    """(dataset, category) pairs where the set has positives and no negatives."""
    seen: dict[tuple[str, str], set[int]] = {}
    for ex in examples:
        for category, value in ex.labels.items():
            seen.setdefault((ex.dataset, category), set()).add(int(value))
    return {key for key, values in seen.items() if values == {1}}


def load_rows(
    root: Path,
    seed: int = 0,
    normalise: Callable[[str], str] | None = None,
    caps: dict[str, int | None] | None = None,
    sets: Iterable[str] | None = None,
    with_threats: bool = True,
) -> list[Row]:
    """The training and calibration rows, in a seeded order."""
    if normalise is None:
        from civility.moderation.classifiers import normalise_text as normalise
    caps = dict(CAPS if caps is None else caps)
    names = list(caps if sets is None else sets)
    examples: list[datasets.Example] = []
    for name in names:
        examples.extend(datasets.load(name, root))
    if with_threats:
        examples.extend(ex for ex in _threat_rows(seed) if ex.text and ex.text.strip())
    texts = [normalise(ex.text) for ex in examples]
    dev_texts = {t for t, ex in zip(texts, examples, strict=True) if ex.split == "dev"}
    drop = _positive_only([ex for ex in examples if ex.split == "train"])
    salt = calibration_salt(seed)
    by_set: dict[str, list[Row]] = {}
    for text, ex in zip(texts, examples, strict=True):
        if ex.split != "train" or text in dev_texts or not text.strip():
            continue
        labels = tuple(
            MISSING if head not in ex.labels or (ex.dataset, head) in drop else int(ex.labels[head])
            for head in HEADS
        )
        if all(v == MISSING for v in labels):
            continue
        calib = stable_unit(text, salt) < CALIBRATION_SHARE
        by_set.setdefault(ex.dataset, []).append(Row(text, labels, ex.dataset, calib, ex.lang))
    rows: list[Row] = []
    for name in sorted(by_set):
        found = by_set[name]
        cap = caps.get(name)
        if cap is not None and len(found) > cap:
            # Seeded per set, so adding a set does not change another's sample.
            found = random.Random(f"{seed}:{name}").sample(found, cap)
        rows.extend(found)
    random.Random(seed).shuffle(rows)
    return rows


def summary(rows: Sequence[Row]) -> dict[str, dict[str, int]]:
    """Per set: rows for training, rows for calibration, positives per head."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        entry = out.setdefault(row.dataset, {"train": 0, "calibration": 0})
        entry["calibration" if row.calibration else "train"] += 1
        for head, value in zip(HEADS, row.labels, strict=True):
            if value == 1:
                entry[head] = entry.get(head, 0) + 1
    return dict(sorted(out.items()))
