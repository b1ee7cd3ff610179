"""Each pipeline step alone, and the runner's fail-closed behaviour."""

from __future__ import annotations

import logging
import math
import sys
import types
from dataclasses import replace

import pytest

from civility.moderation import Article, Context, Decision, LanguageMode, load_policy
from civility.moderation import steps as s
from civility.moderation.context import Hit, Normalised
from civility.moderation.language import Identified
from civility.moderation.pipeline import DEFAULT_STEPS, finish, run_pipeline
from civility.moderation.steps import Classify, per_comment, step_name
from civility.moderation.verdict import Verdict

POLICY = load_policy()
CLEAN = dict.fromkeys(
    (
        "violation",
        "profanity",
        "vulgarity",
        "threat",
        "personal_attack",
        "abuse",
        "sexism",
        "racism",
        "homophobia",
        "xenophobia",
        "promotion",
    ),
    0.01,
)


def ctx(text="A fair point about the ceasefire.", **kw) -> Context:
    kw.setdefault("policy", POLICY)
    return Context(text=text, **kw)


def identity(text: str) -> Normalised:
    return Normalised(text, tuple(range(len(text) + 1)))


def test_default_steps_order():
    assert [step_name(step) for step in DEFAULT_STEPS] == [
        "normalise",
        "language",
        "rules",
        "repeat",
        "embed",
        "classifiers",
        "combine",
        "relevance",
        "apply_policy",
        "decide",
    ]


# --- the runner -----------------------------------------------------------------


def test_per_comment_records_an_error_for_that_comment_only(caplog):
    @per_comment
    def picky(c: Context) -> Context:
        if "boom" in c.text:
            raise ValueError("cannot read this one")
        return replace(c, lang="en")

    out = picky([ctx("fine"), ctx("boom"), ctx("fine too")])
    assert [c.lang for c in out] == ["en", "und", "en"]
    assert out[0].errors == () and out[2].errors == ()
    assert out[1].errors == ("picky: ValueError: cannot read this one",)
    assert "step picky failed for 1 of 3 comment(s)" in caplog.text


def test_evolve_copies_and_checks_field_names():
    base = ctx("a", lang="en")
    new = s.evolve(base, lang="ar", hits=())
    assert (base.lang, new.lang, new.text, new.policy) == ("en", "ar", "a", POLICY)
    assert new == replace(base, lang="ar")
    with pytest.raises(TypeError, match="langue"):
        s.evolve(base, langue="fr")


def test_a_batch_step_that_raises_marks_every_comment_and_the_run_goes_on(caplog):
    seen = []

    def explode(contexts):
        raise RuntimeError("models gone")

    def later(contexts):
        seen.extend(contexts)
        return [replace(c, lang="en") for c in contexts]

    with caplog.at_level(logging.ERROR, logger="civility.moderation"):
        out = run_pipeline([ctx("a"), ctx("b")], [explode, later, s.apply_policy, s.decide])
    assert len(seen) == 2
    assert all(c.errors == ("explode: RuntimeError: models gone",) for c in out)
    assert all(c.verdict.decision is Decision.REVIEW for c in out)
    assert all(c.verdict.errors == c.errors for c in out)
    assert "explode" in caplog.text and "models gone" in caplog.text


def test_a_failing_step_never_lets_a_comment_be_approved():
    def approve_all(contexts):
        return [replace(c, verdict=Verdict(Decision.APPROVE, "en", {})) for c in contexts]

    @per_comment
    def fails(c):
        raise OSError("disk")

    out = run_pipeline([ctx()], [fails, approve_all])
    assert out[0].verdict.decision is Decision.REVIEW
    assert out[0].verdict.errors == ("fails: OSError: disk",)


def test_a_step_returning_the_wrong_number_of_comments_fails():
    def drops(contexts):
        return contexts[:1]

    out = run_pipeline([ctx("a"), ctx("b")], [drops, s.apply_policy, s.decide])
    assert [c.text for c in out] == ["a", "b"]
    assert all(c.verdict.decision is Decision.REVIEW for c in out)
    assert all("drops" in c.errors[0] for c in out)


def test_finish_gives_a_verdict_when_no_step_did():
    out = finish(ctx())
    assert out.verdict.decision is Decision.REVIEW
    assert out.verdict.errors == ("pipeline: no step gave a verdict",)
    assert run_pipeline([], DEFAULT_STEPS) == []


# --- normalise, language, rules (wrapping other modules) ---------------------------


@pytest.fixture
def fake_module(monkeypatch):
    def install(name, **attrs):
        module = types.ModuleType(f"civility.moderation.{name}")
        for key, value in attrs.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, module.__name__, module)

    return install


def test_normalise_step(fake_module):
    fake_module("normalise", normalise=lambda text: identity(text.lower()))
    (out,) = s.normalise([ctx("HeLLo")])
    assert out.normalised.text == "hello" and out.text == "HeLLo"


def test_language_step_passes_the_hint(fake_module):
    calls = []

    def identify(text, hint=None, normalised=None):
        calls.append((hint, normalised))
        return Identified("ar", 0.75)

    fake_module("language", identify=identify)
    article = Article("title", "body", lang="tr")
    norm = identity("A fair point about the ceasefire.")
    out = s.language([ctx(lang_hint="en", article=article), ctx(article=article), ctx()])
    s.language([ctx(normalised=norm)])
    # The normalised text goes along when there is one: letters of scripts
    # we do not read are counted there, after disguises are undone.
    assert calls == [("en", None), ("tr", None), (None, None), (None, norm.text)]
    assert {(c.lang, c.lang_confidence) for c in out} == {("ar", 0.75)}


def test_rules_step_appends_hits_and_needs_normalised_text(fake_module):
    hit = Hit("profanity", 0, 4, 0.9, "lexicon:en")
    fake_module("rules", match_rules=lambda norm, lang: (hit,) if lang == "en" else ())
    first = Hit("promotion", 5, 9, 0.5, "earlier")
    good = ctx("damn it", normalised=identity("damn it"), lang="en", hits=(first,))
    (out, failed) = s.rules([good, ctx("no normalised text")])
    assert out.hits == (first, hit)
    assert failed.errors and failed.errors[0].startswith("rules: ValueError")


# --- repeat -------------------------------------------------------------------------


def test_repeat_flags_the_same_text_posted_again():
    text = "Visit my page for the real news about Aleppo"
    (out,) = s.repeat(
        [ctx(text, recent_texts=("other", "  VISIT my page for the real\nnews about aleppo "))]
    )
    assert out.hits == (Hit("promotion", 0, len(text), s.REPEAT_STRENGTH, "repeat"),)


@pytest.mark.parametrize(
    "text, recent",
    [
        ("Thank you!", ("thank you!",)),  # short texts are repeated innocently
        ("Visit my page for the real news about Aleppo", ()),
        ("Visit my page for the real news about Aleppo", ("Visit my page for the news",)),
    ],
)
def test_repeat_leaves_other_comments_alone(text, recent):
    (out,) = s.repeat([ctx(text, recent_texts=recent)])
    assert out.hits == ()


# --- classifiers ----------------------------------------------------------------------


class FakeModels:
    version = "fake-7"

    def __init__(self, scores=None):
        self.calls = []
        self.scores = scores or {"violation": 0.2, "personal_attack": 0.1}

    def predict_proba(self, texts, langs):
        self.calls.append((list(texts), list(langs)))
        return {name: [value] * len(texts) for name, value in self.scores.items()}


def test_classify_scores_a_batch_in_one_call_and_loads_once():
    models = FakeModels()
    loads = []
    step = Classify(lambda: loads.append(1) or models)
    batch = [
        ctx("RAW", normalised=identity("norm"), lang="en"),
        ctx("only raw", lang="tr"),
    ]
    out = step(batch)
    step(batch)
    assert loads == [1]
    assert models.calls[0] == (["norm", "only raw"], ["en", "tr"])
    assert out[0].model_scores == {"violation": 0.2, "personal_attack": 0.1}
    assert out[1].model_version == "fake-7"


def test_classify_fails_when_models_cannot_load_and_retries_later():
    attempts = []

    def loader():
        attempts.append(1)
        raise FileNotFoundError("no model file")

    step = Classify(loader)
    out = run_pipeline([ctx(lang="en")], [step, s.combine, s.apply_policy, s.decide])
    assert out[0].verdict.decision is Decision.REVIEW
    assert out[0].errors == ("classifiers: FileNotFoundError: no model file",)
    # A failure is not kept: the next batch tries again (the file may be back).
    run_pipeline([ctx()], [step])
    assert len(attempts) == 2


def test_classify_rejects_a_wrong_number_of_scores():
    class Short(FakeModels):
        def predict_proba(self, texts, langs):
            return {"violation": [0.1]}

    with pytest.raises(ValueError, match="1 scores for 2 comments"):
        Classify(Short)([ctx(), ctx()])


# --- combine ----------------------------------------------------------------------------


def test_combine_noisy_or_of_model_and_hits():
    hits = (
        Hit("profanity", 0, 4, 0.5, "a"),
        Hit("profanity", 5, 9, 0.5, "b"),
        Hit("racism", 10, 14, 0.6, "c"),
        Hit("not_a_category", 0, 1, 0.99, "d"),
    )
    model = {**CLEAN, "profanity": 0.2, "violation": 0.3}
    (out,) = s.combine([ctx(hits=hits, model_scores=model)])
    sc = out.scores
    assert sc["profanity"] == pytest.approx(1 - 0.8 * 0.5 * 0.5)
    assert sc["racism"] == pytest.approx(1 - 0.99 * 0.4)
    # Each kind of abuse raises abuse; violation is at least every category.
    assert sc["abuse"] == pytest.approx(sc["racism"])
    assert sc["violation"] == pytest.approx(1 - 0.7 * 0.5 * 0.5 * 0.4)
    assert sc["violation"] >= max(v for k, v in sc.items() if k != "violation")
    assert sc["threat"] == pytest.approx(0.01)
    assert all(0.0 <= v <= 1.0 for v in sc.values())


def test_combine_uses_the_model_violation_head_and_missing_models():
    (out,) = s.combine([ctx(model_scores={**CLEAN, "violation": 0.8})])
    assert out.scores["violation"] == pytest.approx(0.8)
    (bare,) = s.combine([ctx()])
    assert set(bare.scores) == set(CLEAN) and max(bare.scores.values()) == 0.0


def test_combine_fails_on_nan():
    (out,) = s.combine([ctx(model_scores={**CLEAN, "threat": math.nan})])
    assert out.errors and "NaN" in out.errors[0]


def test_relevance_scores_off_topic_only_with_an_article():
    # The scores themselves are tested in test_relevance.py.
    article = Article("Aleppo", lang="en")
    (out,) = s.relevance([ctx(article=article, lang="en", scores={"violation": 0.1})])
    assert set(out.scores) == {"violation", "off_topic"} and out.scores["violation"] == 0.1
    assert 0.0 <= out.scores["off_topic"] <= 1.0
    assert out.relevance.method == "embedding"
    (bare,) = s.relevance([ctx(scores={"violation": 0.1})])
    assert bare.scores == {"violation": 0.1, "off_topic": None}
    assert (bare.relevance.method, bare.relevance.reason) == ("none", "no article")
    # A comment whose language was not identified: no score, and why.
    (unread,) = s.relevance([ctx(article=article, lang="und", scores={})])
    assert unread.scores["off_topic"] is None
    assert "not identified" in unread.relevance.reason


# --- policy and decision ------------------------------------------------------------------


def judged(scores=None, hits=(), lang="en", errors=(), policy=POLICY, model_version="linear-1"):
    # The models scored the comment (low), unless ``model_version`` is empty;
    # ``scores`` are the combined scores the policy reads. The rule itself is
    # tested in test_policy_rule.py; these check the steps around it.
    c = ctx(scores={**CLEAN, "off_topic": None, **(scores or {})}, hits=hits, lang=lang)
    # The model's own violation probability is the combined one given (it
    # confirms a rejection: reject_confirm_at).
    model = {**CLEAN, "violation": c.scores["violation"]}
    c = replace(
        c,
        errors=errors,
        policy=policy,
        model_version=model_version,
        model_scores=model,
        lang_confidence=1.0,
    )
    (out,) = s.decide(s.apply_policy([c]))
    return out.verdict


def test_approve_when_every_score_is_low():
    verdict = judged()
    assert verdict.decision is Decision.APPROVE and verdict.reasons == ()
    assert verdict.model == f"linear-1+{POLICY.label}"


def test_never_approve_when_no_model_scored_the_comment():
    verdict = judged(model_version="")
    assert verdict.decision is Decision.REVIEW
    assert verdict.model == f"none+{POLICY.label}"


def test_reject_at_and_review_at():
    verdict = judged({"personal_attack": 0.95, "violation": 0.95})
    assert verdict.decision is Decision.REJECT
    assert verdict.reasons[0].clause_id == "personal_attacks"
    verdict = judged({"personal_attack": 0.6, "violation": 0.6})
    assert verdict.decision is Decision.REVIEW
    assert [r.clause_id for r in verdict.reasons] == ["personal_attacks"]


def test_reasons_cite_the_clause_with_evidence_and_rejecting_clauses_first():
    hits = (
        Hit("racism", 10, 15, 0.9, "lexicon"),
        Hit("profanity", 0, 4, 0.9, "lexicon"),
        Hit("racism", 10, 15, 0.8, "other"),
    )
    verdict = judged(
        {"racism": 0.93, "abuse": 0.93, "promotion": 0.94, "threat": 0.45, "violation": 0.96},
        hits=hits,
    )
    assert verdict.decision is Decision.REJECT
    # abuse rejects (0.93 >= 0.9); promotion (0.94 < 0.95) and threats only hold.
    assert [r.clause_id for r in verdict.reasons] == ["abuse", "promotion", "threats"]
    abuse = verdict.reasons[0]
    assert abuse.category in ("abuse", "racism")
    assert abuse.guideline == POLICY.clause("abuse").text
    assert abuse.evidence == ((10, 15),)
    assert verdict.reasons[1].evidence == ()


def test_overall_violation_holds_with_the_general_guideline():
    verdict = judged({"violation": 0.65, "personal_attack": 0.4})
    assert verdict.decision is Decision.REVIEW
    (reason,) = verdict.reasons
    assert reason.clause_id == "violation" and reason.guideline == POLICY.summary


def test_off_topic_holds_but_never_rejects():
    verdict = judged({"off_topic": 1.0})
    assert verdict.decision is Decision.REVIEW
    assert [r.clause_id for r in verdict.reasons] == ["relevance"]
    assert judged({"off_topic": None}).decision is Decision.APPROVE


def test_errors_hold_even_a_clear_rejection():
    verdict = judged({"threat": 0.99, "violation": 0.99}, errors=("rules: boom",))
    assert verdict.decision is Decision.REVIEW
    assert verdict.errors == ("rules: boom",)
    assert verdict.reasons[0].clause_id == "threats"


@pytest.mark.parametrize(
    "lang, clean, toxic",
    [
        ("en", Decision.APPROVE, Decision.REJECT),
        # Clearly civil (no rule fired, the dialect surely identified): approved.
        ("ckb", Decision.APPROVE, Decision.REJECT),
        ("kmr", Decision.APPROVE, Decision.REJECT),
        ("und", Decision.REVIEW, Decision.REVIEW),
        ("fa", Decision.REVIEW, Decision.REVIEW),
    ],
)
def test_language_policy(lang, clean, toxic):
    assert judged(lang=lang).decision is clean
    assert judged({"profanity": 0.99, "violation": 0.99}, lang=lang).decision is toxic


def test_policy_thresholds_change_the_decision():
    strict = POLICY.with_thresholds({"personal_attacks": {"reject_at": 0.5, "review_at": 0.3}})
    scores = {"personal_attack": 0.55, "violation": 0.55}
    assert judged(scores, policy=strict).decision is Decision.REJECT
    assert judged(scores).decision is Decision.REVIEW
    assert strict.language_mode("ckb") is LanguageMode.CLEARLY_CIVIL


def test_apply_policy_without_a_policy_fails_closed():
    out = run_pipeline([ctx(policy=None)], [s.combine, s.apply_policy, s.decide])
    assert out[0].verdict.decision is Decision.REVIEW
    assert "apply_policy" in out[0].errors[0]
