"""Training: reproducible files, loadable by the engine's loader, honest splits."""

from __future__ import annotations

import json

import numpy as np
import pytest

from civility.moderation.classifiers import META_FILE, WEIGHTS_FILE, Models
from civility.training import datasets
from civility.training.train import TrainConfig, _platt, train

# Small enough to train in seconds; big enough to fit five heads.
SMALL_SETS = ("jigsaw",)


@pytest.fixture(scope="module")
def two_runs(data_dir, tmp_path_factory):
    outs = []
    for run in ("a", "b"):
        out = tmp_path_factory.mktemp(run)
        train(
            TrainConfig(
                data=data_dir, out=out, seed=0, n_features=2**14, date="2026.01.01", sets=SMALL_SETS
            )
        )
        outs.append(out)
    return outs


def test_same_seed_same_files(two_runs):
    a, b = two_runs
    for name in (WEIGHTS_FILE, META_FILE):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_trained_files_load_and_score(two_runs):
    models = Models.load(two_runs[0])
    meta = json.loads((two_runs[0] / META_FILE).read_text())
    assert models.version.startswith("linear-2026.01.01-")
    assert set(meta["training_sets"]) <= set(SMALL_SETS)
    p = models.predict_proba(["you stupid idiot", "thanks for the edit"], ["en", "en"])
    assert p["violation"][0] > p["violation"][1]


def test_another_seed_changes_the_calibration_fold(data_dir, two_runs, tmp_path):
    train(
        TrainConfig(
            data=data_dir,
            out=tmp_path,
            seed=1,
            n_features=2**14,
            date="2026.01.01",
            sets=SMALL_SETS,
        )
    )
    assert (tmp_path / WEIGHTS_FILE).read_bytes() != (two_runs[0] / WEIGHTS_FILE).read_bytes()


def test_dev_split_is_stable_and_about_a_fifth():
    texts = [f"comment {i}" for i in range(5000)]
    first = [datasets.dev_split(t) for t in texts]
    assert first == [datasets.dev_split(t) for t in texts]
    assert 0.18 < first.count("dev") / len(texts) < 0.22


def test_only_ship_yes_sets_train():
    # The README's "ship: yes" folders, and nothing measured-only.
    folders = {folder for folder, _ in datasets.SOURCES.values()}
    assert "gab-hate-corpus" not in folders and "c3_constructive_comments" not in folders
    assert not set(datasets.TRAIN_SETS) & set(datasets.MEASURE_SETS)


def test_every_train_set_has_dev_rows_and_no_text_in_both(data_dir):
    for name in datasets.TRAIN_SETS:
        rows = datasets.load(name, data_dir)
        dev = {r.text for r in rows if r.split == "dev"}
        assert dev, name
        if name not in ("hatexplain", "edos", "convabuse", "reddit-misogyny", "osact2020-ar"):
            # Hash-split sets: a text is on one side only.
            assert not dev & {r.text for r in rows if r.split == "train"}, name


def test_platt_recovers_a_known_scaling():
    rng = np.random.default_rng(0)
    z = rng.normal(size=20000)
    y = (rng.random(20000) < 1 / (1 + np.exp(-(2.0 * z - 1.0)))).astype(int)
    a, b = _platt(z, y)
    assert a == pytest.approx(2.0, abs=0.15) and b == pytest.approx(-1.0, abs=0.1)
