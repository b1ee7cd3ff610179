"""Quality regression on the dev splits: the full engine against the figures
measured when the models and the policy were last tuned (docs/evaluation.md).

Only the "check" half of each dev split is read (``records.dev_part``; for
YouTube spam, the video the promotion rules were never tuned on): the
policy's thresholds are chosen on the other half (bench/tune_policy.py), so
no bound here is measured on the rows its threshold was fitted to.

Where a target is met, its bound IS the target. Where it is not, the bound
sits a little below what ``civility evaluate`` measured (AUC 0.015, 0.03 on
sets under 500 rows; decision rates 0.015), so that a change that makes the
engine worse fails here; the target it falls short of is in the comment.
Run with ``pytest -m quality``; it needs the labelled data folder.
"""

from __future__ import annotations

import pytest

from civility.training.evaluate import TARGETS, evaluate

pytestmark = pytest.mark.quality

# (dataset, metric) -> the lowest acceptable value (highest for rates that
# must stay low). Measured on the check half with the cascade (linear-2026.11.27
# models, transformer-2026.12.02-9efe724c) and policy
# rudaw-community-guidelines@2016-04.2 (docs/evaluation.md).
BOUNDS: dict[tuple[str, str], float] = {
    ("olid", "reject_f1:violation"): 0.566,  # measured 0.581; target 0.8
    ("olid", "auc:violation"): 0.817,  # measured 0.832; target 0.9
    ("hatexplain", "auc:violation"): 0.781,  # measured 0.796; target 0.85
    ("hatexplain", "auc:sexism"): 0.85,  # target; measured 0.915
    ("hatexplain", "auc:racism"): 0.85,  # target; measured 0.920
    ("hatexplain", "auc:homophobia"): 0.85,  # target; measured 0.972
    ("hatexplain", "auc:xenophobia"): 0.85,  # target; measured 0.968
    ("jigsaw", "auc:violation"): 0.95,  # target; measured 0.984 (104 rows)
    ("jigsaw", "auc:personal_attack"): 0.95,  # target; measured 0.974 (104 rows)
    ("jigsaw", "auc:vulgarity"): 0.905,  # measured 0.935 (104 rows); target 0.95
    ("kaggle-insults", "auc:personal_attack"): 0.835,  # measured 0.850; target 0.88
    ("gab", "auc:abuse"): 0.821,  # measured 0.836; target 0.85
    ("gab", "auc:threat"): 0.748,  # measured 0.763; target 0.85
    ("gab", "auc:vulgarity"): 0.798,  # measured 0.813; target 0.93
    ("hateval", "auc:abuse"): 0.681,  # measured 0.689 (494 rows); target 0.72
    ("edos", "auc:sexism"): 0.88,  # target; measured 0.880
    ("edos", "auc:threat"): 0.827,  # measured 0.842; target 0.85
    # LMFAO, the video the promotion rules were never tuned on.
    ("youtube-spam", "auc:promotion"): 0.936,  # measured 0.966 (438 rows); target 0.97
    ("c3", "c3_rejected"): 0.005,  # target; measured 0.003
    ("c3", "c3_approved"): 0.9,  # target; measured 0.922
    ("c3", "auc:violation"): 0.817,  # measured 0.832
    # Per-language violation thresholds (docs/evaluation.md, "The policy's thresholds").
    ("offenseval2020-tr", "reject_f1:violation"): 0.743,  # measured 0.758; target 0.8
    ("offenseval2020-tr", "auc:violation"): 0.852,  # measured 0.866
    ("osact2020-ar", "reject_f1:violation"): 0.844,  # measured 0.859; target 0.88
    ("osact2020-ar", "auc:violation"): 0.926,  # measured 0.941
    ("osact2022-ar", "auc:violation"): 0.743,  # measured 0.758
    ("davidson", "auc:violation"): 0.954,  # measured 0.969
    ("stormfront", "auc:abuse"): 0.887,  # measured 0.902
    ("callme", "auc:sexism"): 0.939,  # measured 0.952
    (
        "reddit-misogyny",
        "auc:sexism",
    ): 0.85,  # measured 0.865 (0.885 with the linear tier alone: the cascade costs it 0.02)
    ("convabuse", "auc:violation"): 0.946,  # measured 0.976 (444 rows)
    # The safe approval policy (docs/evaluation.md, "Harm").
    ("olid", "harm_published"): 0.478,  # measured 0.463; target 0.1
    ("olid", "automated"): 0.805,  # measured 0.820; target 0.75
    ("hatexplain", "harm_published"): 0.128,  # measured 0.113; target 0.05
    ("hatexplain", "automated"): 0.733,  # measured 0.736; target 0.75
    # 16 breaches: one more published is 0.0625.
    ("jigsaw", "harm_published"): 0.19,  # measured 0.125 (2 of 16); target 0.05
    ("jigsaw", "automated"): 0.75,  # target; measured 0.923
    # Kurdish: tests/quality/test_kurdish_news.py bounds the same at the targets.
    ("kurdish-news-ckb", "civil_rejected"): 0.005,  # target; measured 0.001
    ("kurdish-news-ckb", "civil_approved"): 0.7,  # target; measured 0.974
    ("kurdish-news-kmr", "civil_rejected"): 0.005,  # target; measured 0.000
    ("kurdish-news-kmr", "civil_approved"): 0.7,  # target; measured 0.876
}


@pytest.fixture(scope="module")
def results(data_dir):
    found, _ = evaluate(data_dir, log=lambda message: None, part="check")
    return {(r.target.dataset, r.target.metric): r for r in found}


def test_every_bound_names_a_target():
    known = {(t.dataset, t.metric) for t in TARGETS}
    assert set(BOUNDS) <= known


@pytest.mark.parametrize("key", sorted(BOUNDS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_no_regression(results, key):
    result = results[key]
    assert result.value is not None, f"{key}: nothing to measure"
    bound = BOUNDS[key]
    if result.target.higher_is_better:
        assert result.value >= bound, f"{key}: {result.value:.3f} < {bound}"
    else:
        assert result.value <= bound, f"{key}: {result.value:.3f} > {bound}"


def test_no_step_fails_on_the_dev_splits(data_dir):
    """Every dev comment gets through every step (a failing step holds the
    comment, which would hide a broken model behind 'review')."""
    from civility.training.evaluate import dev_rows, score_engine

    rows = dev_rows("olid", data_dir, part="check")[:500]
    assert score_engine(rows).errors == 0
