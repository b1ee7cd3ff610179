"""The decision rule (policy_rule.py): rejections, the safe approval, the language modes.

The rule reads only ``Evidence``; these tests build it directly. Whole
comments through the engine are in test_engine.py and tests/web.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civility.moderation import Decision, LanguageMode, load_policy
from civility.moderation.categories import CATEGORIES
from civility.moderation.context import Context, Hit
from civility.moderation.policy_rule import Evidence, rule, verdict_for

POLICY = load_policy()
PROHIBITED = [c for c in POLICY.clauses if c.prohibits]


def clean(**scores: float) -> dict[str, float]:
    return {**dict.fromkeys(CATEGORIES, 0.01), **scores}


def evidence(lang="en", scores=None, tier_scores=None, **kw) -> Evidence:
    """A comment the linear tier scored low, unless told otherwise."""
    combined = {**clean(), "off_topic": None, **(scores or {})}
    kw.setdefault("tier", "linear")
    kw.setdefault("lang_confidence", 1.0)
    tier_scores = clean() if tier_scores is None else tier_scores
    return Evidence(lang=lang, scores=combined, tier_scores=tier_scores, **kw)


def decision(ev: Evidence, policy=POLICY) -> Decision:
    return rule(policy, ev).decision


# --- rejections and their reasons ----------------------------------------------------


def test_a_clean_comment_is_approved_without_reasons():
    ruling = rule(POLICY, evidence())
    assert ruling.decision is Decision.APPROVE and ruling.citations == ()


def test_arabic_rejects_on_violation_alone_and_cites_the_summary():
    ruling = rule(POLICY, evidence("ar", clean(violation=0.65, personal_attack=0.3)))
    assert ruling.decision is Decision.REJECT
    (top,) = ruling.citations
    assert (top.clause_id, top.category, top.guideline) == (
        "violation",
        "violation",
        POLICY.summary,
    )


def test_english_holds_what_arabic_rejects():
    ruling = rule(POLICY, evidence("en", clean(violation=0.65)))
    assert ruling.decision is Decision.REVIEW
    assert ruling.citations[0].clause_id == "violation"


def test_a_rejecting_clause_is_cited_before_the_overall_score_and_the_holds():
    ruling = rule(
        POLICY, evidence("tr", clean(violation=0.95, personal_attack=0.92, promotion=0.7))
    )
    assert ruling.decision is Decision.REJECT
    assert [(c.clause_id, c.rejects) for c in ruling.citations] == [
        ("personal_attacks", True),
        ("promotion", False),
    ]


def test_below_the_arabic_reject_threshold_is_held_and_lower_approved():
    assert decision(evidence("ar", clean(violation=0.59))) is Decision.REVIEW
    assert decision(evidence("ar", clean(violation=0.2))) is Decision.APPROVE


def test_an_english_rejection_needs_the_models_confirmation():
    # One rude word in a comment the model reads as civil: held, not rejected.
    rude = clean(profanity=0.95, violation=0.95)
    ruling = rule(POLICY, evidence(scores=rude, tier_scores=clean(violation=0.1)))
    assert ruling.decision is Decision.REVIEW
    assert [(c.clause_id, c.rejects) for c in ruling.citations] == [("profanity", False)]
    at = POLICY.for_language("en").reject_confirm_at
    assert decision(evidence(scores=rude, tier_scores=clean(violation=at))) is Decision.REJECT


@pytest.mark.parametrize("category", ["threat", "promotion"])
def test_threats_and_promotion_reject_without_the_models(category):
    # The models saw few threats and score no promotion: their rules decide.
    ev = evidence(
        scores=clean(**{category: 0.99, "violation": 0.99}), threat_rule=category == "threat"
    )
    assert decision(ev) is Decision.REJECT


def test_a_threat_only_the_models_score_is_held_not_rejected():
    ev = evidence(scores=clean(threat=0.99, violation=0.99), tier_scores=clean(violation=0.99))
    ruling = rule(POLICY, ev)
    assert ruling.decision is Decision.REVIEW
    assert [(c.clause_id, c.rejects) for c in ruling.citations] == [("threats", False)]
    assert decision(replace(ev, threat_rule=True)) is Decision.REJECT


def test_relevance_holds_and_never_rejects():
    ruling = rule(POLICY, evidence(scores={"off_topic": 1.0}))
    assert ruling.decision is Decision.REVIEW
    assert [c.clause_id for c in ruling.citations] == ["relevance"]


# --- the safe approval -----------------------------------------------------------------


def test_no_approval_when_no_classifier_tier_ran():
    assert decision(evidence(tier="", tier_scores={})) is Decision.REVIEW
    assert decision(evidence(tier="linear", tier_scores={})) is Decision.REVIEW


@pytest.mark.parametrize("clause", PROHIBITED, ids=lambda c: c.id)
def test_the_strongest_tier_alone_above_a_review_threshold_holds(clause):
    # The combined score says clean; the strongest tier on its own does not.
    category = clause.categories[0]
    ruling = rule(POLICY, evidence(tier_scores=clean(**{category: clause.review_at})))
    assert ruling.decision is Decision.REVIEW
    assert ruling.citations[0].clause_id == clause.id
    assert ruling.citations[0].score == clause.review_at


def test_the_strongest_tiers_violation_alone_holds():
    at = POLICY.for_language("en").violation_review_at
    ruling = rule(POLICY, evidence(tier_scores=clean(violation=at)))
    assert ruling.decision is Decision.REVIEW
    assert ruling.citations[0].clause_id == "violation"


def test_a_threat_rule_holds_however_weak_and_cites_the_threats_clause():
    ruling = rule(POLICY, evidence(scores=clean(threat=0.05), threat_rule=True))
    assert ruling.decision is Decision.REVIEW
    assert [c.clause_id for c in ruling.citations] == ["threats"]
    # Held, not rejected: the rule is evidence for a moderator, not a verdict.
    assert decision(evidence(threat_rule=False, scores=clean(threat=0.05))) is Decision.APPROVE


def test_a_threat_rule_holds_under_a_policy_without_a_threats_clause():
    bare = replace(POLICY, clauses=tuple(c for c in POLICY.clauses if "threat" not in c.categories))
    ruling = rule(bare, evidence(threat_rule=True))
    assert ruling.decision is Decision.REVIEW
    assert [c.clause_id for c in ruling.citations] == ["violation"]


def test_the_engine_verdict_cites_the_threat_rules_span():
    hit = Hit("threat", 8, 14, 0.2, "pattern:en:watch-your-back")
    ctx = Context(
        text="You had better watch your back.",
        lang="en",
        lang_confidence=1.0,
        hits=(hit,),
        scores={**clean(threat=0.2, violation=0.2), "off_topic": None},
        model_scores=clean(),
        model_version="linear-1",
        policy=POLICY,
    )
    verdict = verdict_for(ctx, POLICY)
    assert verdict.decision is Decision.REVIEW
    assert verdict.reasons[0].clause_id == "threats"
    assert verdict.reasons[0].evidence == ((8, 14),)


def test_a_disguised_comment_is_approved_only_when_every_score_is_low():
    bar = POLICY.for_language("en").disguised_review_at
    assert bar is not None and bar < 0.5
    # Below every clause's review_at, but above the bar for a disguise.
    ev = evidence(scores=clean(personal_attack=bar, violation=bar / 2))
    assert decision(ev) is Decision.APPROVE
    ruling = rule(POLICY, replace(ev, disguised=True))
    assert ruling.decision is Decision.REVIEW
    assert [(c.clause_id, c.category) for c in ruling.citations] == [
        ("personal_attacks", "personal_attack")
    ]
    low = evidence(scores=clean(personal_attack=bar / 2), disguised=True)
    assert decision(low) is Decision.APPROVE


def test_a_disguised_comment_is_held_on_the_strongest_tier_alone_too():
    bar = POLICY.for_language("en").disguised_review_at
    ruling = rule(POLICY, evidence(tier_scores=clean(violation=bar), disguised=True))
    assert ruling.decision is Decision.REVIEW
    assert [c.clause_id for c in ruling.citations] == ["violation"]
    off = replace(POLICY, disguised_review_at=None)
    assert decision(evidence(tier_scores=clean(violation=bar), disguised=True), off) is (
        Decision.APPROVE
    )


def test_the_engine_marks_what_normalisation_undid():
    def ctx(text):
        from civility.moderation.normalise import normalise

        return Context(
            text=text,
            normalised=normalise(text),
            lang="en",
            lang_confidence=1.0,
            scores={**clean(personal_attack=0.3), "off_topic": None},
            model_scores=clean(personal_attack=0.3),
            model_version="linear-1",
            policy=POLICY,
        )

    assert verdict_for(ctx("You are an idiot."), POLICY).decision is Decision.APPROVE
    held = verdict_for(ctx("You are an ɪᴅɪᴏᴛ."), POLICY)
    assert held.decision is Decision.REVIEW
    assert held.reasons[0].clause_id == "personal_attacks"


# --- language modes ------------------------------------------------------------------------

CIVIL_KURDISH = POLICY.with_language("kmr", language_confidence_at=0.7)


def kurdish(**kw) -> Evidence:
    return evidence("kmr", **kw)


def with_mode(policy, lang, mode):
    return replace(policy, languages={**policy.languages, lang: LanguageMode(mode)})


CLEARLY_CIVIL = with_mode(CIVIL_KURDISH, "kmr", "clearly_civil")


def test_clearly_civil_approves_what_is_clear():
    assert decision(kurdish(), CLEARLY_CIVIL) is Decision.APPROVE


@pytest.mark.parametrize(
    "kw",
    [
        {"rule_categories": frozenset({"promotion"})},  # a link, a repeat
        {"threat_rule": True, "rule_categories": frozenset({"threat"})},
        {"lang_confidence": 0.69},
        {"scores": {"off_topic": 0.95}},
        {"scores": {"violation": 0.7}},
        {"tier": "", "tier_scores": {}},
    ],
    ids=["rule", "threat", "unsure-language", "off-topic", "violation", "no-tier"],
)
def test_clearly_civil_holds_the_rest(kw):
    assert decision(kurdish(**kw), CLEARLY_CIVIL) is Decision.REVIEW


def test_clearly_civil_cites_a_rule_too_weak_to_hold_on_its_own():
    # A mild insult (a lexicon word, or a transliterated one) in Kurmanji.
    ev = kurdish(scores=clean(personal_attack=0.15), rule_categories=frozenset({"personal_attack"}))
    ruling = rule(CLEARLY_CIVIL, ev)
    assert ruling.decision is Decision.REVIEW
    assert [(c.clause_id, c.category, c.score) for c in ruling.citations] == [
        ("personal_attacks", "personal_attack", 0.15)
    ]
    # In a full language the same evidence is approved: the score is low.
    assert decision(evidence(scores=clean(personal_attack=0.15))) is Decision.APPROVE


def test_clearly_civil_rejects_what_a_clause_rejects():
    ev = kurdish(scores=clean(personal_attack=0.95), rule_categories=frozenset({"personal_attack"}))
    assert decision(ev, CLEARLY_CIVIL) is Decision.REJECT


@pytest.mark.parametrize(
    ("mode", "clean_comment", "toxic"),
    [
        ("full", Decision.APPROVE, Decision.REJECT),
        ("clearly_civil", Decision.APPROVE, Decision.REJECT),
        ("reject_only", Decision.REVIEW, Decision.REJECT),
        ("review", Decision.REVIEW, Decision.REVIEW),
    ],
)
def test_what_each_mode_may_decide(mode, clean_comment, toxic):
    policy = with_mode(POLICY, "kmr", mode)
    assert decision(kurdish(), policy) is clean_comment
    assert decision(kurdish(scores=clean(profanity=0.99, violation=0.99)), policy) is toxic


def test_an_unlisted_language_is_held():
    assert decision(evidence("fa")) is Decision.REVIEW
    assert decision(evidence("fa", clean(profanity=0.99))) is Decision.REVIEW


# --- properties of every approval -----------------------------------------------------------

score = st.sampled_from([0.0, 0.05, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.85, 0.9, 0.95, 1.0])
# Mostly low scores with a few raised, so that approvals (which need every
# score low on both sources) are common enough to check.
low = st.sampled_from([0.0, 0.01, 0.1, 0.2, 0.3])
scores = st.builds(
    lambda base, raised: {**base, **raised},
    st.fixed_dictionaries({c: low for c in CATEGORIES}),
    st.dictionaries(st.sampled_from(CATEGORIES), score, max_size=2),
)
EVIDENCE = st.builds(
    Evidence,
    lang=st.sampled_from(["en", "ar", "tr", "ckb", "kmr", "und", "fa"]),
    scores=scores.map(lambda s: {**s, "off_topic": None}),
    tier=st.sampled_from(["", "linear"]),
    tier_scores=scores,
    threat_rule=st.booleans(),
    rule_categories=st.frozensets(st.sampled_from(CATEGORIES), max_size=2),
    lang_confidence=st.sampled_from([0.0, 0.5, 0.8, 1.0]),
    disguised=st.booleans(),
)
POLICIES = st.sampled_from([POLICY, CLEARLY_CIVIL])


@settings(max_examples=300, deadline=None)
@given(ev=EVIDENCE, policy=POLICIES)
def test_an_approval_clears_every_threshold_on_both_scores(ev, policy):
    if rule(policy, ev).decision is not Decision.APPROVE:
        return
    resolved = policy.for_language(ev.lang)
    assert policy.language_mode(ev.lang).approves
    assert ev.tier and not ev.threat_rule
    for clause in resolved.clauses:
        if clause.review_at is None:
            continue
        for source in (ev.scores, ev.tier_scores):
            assert all((source.get(c) or 0.0) < clause.review_at for c in clause.categories)
    if resolved.violation_review_at is not None:
        assert ev.scores["violation"] < resolved.violation_review_at
        assert ev.tier_scores["violation"] < resolved.violation_review_at
    if ev.disguised and resolved.disguised_review_at is not None:
        prohibited = {
            c for clause in resolved.clauses if clause.prohibits for c in clause.categories
        }
        for source in (ev.scores, ev.tier_scores):
            for c in prohibited | {"violation"}:
                assert (source.get(c) or 0.0) < resolved.disguised_review_at


@settings(max_examples=300, deadline=None)
@given(ev=EVIDENCE, policy=POLICIES, category=st.sampled_from(CATEGORIES), data=st.data())
def test_a_higher_score_never_turns_a_hold_into_an_approval(ev, policy, category, data):
    before = rule(policy, ev).decision
    bump = data.draw(st.sampled_from(["scores", "tier_scores"]))
    raised = dict(getattr(ev, bump))
    raised[category] = min(1.0, (raised.get(category) or 0.0) + 0.3)
    after = rule(policy, Evidence(**{**ev.__dict__, bump: raised})).decision
    if before is not Decision.APPROVE:
        assert after is not Decision.APPROVE
