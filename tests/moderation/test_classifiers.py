"""The classifier contract: what the engine may rely on from ``load_models()``."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import numpy as np
import pytest

from civility.moderation.categories import CATEGORIES
from civility.moderation.classifiers import (
    META_FILE,
    MODELS_DIR,
    WEIGHTS_FILE,
    ModelError,
    Models,
    load_models,
    normalise_text,
)
from civility.moderation.features import FEATURES_VERSION
from civility.training.datasets import TRAIN_SETS

TEXTS = [
    "thank you for this careful report on the election in erbil",
    "you are a stupid fucking idiot and everyone hates you",
    "",
    "i will find you and kill you",
    "women are too stupid to vote",
    "çok güzel bir haber, teşekkürler",
    "شكرا على هذا المقال",
]
LANGS = ["en", "en", "en", "en", "en", "tr", "ar"]


@pytest.fixture(scope="module")
def models() -> Models:
    return load_models()


def test_load_is_cached(models):
    assert load_models() is models


def test_version_names_the_weights(models):
    assert re.fullmatch(r"linear-\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}", models.version)
    digest = hashlib.sha256((MODELS_DIR / WEIGHTS_FILE).read_bytes()).hexdigest()
    assert models.version.endswith(digest[:8])


def test_every_category_one_probability_per_text(models):
    probs = models.predict_proba([normalise_text(t) for t in TEXTS], LANGS)
    assert tuple(probs) == CATEGORIES
    for name, values in probs.items():
        assert isinstance(values, np.ndarray), name
        assert values.shape == (len(TEXTS),), name
        assert np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1)), name


def test_empty_batch(models):
    probs = models.predict_proba([], [])
    assert all(len(v) == 0 for v in probs.values()) and tuple(probs) == CATEGORIES


def test_lengths_must_agree(models):
    with pytest.raises(ValueError):
        models.predict_proba(["a", "b"], ["en"])


def test_batched_equals_one_by_one(models):
    texts = [normalise_text(t) for t in TEXTS]
    batch = models.predict_proba(texts, LANGS)
    for i, (text, lang) in enumerate(zip(texts, LANGS, strict=True)):
        single = models.predict_proba([text], [lang])
        for name in CATEGORIES:
            assert single[name][0] == pytest.approx(batch[name][i], abs=1e-6)


def test_scores_order_obvious_cases(models):
    texts = [normalise_text(t) for t in TEXTS]
    p = models.predict_proba(texts, LANGS)
    clean, insult, threat, sexist = 0, 1, 3, 4
    assert p["violation"][insult] > 0.8 > 0.3 > p["violation"][clean]
    assert p["personal_attack"][insult] > p["personal_attack"][clean]
    assert p["profanity"][insult] > p["profanity"][clean]
    assert p["threat"][threat] > p["threat"][clean]
    assert p["sexism"][sexist] > p["sexism"][clean]
    assert p["sexism"][sexist] > p["racism"][sexist]


def test_promotion_is_left_to_rules(models):
    p = models.predict_proba(["buy cheap watches at example.com"], ["en"])
    assert p["promotion"][0] == 0.0


def test_language_heads_replace_the_shared_head(models):
    heads = {h.name for h in models.heads}
    assert {"ar:violation", "tr:violation"} <= heads
    text = [normalise_text("sen bir aptalsın, defol git")]
    as_tr = models.predict_proba(text, ["tr"])["violation"][0]
    as_en = models.predict_proba(text, ["en"])["violation"][0]
    assert as_tr != as_en
    assert as_tr > 0.5


def test_files_are_data_only_and_small():
    # Data formats only (no pickles): npz, safetensors (the transformer tier), json.
    files = [p for p in MODELS_DIR.iterdir() if p.is_file()]
    assert {p.suffix for p in files} <= {".npz", ".json", ".safetensors"}
    assert sum(p.stat().st_size for p in files) <= 25 * 1024 * 1024
    with np.load(MODELS_DIR / WEIGHTS_FILE, allow_pickle=False) as npz:
        assert npz["weights"].dtype == np.float16


def test_metadata_describes_the_model(models):
    meta = json.loads((MODELS_DIR / META_FILE).read_text())
    assert meta["categories"] == list(CATEGORIES)
    assert meta["features_version"] == FEATURES_VERSION
    # Only sets marked "ship: yes" may train the shipped model.
    assert set(meta["training_sets"]) <= set(TRAIN_SETS)
    assert meta["normaliser"] == "civility.moderation.normalise"
    for head in meta["heads"]:
        assert head["n_positive"] > 0 and head["category"] in CATEGORIES


def _copy_models(tmp_path):
    for name in (WEIGHTS_FILE, META_FILE):
        shutil.copy(MODELS_DIR / name, tmp_path / name)
    return tmp_path


def test_damaged_weights_are_refused(tmp_path):
    folder = _copy_models(tmp_path)
    raw = bytearray((folder / WEIGHTS_FILE).read_bytes())
    raw[-40] ^= 0xFF
    (folder / WEIGHTS_FILE).write_bytes(bytes(raw))
    with pytest.raises(ModelError, match="does not match"):
        Models.load(folder)


def test_other_feature_version_is_refused(tmp_path):
    folder = _copy_models(tmp_path)
    meta = json.loads((folder / META_FILE).read_text())
    meta["features_version"] = "hash-v0"
    (folder / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="features"):
        Models.load(folder)


def test_missing_files_are_refused(tmp_path):
    with pytest.raises(ModelError, match="cannot read"):
        Models.load(tmp_path)
