"""The classifier tiers and the cascade that decides which of them reads a comment.

Two tiers today:

* ``linear``: hashed character and word n-grams, one logistic head per
  category (classifiers.py). Every comment, every language; about 0.2 ms.
* ``transformer``: MiniLM-L6 with tuned top layers (transformer.py), stacked
  with the linear tier into one calibrated probability per category, except
  the categories its metadata leaves to the linear tier (``linear_heads``:
  threat). English (and undetermined) comments only; about 6-9 ms of CPU
  each.

The cascade (``mode="cascade"``, the default): the linear tier scores the
whole batch; the transformer then scores every comment that the linear tier
would not reject outright (its violation probability is below ``stop``) and
that is not clearly clean (its strongest category reaches ``start``, or a
rule of a learned category fired). ``start`` and ``stop`` are tuned at
training time on the calibration fold, never on the dev splits
(training/transformer_fit.py; the curve: bench/cascade_curve.py).

``mode="linear"`` never runs the transformer; ``mode="transformer"`` runs it
on every comment in its languages (to measure the cascade against).

When the transformer's files or the MiniLM base weights are not installed,
the engine falls back to the linear tier and says so in the version it
records with every decision (``...+transformer-missing``). Files that are
present but damaged, or a failure while scoring, are errors instead: the
classifier step fails and the comments are held (pre-moderation fails
closed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .categories import CATEGORIES

log = logging.getLogger("civility.moderation")

MODES = ("cascade", "linear", "transformer")
LINEAR = "linear"
TRANSFORMER = "transformer"
PROMOTION = "promotion"


@dataclass(frozen=True)
class Scored:
    """What the tiers said about one comment."""

    tiers: tuple[str, ...]  # the tiers that ran, weakest first
    scores: dict[str, float]  # the strongest tier's probabilities
    by_tier: dict[str, dict[str, float]]
    version: str  # every tier's version; see Tiers.version_for


def _load_linear():
    from .classifiers import load_models

    return load_models()


def _load_transformer():
    """The transformer tier, or None when it is not installed at all."""
    from .embeddings import find_model_dir
    from .transformer import META_FILE, MODELS_DIR, load_transformer

    if not (MODELS_DIR / META_FILE).is_file() or find_model_dir() is None:
        return None
    return load_transformer()


class Tiers:
    """The loaded tiers and the cascade's thresholds."""

    def __init__(self, linear, transformer=None, mode: str = "cascade") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.linear = linear
        self.transformer = transformer if mode != "linear" else None
        self.mode = mode
        cascade = (transformer.meta.get("cascade") if transformer is not None else None) or {}
        self.start = float(cascade.get("start", 0.0))
        self.stop = float(cascade.get("stop", 1.0))
        self.languages = frozenset(cascade.get("languages", ("en", "und")))
        # Categories the transformer reads but the linear tier keeps: its
        # score for them is the linear tier's (see LINEAR_HEADS in
        # training/transformer_fit.py for why threat is one).
        self.linear_heads = frozenset(cascade.get("linear_heads", ()))
        self.missing = mode != "linear" and transformer is None
        if self.missing:
            log.warning("transformer tier not installed: scoring with the linear tier alone")

    @classmethod
    def load(
        cls,
        mode: str = "cascade",
        linear_loader: Callable = _load_linear,
        transformer_loader: Callable = _load_transformer,
    ) -> Tiers:
        linear = linear_loader()
        transformer = transformer_loader() if mode != "linear" else None
        return cls(linear, transformer, mode)

    def route(
        self, linear: dict[str, np.ndarray], langs: Sequence[str], flagged: Sequence[bool]
    ) -> np.ndarray:
        """Which comments the transformer reads (a boolean mask)."""
        n = len(langs)
        if self.transformer is None or n == 0:
            return np.zeros(n, dtype=bool)
        ours = np.array([lang in self.languages for lang in langs], dtype=bool)
        if self.mode == "transformer":
            return ours
        learned = [c for c in CATEGORIES if c != PROMOTION]
        screen = np.max(np.stack([linear[c] for c in learned]), axis=0)
        unclear = (screen >= self.start) | np.asarray(flagged, dtype=bool)
        return ours & unclear & (linear["violation"] < self.stop)

    def version_for(self, ran_transformer: bool) -> str:
        """The model versions recorded with a decision: every tier's, the ones
        that did not read this comment marked ``skip:``, a missing one
        ``transformer-missing``."""
        parts = [str(self.linear.version)]
        if self.transformer is not None:
            label = self.transformer.label(self.linear.version)
            parts.append(label if ran_transformer else f"skip:{label}")
        elif self.missing:
            parts.append("transformer-missing")
        return "+".join(parts)

    def score(
        self, texts: Sequence[str], langs: Sequence[str], flagged: Sequence[bool] | None = None
    ) -> list[Scored]:
        """Every comment's tiers and probabilities, in order.

        ``texts``: normalised texts; ``flagged``: per comment, whether a rule
        of a learned category fired (such a comment is never "clearly clean").
        """
        texts = list(texts)
        flagged = [False] * len(texts) if flagged is None else list(flagged)
        linear = self.linear.predict_proba(texts, langs)
        routed = self.route(linear, langs, flagged)
        strong: dict[str, np.ndarray] = {}
        rows = np.flatnonzero(routed)
        if len(rows):
            picked = [texts[i] for i in rows]
            strong = self.transformer.predict_proba(
                picked, {c: v[rows] for c, v in linear.items()}, self.linear.version
            )
        position = {int(r): k for k, r in enumerate(rows)}
        columns = {c: np.asarray(v, dtype=np.float64).tolist() for c, v in linear.items()}
        strong_cols = {c: np.asarray(v, dtype=np.float64).tolist() for c, v in strong.items()}
        versions = {True: self.version_for(True), False: self.version_for(False)}
        out = []
        for i in range(len(texts)):
            lin = {c: columns[c][i] for c in CATEGORIES}
            k = position.get(i)
            if k is None:
                out.append(Scored((LINEAR,), lin, {LINEAR: lin}, versions[False]))
                continue
            tr = {c: lin[c] if c in self.linear_heads else strong_cols[c][k] for c in CATEGORIES}
            # Promotion has no head in either tier: the rules score it.
            out.append(
                Scored((LINEAR, TRANSFORMER), tr, {LINEAR: lin, TRANSFORMER: tr}, versions[True])
            )
        return out
