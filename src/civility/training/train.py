"""Train the shipped linear models from the "ship: yes" sets.

    civility train --data /work/shared/data --out src/civility/moderation/models --seed 0

For every category one logistic-regression head is fitted on the rows whose
set labels that category (see ``datasets.py``), over all languages at once:
the Arabic and Turkish rows judged clean teach every head that ordinary
Arabic or Turkish is not a breach. Arabic and Turkish also get their own
violation heads (and Arabic an abuse head), because their base rates and
wording differ from English and one threshold must fit them all.

Per head, a calibration fold (15% of the training rows, chosen by a hash of
the text salted with the seed) is held out of the fit; Platt scaling is fitted
on it so the probabilities mean what they say. Dev rows (and any training row
whose normalised text also appears in a dev split) are never used.

Same data + same seed -> byte-identical files (liblinear is deterministic
for a fixed ``random_state``; weights are stored as float16; the npz is
written with fixed zip timestamps by numpy).
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from civility.moderation.categories import CATEGORIES
from civility.moderation.classifiers import META_FILE, WEIGHTS_FILE, normalise_text, normaliser_name
from civility.moderation.features import CHAR_NGRAMS, FEATURES_VERSION, hash_features

from . import datasets

N_FEATURES = 2**18
CALIBRATION_SHARE = 0.15
# Inverse regularisation strength, per head; chosen on the dev splits.
DEFAULT_C = 4.0
# Language heads: (language, category). Other categories use the shared head.
LANGUAGE_HEADS = (("ar", "violation"), ("ar", "abuse"), ("tr", "violation"))
# Promotion has no labelled training set: the rules score it.
MODEL_CATEGORIES = tuple(c for c in CATEGORIES if c != "promotion")
# A head needs at least this many positives (and some negatives) to be fitted;
# a category without a head scores 0 and is left to the rules.
MIN_POSITIVES = 5


@dataclass(frozen=True)
class TrainConfig:
    data: Path
    out: Path
    seed: int = 0
    n_features: int = N_FEATURES
    c: float = DEFAULT_C
    date: str = ""  # version date; default today (UTC)
    sets: tuple[str, ...] = tuple(datasets.TRAIN_SETS)


def _log(msg: str) -> None:
    print(f"[train {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a * z + b) on held-out scores (Platt 1999, with his
    smoothed targets so that a separable fold does not give infinite a)."""
    n_pos = labels.sum()
    n_neg = len(labels) - n_pos
    targets = np.where(labels == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 1.0, 0.0
    z = scores.astype(np.float64)
    for _ in range(100):  # Newton's method on the log-loss, two parameters
        p = 1 / (1 + np.exp(-(a * z + b)))
        g = np.array([np.sum((p - targets) * z), np.sum(p - targets)])
        w = p * (1 - p) + 1e-12
        h = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]])
        h += 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-9:
            break
    return float(a), float(b)


def _fit_head(x, y, calib, seed: int, c: float):
    fit_rows = ~calib
    clf = LogisticRegression(
        C=c, solver="liblinear", class_weight="balanced", random_state=seed, max_iter=200
    )
    clf.fit(x[fit_rows], y[fit_rows])
    w = clf.coef_.ravel().astype(np.float16)
    b = float(clf.intercept_[0])
    # Calibrate the float16 weights that ship, not the float64 ones.
    z = x[calib] @ w.astype(np.float32) + b
    a, pb = _platt(z, y[calib]) if calib.any() and 0 < y[calib].sum() < calib.sum() else (1.0, 0.0)
    return w, b, a, pb


def _drop_positive_only_sets(rows, idx: np.ndarray, category: str) -> np.ndarray:
    """Leave out the sets that give only positives for a category: all they
    can teach a head is that the set's style means a breach. Example: the
    toxic-spans news comments are all toxic, and with them the violation head
    learned that long news comments are violations (it held 74% of the C3
    constructive comments). Negative-only sets stay: clean Turkish tweets
    rightly teach the threat head that ordinary Turkish is not a threat."""
    negative = {rows[i].dataset for i in idx if rows[i].labels[category] == 0}
    return np.array([i for i in idx if rows[i].dataset in negative], dtype=np.int64)


def train(config: TrainConfig) -> dict:
    started = time.time()
    rows = datasets.load_many(config.sets, config.data)
    _log(f"loaded {len(rows)} rows from {len(config.sets)} sets")
    texts = [normalise_text(r.text) for r in rows]
    dev_texts = {t for t, r in zip(texts, rows, strict=True) if r.split == "dev"}
    keep = [
        i
        for i, (t, r) in enumerate(zip(texts, rows, strict=True))
        if r.split == "train" and t not in dev_texts
    ]
    rows = [rows[i] for i in keep]
    texts = [texts[i] for i in keep]
    _log(f"{len(rows)} training rows after removing dev and dev look-alikes")
    x = hash_features(texts, config.n_features)
    _log(f"features: {x.shape[0]} x {x.shape[1]}, {x.nnz} non-zeros")
    salt = f"civility-calibration-{config.seed}:".encode()
    calib_all = np.array([datasets.stable_unit(t, salt) < CALIBRATION_SHARE for t in texts])
    langs = np.array([r.lang for r in rows])

    heads, columns, biases = [], [], []
    specs = [(None, c) for c in MODEL_CATEGORIES] + list(LANGUAGE_HEADS)
    for lang, category in specs:
        idx = np.array(
            [
                i
                for i, r in enumerate(rows)
                if category in r.labels and (lang is None or langs[i] == lang)
            ],
            dtype=np.int64,
        )
        idx = _drop_positive_only_sets(rows, idx, category)
        y = np.array([rows[i].labels[category] for i in idx], dtype=np.int8)
        if len(idx) == 0 or y.sum() < MIN_POSITIVES or y.sum() == len(y):
            _log(f"head {lang or '*'}:{category}: too few labelled rows, skipped")
            continue
        calib = calib_all[idx]
        w, b, a, pb = _fit_head(x[idx], y, calib, config.seed, config.c)
        name = category if lang is None else f"{lang}:{category}"
        by_set: dict[str, list[int]] = {}
        for i in idx:
            counts = by_set.setdefault(rows[i].dataset, [0, 0])
            counts[0] += 1
            counts[1] += rows[i].labels[category]
        heads.append(
            {
                "name": name,
                "category": category,
                "lang": lang,
                "platt_a": round(a, 6),
                "platt_b": round(pb, 6),
                "n_train": int((~calib).sum()),
                "n_calibration": int(calib.sum()),
                "n_positive": int(y.sum()),
                "datasets": {
                    k: {"rows": v[0], "positive": v[1]} for k, v in sorted(by_set.items())
                },
            }
        )
        columns.append(w)
        biases.append(b)
        _log(f"head {name}: {len(idx)} rows, {int(y.sum())} positive, platt a={a:.3f} b={pb:.3f}")

    weights = np.stack(columns, axis=1)
    bias = np.array(biases, dtype=np.float32)
    config.out.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, weights=weights, bias=bias)
    raw = buffer.getvalue()
    digest = hashlib.sha256(raw).hexdigest()
    date = config.date or datetime.now(UTC).strftime("%Y.%m.%d")
    meta = {
        "version": f"linear-{date}-{digest[:8]}",
        "weights_sha256": digest,
        "features_version": FEATURES_VERSION,
        "features": {
            "char_ngrams": list(CHAR_NGRAMS),
            "word_ngrams": [1, 2],
            "hashing": "polynomial mod 2**64 + splitmix64",
        },
        "n_features": config.n_features,
        "normaliser": normaliser_name(),
        "categories": list(CATEGORIES),
        "heads": heads,
        "calibration": "platt, fitted on a held-out 15% fold of the training rows",
        "training_sets": {
            name: {"folder": datasets.SOURCES[name][0], "licence": datasets.SOURCES[name][1]}
            for name in config.sets
            if any(name in head["datasets"] for head in heads)
        },
        "dev_split": "official dev/validation where the set has one; else blake2b(salt + text), top 20%",
        "seed": config.seed,
        "C": config.c,
        "class_weight": "balanced",
    }
    (config.out / WEIGHTS_FILE).write_bytes(raw)
    (config.out / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    _log(f"wrote {meta['version']} ({len(raw) / 1e6:.1f} MB) in {time.time() - started:.0f}s")
    return meta
