"""Text -> sparse hashed features, shared by training and inference.

The same function builds the matrix when the models are trained and when a
comment is scored, so the two can never drift apart. It is written with
numpy only (no scikit-learn) because the engine imports it at start-up and
calls it on every batch:

* character n-grams of length 2 to 5 over the text with its whitespace
  collapsed and one space of padding on each side (close to scikit-learn's
  ``char_wb``: n-grams see word edges, which carry most of the signal for
  insults hidden in longer words);
* word unigrams and bigrams (runs of letters/digits).

Every n-gram gets a polynomial hash computed for the whole batch at once from
prefix hashes (arithmetic modulo 2**64, which numpy's uint64 does for free),
then a mixing step, then the low bits pick the column. Python's own ``hash``
is salted per process, so it cannot be used: the columns must be the same in
every process, on every machine, forever (they are baked into the shipped
weights). Counts are damped (``1 + log(count)``) and each row is scaled to
unit length, so long comments do not get larger scores just for being long.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

# Changing any constant below changes the columns: bump FEATURES_VERSION and
# retrain. The version is stored in the model metadata and checked on load.
FEATURES_VERSION = "hash-v1"
CHAR_NGRAMS = (2, 3, 4, 5)
MAX_CHARS = 2000  # longer comments are cut: the head of a comment decides
_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_PAIR = np.uint64(0x9E3779B97F4A7C15)
_SALT_WORD = np.uint64(0x5851F42D4C957F2D)
_SALT_BIGRAM = np.uint64(0x14057B7EF767814F)
# Texts are scored in chunks so that the n-gram arrays stay small in memory.
CHUNK = 1024


@lru_cache(maxsize=1)
def _word_char_table() -> np.ndarray:
    """True for code points (Basic Multilingual Plane) that belong to words."""
    return np.array([chr(i).isalnum() for i in range(0x10000)], dtype=bool)


class _Powers:
    """BASE**k and BASE**-k modulo 2**64, grown on demand."""

    def __init__(self) -> None:
        self.pos = np.ones(1, dtype=np.uint64)
        self.neg = np.ones(1, dtype=np.uint64)

    def ensure(self, n: int) -> None:
        if len(self.pos) > n:
            return
        size = max(n + 1, 2 * len(self.pos))
        inv = np.uint64(pow(int(_BASE), -1, 2**64))
        with np.errstate(over="ignore"):
            self.pos = np.cumprod(np.full(size, _BASE, dtype=np.uint64))
            self.pos = np.concatenate(([np.uint64(1)], self.pos[:-1]))
            self.neg = np.cumprod(np.full(size, inv, dtype=np.uint64))
            self.neg = np.concatenate(([np.uint64(1)], self.neg[:-1]))


_POWERS = _Powers()


def _mix(x: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64), so that the low bits are well spread."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * _MIX1
        x = x ^ (x >> np.uint64(27))
        x = x * _MIX2
        return x ^ (x >> np.uint64(31))


def _prepare(text: str) -> str:
    # NUL separates the texts of a batch, so it must not occur inside one.
    return " " + " ".join(text[:MAX_CHARS].replace("\x00", " ").split()) + " "


def _chunk_entries(texts: Sequence[str], n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every n-gram of ``texts``, one entry per occurrence."""
    joined = "\x00".join(_prepare(t) for t in texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.uint64
    )
    length = len(codes)
    _POWERS.ensure(length + 1)
    pos, neg = _POWERS.pos, _POWERS.neg
    is_sep = codes == 0
    seg = np.cumsum(is_sep)  # document index of every position
    with np.errstate(over="ignore"):
        # prefix[k] = sum_{j<k} (c_j + 1) * BASE**(k-1-j)
        acc = np.cumsum((codes + np.uint64(1)) * neg[1 : length + 1])
        prefix = np.empty(length + 1, dtype=np.uint64)
        prefix[0] = 0
        prefix[1:] = acc * pos[1 : length + 1]

        rows, cols = [], []
        mask = np.uint64(n_features - 1)
        for n in CHAR_NGRAMS:
            if length < n:
                continue
            start = np.arange(length - n + 1)
            ok = (~is_sep[start]) & (seg[start] == seg[start + n - 1])
            start = start[ok]
            h = prefix[start + n] - prefix[start] * pos[n]
            rows.append(seg[start])
            cols.append(_mix(h ^ np.uint64(n)) & mask)

        table = _word_char_table()
        small = codes < 0x10000
        word = np.zeros(length + 2, dtype=bool)
        word[1:-1] = small & table[np.where(small, codes, 0).astype(np.int64)]
        starts = np.flatnonzero(word[1:-1] & ~word[:-2])
        ends = np.flatnonzero(word[1:-1] & ~word[2:]) + 1
        if len(starts):
            wh = _mix(prefix[ends] - prefix[starts] * pos[ends - starts])
            wseg = seg[starts]
            rows.append(wseg)
            cols.append(_mix(wh ^ _SALT_WORD) & mask)
            same = wseg[:-1] == wseg[1:]
            pair = wh[:-1][same] * _PAIR + wh[1:][same]
            rows.append(wseg[:-1][same])
            cols.append(_mix(pair ^ _SALT_BIGRAM) & mask)

    row = np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, np.int32)
    col = np.concatenate(cols).astype(np.int32) if cols else np.zeros(0, np.int32)
    return row, col


def _chunk_matrix(texts: Sequence[str], n_features: int) -> sparse.csr_matrix:
    n_docs = len(texts)
    row, col = _chunk_entries(texts, n_features)
    data = np.ones(len(row), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (row, col)), shape=(n_docs, n_features), dtype=np.float32)
    matrix.sum_duplicates()
    np.log(matrix.data, out=matrix.data)
    matrix.data += 1.0
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags((1.0 / norms).astype(np.float32)) @ matrix
    return matrix.tocsr()


def hash_features(texts: Sequence[str], n_features: int = 2**18) -> sparse.csr_matrix:
    """Return a ``len(texts) x n_features`` float32 CSR matrix of unit rows.

    ``n_features`` must be a power of two. Empty texts give empty rows.
    """
    if n_features & (n_features - 1):
        raise ValueError("n_features must be a power of two")
    texts = list(texts)
    if not texts:
        return sparse.csr_matrix((0, n_features), dtype=np.float32)
    parts = [_chunk_matrix(texts[i : i + CHUNK], n_features) for i in range(0, len(texts), CHUNK)]
    return parts[0] if len(parts) == 1 else sparse.vstack(parts, format="csr")


def hashed_product(texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
    """``hash_features(texts, len(weights)) @ weights`` for a dense float32
    ``weights``, without building the sparse matrix; the same numbers.

    The linear tier scores one comment per call on the web path, where
    scipy's construction of the matrix (COO to CSR, duplicates summed, the
    products with a diagonal and a ones matrix) cost more than the hashing.
    Here the damped, unit-length values are computed in numpy as scipy
    computes them (a row's squares summed by ``np.add.reduceat``; the
    diagonal product leaves a row's columns in falling order, and the product
    with ``weights`` adds the terms in that order, one after another), so the
    result is equal to the bit (tests/moderation/test_features.py). Training
    keeps ``hash_features``.
    """
    n_features = len(weights)
    if n_features & (n_features - 1):
        raise ValueError("n_features must be a power of two")
    texts = list(texts)
    out = np.zeros((len(texts), weights.shape[1]), dtype=np.float32)
    for first in range(0, len(texts), CHUNK):
        chunk = texts[first : first + CHUNK]
        row, col = _chunk_entries(chunk, n_features)
        if not len(row):
            continue
        # Sorted by row, then column: CSR's order after sum_duplicates.
        keys, counts = np.unique(row.astype(np.int64) * n_features + col, return_counts=True)
        rows = keys // n_features
        cols = keys % n_features
        values = np.log(counts.astype(np.float32))
        values += 1.0
        starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        ends = np.append(starts[1:], len(rows))
        norms = np.sqrt(np.add.reduceat(values * values, starts))
        norms[norms == 0] = 1.0
        values *= np.repeat((1.0 / norms).astype(np.float32), ends - starts)
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            # Falling column order, added strictly one after another (cumsum).
            # Row by row: a batch's (entries x heads) terms at once would
            # be ~30 MB for 1,000 comments.
            terms = weights[cols[start:end][::-1]]
            terms *= values[start:end][::-1, None]
            out[first + int(rows[start])] = np.cumsum(terms, axis=0)[-1]
    return out
