"""The transformer tier's training rows, calibration and cascade thresholds.

The fine-tuning itself needs PyTorch, which lives only in the training
environment (training/trainenv.py); what is tested here is everything around
it that the engine's environment runs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from civility.training import datasets
from civility.training.records import stable_unit
from civility.training.transformer_data import (
    CALIBRATION_SHARE,
    HEADS,
    MISSING,
    calibration_salt,
    load_rows,
)
from civility.training.transformer_fit import cascade_thresholds, fit_logistic

SMALL = {"jigsaw": None, "edos": 3000}


@pytest.fixture(scope="module")
def rows(data_dir):
    return load_rows(data_dir, seed=0, caps=SMALL)


def test_no_dev_row_and_no_dev_look_alike(rows, data_dir):
    from civility.moderation.classifiers import normalise_text

    dev = {
        normalise_text(r.text)
        for name in SMALL
        for r in datasets.load(name, data_dir)
        if r.split == "dev"
    }
    assert rows and not any(r.text in dev for r in rows)


def test_calibration_fold_is_the_linear_tiers(rows):
    salt = calibration_salt(0)
    assert salt == b"civility-calibration-0:"  # training/train.py's salt
    for r in rows:
        assert r.calibration == (stable_unit(r.text, salt) < CALIBRATION_SHARE)
    share = np.mean([r.calibration for r in rows])
    assert 0.10 < share < 0.20


def test_caps_and_seeded_order(rows, data_dir):
    edos = [r for r in rows if r.dataset == "edos"]
    assert len(edos) == 3000
    again = load_rows(data_dir, seed=0, caps=SMALL)
    assert [r.text for r in again] == [r.text for r in rows]
    other = load_rows(data_dir, seed=1, caps=SMALL)
    assert [r.text for r in other] != [r.text for r in rows]


def test_unlabelled_heads_are_missing_and_positive_only_sets_teach_nothing(rows):
    edos = [r for r in rows if r.dataset == "edos"]
    violation = HEADS.index("violation")
    # EDOS labels violation only where it found sexism: positives only, dropped.
    assert all(r.labels[violation] == MISSING for r in edos)
    assert any(r.labels[HEADS.index("sexism")] == 1 for r in edos)
    jigsaw = [r for r in rows if r.dataset == "jigsaw"]
    assert {r.labels[violation] for r in jigsaw} == {0, 1}


def test_synthetic_threats_are_english_and_labelled(rows):
    threats = [r for r in rows if r.dataset == "synthetic-threats"]
    assert threats and all(r.lang == "en" for r in threats)
    threat = HEADS.index("threat")
    assert {r.labels[threat] for r in threats} == {0, 1}


def test_logistic_fit_recovers_a_known_model():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20000, 2))
    p = 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0 * x[:, 1] + 0.5)))
    y = (rng.random(20000) < p).astype(int)
    w = fit_logistic(x, y)
    assert w == pytest.approx([2.0, -1.0, 0.5], abs=0.1)
    assert np.array_equal(w, fit_logistic(x, y))  # deterministic


def test_cascade_start_leaves_few_breaches_below_it():
    rng = np.random.default_rng(0)
    breach = (rng.random(5000) < 0.3).astype(int)
    screen = np.clip(rng.normal(0.2 + 0.5 * breach, 0.15), 0, 1)
    start, stop = cascade_thresholds(screen, screen, breach, np.ones(5000, bool))
    assert np.mean(screen[breach == 1] < start) <= 0.011
    assert 0 < start <= stop <= 1
    above = screen >= stop
    if stop < 1:
        assert breach[above].mean() >= 0.98


TRAINING_MODULES = ("transformer_data", "transformer_train", "trainenv", "records", "datasets")


@pytest.mark.parametrize("name", TRAINING_MODULES)
def test_training_code_is_python_311(name):
    """The fine-tuning runs on Python 3.11 (the CPU torch wheel's)."""
    path = Path(datasets.__file__).with_name(f"{name}.py")
    ast.parse(path.read_text(), feature_version=(3, 11))


def test_training_data_needs_no_django():
    code = (
        "import sys, civility.training.transformer_data;"
        "assert not any(m.startswith('django') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
