"""The Engine end to end, with fake language/rules/models, and with the real steps."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from civility.moderation import (
    CATEGORIES,
    Article,
    Context,
    Decision,
    Engine,
    Verdict,
    get_engine,
    load_policy,
)
from civility.moderation import steps as s
from civility.moderation.context import Hit, Normalised
from civility.moderation.pipeline import DEFAULT_STEPS
from civility.moderation.steps import Classify, per_comment, step_name

INSULT = "idiot"


@per_comment
def fake_normalise(c: Context) -> Context:
    return replace(c, normalised=Normalised(c.text.lower(), tuple(range(len(c.text) + 1))))


@per_comment
def fake_language(c: Context) -> Context:
    # Sorani script for the test: anything with Arabic letters and "ە".
    if "ە" in c.text:
        return replace(c, lang="ckb", lang_confidence=1.0)
    return replace(c, lang=c.lang_hint or "en", lang_confidence=1.0)


@per_comment
def fake_rules(c: Context) -> Context:
    start = c.normalised.text.find(INSULT)
    if start < 0:
        return c
    return replace(c, hits=(Hit("personal_attack", start, start + len(INSULT), 0.95, "lex"),))


class FakeModels:
    version = "fake-1"

    def __init__(self):
        self.batches = []

    def predict_proba(self, texts, langs):
        self.batches.append(len(texts))
        scores = {name: [0.02] * len(texts) for name in CATEGORIES}
        # The models agree that the insult breaks a guideline (an English
        # rejection needs their confirmation: reject_confirm_at).
        scores["violation"] = [0.9 if INSULT in t else 0.02 for t in texts]
        return scores


def fake_steps(loader):
    return (
        fake_normalise,
        fake_language,
        fake_rules,
        s.repeat,
        Classify(loader),
        s.combine,
        s.relevance,
        s.apply_policy,
        s.decide,
    )


@pytest.fixture
def models():
    return FakeModels()


@pytest.fixture
def engine(models):
    return Engine(steps=fake_steps(lambda: models))


def test_clean_english_comment_is_approved(engine):
    verdict = engine.moderate("Russia will not stop the strikes, I fear.")
    assert isinstance(verdict, Verdict)
    assert verdict.decision is Decision.APPROVE
    assert verdict.lang == "en"
    assert verdict.model == f"fake-1+{load_policy().label}"
    assert verdict.scores["off_topic"] is None
    assert verdict.to_json()["scores"]["off_topic"] is None


def test_insult_is_rejected_with_evidence_in_the_original_text(engine):
    text = "You are an IDIOT."
    verdict = engine.moderate(text, now=datetime(2016, 4, 21, tzinfo=UTC))
    assert verdict.decision is Decision.REJECT
    (reason,) = [r for r in verdict.reasons if r.clause_id == "personal_attacks"]
    assert [text[a:b] for a, b in reason.evidence] == ["IDIOT"]
    assert reason.guideline == "We will not tolerate the following: personal attacks."


def test_clearly_civil_sorani_is_approved_and_an_insult_rejected(engine):
    # Sorani is "clearly_civil": approved only when no rule fired.
    assert engine.moderate("سڵاو، هەواڵێکی باشە").decision is Decision.APPROVE
    assert engine.moderate("سڵاو idiot هەواڵ").decision is Decision.REJECT


def test_repeat_from_recent_texts_holds(engine):
    text = "Read the real story on my channel every day"
    assert engine.moderate(text).decision is Decision.APPROVE
    verdict = engine.moderate(text, recent_texts=[text.upper()])
    assert verdict.decision is Decision.REVIEW
    assert verdict.reasons[0].clause_id == "promotion"


def test_models_that_fail_to_load_hold_every_comment():
    def broken():
        raise ImportError("No module named 'civility.moderation.classifiers'")

    engine = Engine(steps=fake_steps(broken))
    verdicts = engine.moderate_batch([Context("Thanks, good report."), Context("idiot")])
    assert [v.decision for v in verdicts] == [Decision.REVIEW, Decision.REVIEW]
    assert all(v.errors[0].startswith("classifiers: ImportError") for v in verdicts)
    assert verdicts[0].model == f"none+{load_policy().label}"


def test_moderate_batch_keeps_order_and_classifies_once(engine, models):
    texts = [f"comment number {i}" for i in range(50)] + ["idiot"]
    verdicts = engine.moderate_batch([Context(t) for t in texts])
    assert len(verdicts) == 51 and models.batches == [51]
    assert verdicts[-1].decision is Decision.REJECT
    assert {v.decision for v in verdicts[:-1]} == {Decision.APPROVE}
    assert engine.moderate_batch([]) == []


def test_a_context_may_carry_its_own_site_policy(models):
    strict = (
        load_policy()
        .with_thresholds({"personal_attacks": {"reject_at": 0.01, "review_at": 0.01}})
        .with_language("en", reject_confirm_at=None)
    )
    engine = Engine(steps=fake_steps(lambda: models))
    plain, site = engine.moderate_batch(
        [Context("hello there"), Context("hello there", policy=strict)]
    )
    # 0.02 model score on personal_attack: below the default, above the site's.
    assert plain.decision is Decision.APPROVE
    assert site.decision is Decision.REJECT


def test_engine_policy_parameter(models):
    policy = (
        load_policy()
        .with_thresholds({"personal_attacks": {"reject_at": 0.01, "review_at": 0.01}})
        .with_language("en", reject_confirm_at=None)
    )
    engine = Engine(policy=policy, steps=fake_steps(lambda: models))
    assert engine.resolved_policy() is policy
    assert engine.moderate("hello").decision is Decision.REJECT


def test_what_the_caller_passes_reaches_the_steps(models):
    """The article, the hint, the parent, the recent texts and the time, as given."""
    seen: list[Context] = []

    def probe(contexts):
        seen.extend(contexts)
        return contexts

    engine = Engine(steps=(probe, *fake_steps(lambda: models)))
    article = Article("Aleppo", "Russia defended...", lang="tr")
    now = datetime(2016, 4, 21, 9, 30, tzinfo=UTC)
    engine.moderate(
        "Merhaba", article=article, lang="tr", parent_text="Önce", recent_texts=["x"], now=now
    )
    (ctx,) = seen
    assert ctx.text == "Merhaba" and ctx.article is article and ctx.lang_hint == "tr"
    assert ctx.parent_text == "Önce" and ctx.recent_texts == ("x",) and ctx.now == now


def test_constructor_only_stores_parameters():
    engine = Engine()
    assert engine.policy is None and engine.steps is None
    assert engine._policy is None  # loaded on first use, not before
    assert engine.resolved_policy().name == "rudaw-community-guidelines"


def test_get_engine_is_one_process_wide_instance():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(get_engine())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(e) for e in seen}) == 1 and seen[0] is get_engine()
    policy = load_policy()
    assert get_engine(policy=policy).policy is policy
    assert get_engine(policy=policy) is not get_engine()


CLEAN = "Thank you for this report on Aleppo."


def test_real_engine_gives_a_complete_verdict():
    """With the shipped steps and models: every field of the contract, in range."""
    verdicts = get_engine().moderate_batch(
        [Context(CLEAN), Context("You are a stupid idiot and I will find you."), Context("")]
    )
    assert verdicts[0].decision is Decision.APPROVE and not verdicts[0].errors
    for verdict in verdicts:
        out = verdict.to_json()
        assert out["decision"] in ("approve", "review", "reject")
        assert set(out["scores"]) == {*CATEGORIES, "off_topic"}
        assert all(0.0 <= out["scores"][name] <= 1.0 for name in CATEGORIES)
        for reason in verdict.reasons:
            assert 0 <= reason.score <= 1


@pytest.mark.parametrize("broken", DEFAULT_STEPS, ids=step_name)
def test_real_engine_never_approves_when_a_step_fails(broken):
    """Each shipped step in turn raises: the comment the engine would publish is held."""

    def failing(contexts):
        raise RuntimeError("disk full")

    failing.step_name = step_name(broken)
    steps = tuple(failing if step is broken else step for step in DEFAULT_STEPS)
    (verdict,) = Engine(steps=steps).moderate_batch([Context(CLEAN)])
    assert verdict.decision is Decision.REVIEW
    # The first error names the broken step (later steps may fail for want of its work).
    assert verdict.errors[0] == f"{step_name(broken)}: RuntimeError: disk full"


def test_warm_up_loads_the_models_and_never_raises(monkeypatch):
    from civility.moderation import engine as engine_module

    loaded = []
    monkeypatch.setattr(s.classify, "loader", lambda: loaded.append(1) or _Plain())
    monkeypatch.setattr(s.classify, "_models", None)
    assert engine_module.warm_up() >= 0
    assert loaded == [1]

    def broken():
        raise RuntimeError("no models here")

    monkeypatch.setattr(s.classify, "loader", broken)
    monkeypatch.setattr(s.classify, "_models", None)
    assert engine_module.warm_up() >= 0  # logged; the comments are held instead


class _Plain:
    """One tier, as Classify accepts it: no transformer to warm."""

    version = "plain-1"

    def predict_proba(self, texts, langs):
        return {c: [0.0] * len(texts) for c in CATEGORIES}
