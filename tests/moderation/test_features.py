"""The hashed features: stable columns, unit rows, chunking invisible."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civility.moderation import features
from civility.moderation.features import hash_features


def test_shape_dtype_and_unit_rows():
    x = hash_features(["hello world", "merhaba dünya", "مرحبا بالعالم", "a"], 2**16)
    assert x.shape == (4, 2**16) and x.dtype == np.float32
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_empty_input_and_empty_text():
    assert hash_features([]).shape == (0, 2**18)
    x = hash_features(["", "   "])
    assert x.shape[0] == 2
    # Whitespace-only texts collapse to the same padded empty text.
    assert (x[0] != x[1]).nnz == 0


def test_power_of_two_required():
    with pytest.raises(ValueError):
        hash_features(["a"], 1000)


def test_columns_are_pinned():
    """The columns are baked into the shipped weights: a change to the hashing
    must show up here (then bump FEATURES_VERSION and retrain)."""
    x = hash_features(["idiot"], 2**18)
    assert features.FEATURES_VERSION == "hash-v1"
    assert x.nnz == 19  # 6+5+4+3 char n-grams of " idiot ", and the word
    assert (x.indices.min(), x.indices.max()) == (9969, 261853)


def test_same_columns_in_another_process():
    """Python's str hash is salted per process; ours must not be."""
    code = (
        "from civility.moderation.features import hash_features;"
        "print(sorted(hash_features(['you idiot'], 2**18).indices.tolist()))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    here = str(sorted(hash_features(["you idiot"], 2**18).indices.tolist())) + "\n"
    assert runs == {here}


def test_word_boundaries_matter():
    a = hash_features(["the cat sat"], 2**18)
    b = hash_features(["thecat sat"], 2**18)
    assert (a != b).nnz > 0


def test_chunks_do_not_change_rows(monkeypatch):
    texts = [f"comment number {i} about things" for i in range(50)]
    whole = hash_features(texts, 2**16)
    monkeypatch.setattr(features, "CHUNK", 7)
    chunked = hash_features(texts, 2**16)
    assert (whole != chunked).nnz == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=6))
def test_rows_do_not_depend_on_the_batch(texts):
    batch = hash_features(texts, 2**14)
    for i, text in enumerate(texts):
        alone = hash_features([text], 2**14)
        assert abs(batch[i] - alone).max() < 1e-6


_WEIGHTS = np.random.default_rng(0).normal(size=(2**14, 5)).astype(np.float32)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=6))
def test_the_scoring_product_is_the_sparse_one_to_the_bit(texts):
    # The linear tier scores with hashed_product (no sparse matrix); it must
    # give what the matrix it was trained on gives, bit for bit, alone or batched.
    expected = hash_features(texts, 2**14) @ _WEIGHTS
    assert np.array_equal(features.hashed_product(texts, _WEIGHTS), expected)
    for i, text in enumerate(texts):
        assert np.array_equal(features.hashed_product([text], _WEIGHTS)[0], expected[i])


def test_the_scoring_product_in_chunks(monkeypatch):
    texts = [f"comment number {i} about things, {'word ' * i}" for i in range(30)] + ["", " "]
    expected = hash_features(texts, 2**14) @ _WEIGHTS
    monkeypatch.setattr(features, "CHUNK", 7)
    assert np.array_equal(features.hashed_product(texts, _WEIGHTS), expected)
    with pytest.raises(ValueError):
        features.hashed_product(["a"], _WEIGHTS[:1000])
