"""The transformer tier's contract, its files, and the cascade around it."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from civility.moderation import cascade
from civility.moderation.cascade import Tiers
from civility.moderation.categories import CATEGORIES
from civility.moderation.classifiers import load_models, normalise_text
from civility.moderation.context import Context
from civility.moderation.engine import Engine
from civility.moderation.pipeline import run_pipeline, steps_for
from civility.moderation.steps import Classify
from civility.moderation.transformer import (
    ENV_QUANTISE,
    META_FILE,
    WEIGHTS_FILE,
    TransformerError,
    TransformerTier,
)

TEXTS = [
    "thank you for this careful report on the election in erbil",
    "you are a stupid fucking idiot and everyone hates you",
    "",
    "i will find you and kill you",
    "women are too stupid to vote",
    "the airstrike killed twelve civilians, the ministry said",
    "a" * 3000,
]


def write_tier(folder, seed: int = 0, start: float = 0.05):
    """Tier files as training writes them, from the base model's own layers
    3-5 (float16) and seeded random heads: the contract does not depend on
    the shipped weights."""
    from safetensors.numpy import load_file, save_file

    from civility.moderation.embeddings import find_model_dir

    base = find_model_dir()
    weights = load_file(str(base / "model.safetensors"))
    prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""
    tuned = {
        name[len(prefix) :]: value.astype(np.float16)
        for name, value in weights.items()
        if name.startswith(tuple(f"{prefix}encoder.layer.{i}." for i in (3, 4, 5)))
    }
    heads = [c for c in CATEGORIES if c != "promotion"]
    rng = np.random.default_rng(seed)
    tuned["heads.weight"] = rng.normal(0, 0.5, (len(heads), 384)).astype(np.float16)
    tuned["heads.bias"] = np.zeros(len(heads), dtype=np.float16)
    save_file(tuned, str(folder / WEIGHTS_FILE))
    raw = (folder / WEIGHTS_FILE).read_bytes()
    meta = {
        "version": f"transformer-2026.01.01-{hashlib.sha256(raw).hexdigest()[:8]}",
        "weights_sha256": hashlib.sha256(raw).hexdigest(),
        "heads": heads,
        "frozen_layers": 3,
        "tuned_layers": [3, 4, 5],
        "max_tokens": 64,
        "calibration": {h: {"a": 1.0, "b": -1.0} for h in heads},
        "stack": {
            "linear_version": str(load_models().version),
            "heads": {h: {"w_transformer": 0.5, "w_linear": 1.0, "b": 0.0} for h in heads},
        },
        "cascade": {"start": start, "stop": 0.99, "languages": ["en", "und"]},
    }
    (folder / META_FILE).write_text(json.dumps(meta))
    return folder


@pytest.fixture(scope="module")
def tier_dir(tmp_path_factory):
    return write_tier(tmp_path_factory.mktemp("tier"), start=0.2)


@pytest.fixture(scope="module")
def tier(tier_dir) -> TransformerTier:
    return TransformerTier.load(tier_dir)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [normalise_text(t) for t in TEXTS]


def test_probabilities_for_every_category(tier, texts):
    probs = tier.predict_proba(texts)
    assert tuple(probs) == CATEGORIES
    for name, values in probs.items():
        assert values.shape == (len(texts),), name
        assert np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1)), name
    assert np.all(probs["promotion"] == 0.0)


def test_deterministic(tier, texts):
    a = tier.predict_proba(texts)
    b = tier.predict_proba(texts)
    for name in CATEGORIES:
        assert np.array_equal(a[name], b[name]), name


def test_batch_equals_one_by_one(tier, texts):
    linear = load_models().predict_proba(texts, ["en"] * len(texts))
    batch = tier.predict_proba(texts, linear, load_models().version)
    for i, text in enumerate(texts):
        one = {c: v[i : i + 1] for c, v in linear.items()}
        single = tier.predict_proba([text], one, load_models().version)
        for name in CATEGORIES:
            assert single[name][0] == pytest.approx(batch[name][i], abs=1e-5), (name, i)


def test_empty_batch(tier):
    probs = tier.predict_proba([])
    assert tuple(probs) == CATEGORIES and all(len(v) == 0 for v in probs.values())


def test_onnxruntime_and_numpy_agree(tier, tier_dir, texts):
    reference = TransformerTier(tier.encoder, _tuned(tier_dir), tier.meta, backend="numpy")
    fast, slow = tier.logits(texts), reference.logits(texts)
    # numpy uses the tanh form of GELU (embeddings.py), ONNX Runtime the exact one.
    assert np.abs(fast - slow).max() <= 2e-3 * np.abs(slow).max()


def test_shared_lower_layers_give_the_relevance_embedding(tier):
    """One pass of the frozen lower layers serves both the tier and the
    sentence embedding the relevance step uses (embeddings.py)."""
    texts = ["moscow defends its military action in aleppo", "a fine match in erbil"]
    logits, sentences = tier.logits(texts, with_sentence=True)
    assert np.array_equal(logits, tier.logits(texts))
    # ONNX Runtime's GELU is the exact one, the numpy encoder's the tanh form.
    cosine = np.sum(sentences * tier.encoder.encode(texts), axis=1)
    assert np.all(cosine > 0.9999)


def _tuned(folder):
    from safetensors.numpy import load_file

    return load_file(str(folder / WEIGHTS_FILE))


def test_the_stack_applies_only_to_the_linear_model_it_was_fitted_with(tier, texts):
    linear = load_models().predict_proba(texts, ["en"] * len(texts))
    stacked = tier.predict_proba(texts, linear, load_models().version)
    other = tier.predict_proba(texts, linear, "linear-another")
    assert not np.allclose(stacked["violation"], other["violation"])
    assert np.array_equal(other["violation"], tier.predict_proba(texts)["violation"])
    assert tier.label("linear-another").endswith("-unstacked")
    assert tier.label(load_models().version) == tier.version


def test_damaged_weights_are_refused(tier_dir, tmp_path):
    for name in (WEIGHTS_FILE, META_FILE):
        shutil.copy(tier_dir / name, tmp_path / name)
    with open(tmp_path / WEIGHTS_FILE, "r+b") as handle:
        handle.seek(-4, 2)
        handle.write(b"\x00\x01\x02\x03")
    with pytest.raises(TransformerError):
        TransformerTier.load(tmp_path)


# --- the cascade ------------------------------------------------------------------


def _scored(tier, mode: str, texts, langs, flagged=None):
    tiers = Tiers(load_models(), tier, mode)
    return tiers, tiers.score(texts, langs, flagged)


def test_cascade_reads_the_unclear_and_skips_the_clean(tier, texts):
    langs = ["en"] * len(texts)
    tiers, found = _scored(tier, "cascade", texts, langs)
    linear = load_models().predict_proba(texts, langs)
    screen = np.max([linear[c] for c in CATEGORIES if c != "promotion"], axis=0)
    expected = (screen >= tiers.start) & (linear["violation"] < tiers.stop)
    assert expected.any() and not expected.all()
    for item, routed in zip(found, expected, strict=True):
        assert item.tiers == (("linear", "transformer") if routed else ("linear",))
        assert item.scores == item.by_tier[item.tiers[-1]]
        skipped = "" if routed else "skip:"
        assert item.version == f"{load_models().version}+{skipped}{tier.version}"


def test_the_linear_heads_keep_the_linear_tiers_score(tier, tier_dir, texts):
    # transformer_fit.LINEAR_HEADS: the threat score stays the linear tier's.
    langs = ["en"] * len(texts)
    kept = TransformerTier.load(tier_dir)
    kept.meta["cascade"] = {**kept.meta["cascade"], "linear_heads": ["threat"]}
    found = Tiers(load_models(), kept, "transformer").score(texts, langs)
    plain = Tiers(load_models(), tier, "transformer").score(texts, langs)
    for item, other in zip(found, plain, strict=True):
        assert item.tiers == ("linear", "transformer")
        assert item.scores["threat"] == item.by_tier["linear"]["threat"]
        assert item.scores["violation"] == other.scores["violation"]
    assert any(f.scores["threat"] != o.scores["threat"] for f, o in zip(found, plain, strict=True))


def test_a_rule_hit_is_never_clearly_clean(tier, texts):
    _, found = _scored(tier, "cascade", texts[:1], ["en"], flagged=[True])
    assert found[0].tiers == ("linear", "transformer")


def test_other_languages_keep_the_linear_tier(tier):
    _, found = _scored(tier, "transformer", ["çok güzel bir haber", "شكرا"], ["tr", "ar"])
    assert [f.tiers for f in found] == [("linear",), ("linear",)]


def test_linear_mode_never_runs_the_transformer(tier, texts):
    tiers, found = _scored(tier, "linear", texts, ["en"] * len(texts))
    assert all(f.tiers == ("linear",) for f in found)
    assert all(f.version == str(load_models().version) for f in found)


def test_transformer_mode_runs_it_on_every_english_comment(tier, texts):
    _, found = _scored(tier, "transformer", texts, ["en"] * len(texts))
    assert all(f.tiers == ("linear", "transformer") for f in found)


def test_without_the_transformer_files_the_engine_falls_back_and_says_so(monkeypatch, tmp_path):
    import civility.moderation.transformer as transformer_module

    monkeypatch.setattr(transformer_module, "MODELS_DIR", tmp_path)
    assert cascade._load_transformer() is None
    step = Classify(lambda: Tiers.load(transformer_loader=cascade._load_transformer))
    steps = tuple(step if s.__class__ is Classify else s for s in steps_for("cascade"))
    verdict = Engine(steps=steps).moderate("you are a stupid idiot")
    assert "+transformer-missing+" in verdict.model
    assert not verdict.errors


def test_a_broken_transformer_holds_the_comment():
    def broken():
        raise TransformerError("damaged")

    step = Classify(lambda: Tiers.load(transformer_loader=broken))
    steps = tuple(step if s.__class__ is Classify else s for s in steps_for("cascade"))
    verdict = Engine(steps=steps).moderate("Great reporting, thank you.")
    assert str(verdict.decision) == "review"
    assert any("damaged" in e for e in verdict.errors)


def test_context_names_the_tiers_that_ran(tier):
    step = Classify(lambda: Tiers(load_models(), tier, "transformer"))
    steps = tuple(step if s.__class__ is Classify else s for s in steps_for("cascade"))
    (ctx,) = run_pipeline([Context(text="i will find you and kill you")], steps)
    assert ctx.model_tiers == ("linear", "transformer")
    assert tier.version in ctx.model_version
    assert ctx.model_tiers[-1] in {"linear", "transformer"}
    assert ctx.model_scores == ctx.tier_scores[ctx.model_tiers[-1]]


# --- int8 inference (inference.quantise; minilm_graph.quantise_dynamic) -----------------


@pytest.fixture(scope="module", params=["int8", "int8-blocks"])
def int8_tier(request, tier_dir) -> TransformerTier:
    return TransformerTier.load(tier_dir, quantise=request.param)


def test_int8_is_close_to_float(tier, int8_tier, texts):
    fast, exact = int8_tier.logits(texts), tier.logits(texts)
    # int8 weights and products: close, not equal (the seeded random heads
    # here amplify the rounding; the dev AUCs the shipped heads keep are
    # measured by bench/quantise_quality.py).
    assert np.corrcoef(fast.ravel(), exact.ravel())[0, 1] > 0.98
    assert np.abs(fast - exact).max() <= 0.25 * np.abs(exact).max()
    assert not np.array_equal(fast, exact)


def test_int8_scores_do_not_depend_on_the_batch(int8_tier, texts):
    test_batch_equals_one_by_one(int8_tier, texts)
    test_deterministic(int8_tier, texts)


def test_int8_is_named_in_the_recorded_version(int8_tier):
    label = int8_tier.label(load_models().version)
    assert label == f"{int8_tier.version}-{int8_tier.quantise}"


def test_the_metadata_chooses_the_quantisation(tier_dir, tier):
    meta = {**tier.meta, "inference": {"quantise": "int8"}}
    assert TransformerTier(tier.encoder, _tuned(tier_dir), meta).quantise == "int8"
    assert TransformerTier(tier.encoder, _tuned(tier_dir), tier.meta).quantise == "none"
    # The numpy fallback multiplies in float32 whatever the metadata says.
    slow = TransformerTier(tier.encoder, _tuned(tier_dir), meta, backend="numpy")
    assert slow.quantise == "none"
    with pytest.raises(ValueError):
        TransformerTier(tier.encoder, _tuned(tier_dir), tier.meta, quantise="int4")


def test_shipped_blocks_run_only_on_a_cpu_where_they_are_faster(tier_dir, tier, monkeypatch):
    from civility.moderation import minilm_graph

    monkeypatch.delenv(ENV_QUANTISE, raising=False)
    meta = {**tier.meta, "inference": {"quantise": "int8-blocks"}}
    monkeypatch.setattr(minilm_graph, "int8_blocks_pay_off", lambda: False)
    slower = TransformerTier(tier.encoder, _tuned(tier_dir), meta)
    assert slower.quantise == "none"
    assert "int8" not in slower.label(None)  # float32 is what it records
    monkeypatch.setattr(minilm_graph, "int8_blocks_pay_off", lambda: True)
    assert TransformerTier(tier.encoder, _tuned(tier_dir), meta).quantise == "int8-blocks"


def test_an_explicit_quantisation_is_honoured_whatever_the_cpu(tier_dir, tier, monkeypatch):
    from civility.moderation import minilm_graph

    monkeypatch.setattr(minilm_graph, "int8_blocks_pay_off", lambda: False)
    meta = {**tier.meta, "inference": {"quantise": "int8-blocks"}}
    chosen = TransformerTier(tier.encoder, _tuned(tier_dir), meta, quantise="int8-blocks")
    assert chosen.quantise == "int8-blocks"
    monkeypatch.setenv(ENV_QUANTISE, "int8-blocks")
    assert TransformerTier(tier.encoder, _tuned(tier_dir), meta).quantise == "int8-blocks"


def test_the_cpu_probe_times_the_product_the_layers_multiply():
    from civility.moderation import minilm_graph

    rng = np.random.default_rng(1)
    weight = (rng.standard_normal((384, 1536)) * 0.05).astype(np.float32)
    x = rng.standard_normal((24, 384)).astype(np.float32)
    exact = x @ weight
    for quantise in ("none", "int8"):
        session = minilm_graph.session(minilm_graph._one_product(weight, quantise))
        (out,) = session.run(["out"], {"x": x})
        assert out.shape == exact.shape
        assert np.abs(out - exact).max() <= (1e-4 if quantise == "none" else 0.05)
    answer = minilm_graph.int8_blocks_pay_off()
    assert isinstance(answer, bool)
    assert minilm_graph.int8_blocks_pay_off() is answer  # timed once per process


def test_a_runtime_without_the_blocks_kernel_runs_float32(monkeypatch):
    from civility.moderation import minilm_graph

    build = minilm_graph.session

    def session(model, threads=1):
        if b"MatMulNBits" in model:
            raise RuntimeError("Could not find an implementation for MatMulNBits")
        return build(model, threads)

    monkeypatch.setattr(minilm_graph, "session", session)
    assert minilm_graph.int8_blocks_pay_off.__wrapped__() is False


def test_warm_builds_the_sessions_before_the_first_comment(tier_dir):
    fresh = TransformerTier.load(tier_dir)
    assert not fresh._sessions
    fresh.warm()
    assert {"lower", "tier"} <= set(fresh._sessions)
