"""The shipped learned models: loading and batched scoring.

The models are linear: one logistic-regression head per category over the
hashed features of ``features.py``, plus language heads where a language has
its own labelled data (Arabic, Turkish). Each head's raw score goes through
Platt scaling (``1 / (1 + exp(-(a * z + b)))``), fitted on a held-out fold at
training time, so the numbers are calibrated probabilities the policy can
threshold.

The files live in ``models/``: ``linear.npz`` (weights as float16, biases)
and ``linear.json`` (everything else, human-readable). No pickles, no
scikit-learn at inference: numpy and scipy load in a fraction of a second,
and a model file can never run code.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .categories import CATEGORIES
from .features import FEATURES_VERSION, hashed_product

MODELS_DIR = Path(__file__).resolve().parent / "models"
WEIGHTS_FILE = "linear.npz"
META_FILE = "linear.json"


class ModelError(RuntimeError):
    """The model files are missing, damaged or from another feature version."""


def normalise_text(text: str) -> str:
    """The text the models see: the engine's normalised text.

    Training calls this on every row, so training and inference see the same
    text. Falls back to lower-casing only when the normaliser is absent (the
    metadata records which one a model was trained with).
    """
    return _normaliser()(text)


@lru_cache(maxsize=1)
def _normaliser():
    try:
        from .normalise import normalise
    except ImportError:
        return str.lower
    return lambda text: normalise(text).text


def normaliser_name() -> str:
    return "lowercase" if _normaliser() is str.lower else "civility.moderation.normalise"


@dataclass(frozen=True)
class Head:
    name: str  # "violation" or "ar:violation"
    category: str
    lang: str | None  # None: every language
    column: int
    platt_a: float
    platt_b: float


class Models:
    """Calibrated per-category probabilities for a batch of normalised texts."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict) -> None:
        if meta.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"model features {meta.get('features_version')!r} != code {FEATURES_VERSION!r}"
            )
        self.meta = meta
        self.version: str = meta["version"]
        self.n_features: int = int(meta["n_features"])
        if weights.shape != (self.n_features, len(meta["heads"])):
            raise ModelError(f"weights have shape {weights.shape}, metadata disagrees")
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.heads = tuple(
            Head(h["name"], h["category"], h.get("lang"), i, h["platt_a"], h["platt_b"])
            for i, h in enumerate(meta["heads"])
        )
        self._a = np.array([h.platt_a for h in self.heads], dtype=np.float32)
        self._b = np.array([h.platt_b for h in self.heads], dtype=np.float32)

    @classmethod
    def load(cls, directory: Path | str = MODELS_DIR) -> Models:
        directory = Path(directory)
        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            raw = (directory / WEIGHTS_FILE).read_bytes()
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read models in {directory}: {exc}") from exc
        digest = hashlib.sha256(raw).hexdigest()
        if meta.get("weights_sha256") not in (None, digest):
            raise ModelError(f"{WEIGHTS_FILE} does not match its metadata (sha256 {digest[:8]})")
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as npz:
            return cls(npz["weights"], npz["bias"], meta)

    def head_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """``len(texts) x n_heads`` calibrated probabilities (all heads)."""
        raw = hashed_product(texts, self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-(raw * self._a + self._b)))

    def predict_proba(self, texts: Sequence[str], langs: Sequence[str]) -> dict[str, np.ndarray]:
        """One array of ``len(texts)`` probabilities per category in CATEGORIES.

        ``texts`` are normalised texts; ``langs`` their language codes. A
        language head, where one exists, replaces the shared head for texts
        in that language. A category with no head (promotion: rules only)
        scores 0.
        """
        if len(texts) != len(langs):
            raise ValueError("texts and langs must have the same length")
        probs = self.head_probabilities(texts) if len(texts) else None
        langs_arr = np.asarray(list(langs), dtype=object)
        out: dict[str, np.ndarray] = {}
        for category in CATEGORIES:
            values = np.zeros(len(texts), dtype=np.float64)
            if probs is not None:
                for head in self.heads:
                    if head.category != category:
                        continue
                    if head.lang is None:
                        values = probs[:, head.column].astype(np.float64)
                for head in self.heads:
                    if head.category == category and head.lang is not None:
                        rows = langs_arr == head.lang
                        values[rows] = probs[rows, head.column]
            out[category] = values
        return out


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> Models:
    return Models.load(MODELS_DIR)


def load_models() -> Models:
    """The shipped models, loaded once per process (thread-safe)."""
    with _LOCK:
        return _cached()
