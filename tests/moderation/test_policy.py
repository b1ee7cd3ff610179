"""The policy file: the shipped default, validation that names keys, overrides."""

from __future__ import annotations

import textwrap

import pytest

from civility.moderation import CATEGORIES, ClauseKind, LanguageMode, PolicyError, load_policy
from civility.moderation.policy import check_policy, parse_policy

# The seed guidelines, word for word.
PROHIBITED = (
    "We will not tolerate the following: profanity, threats, personal attacks, vulgarity, "
    "abuse (such as sexism, racism, homophobia or xenophobia), or commercial or personal "
    "promotion."
)
WELCOMED = (
    "We welcome comments which are relevant to the article and encourage further discussion "
    "about the issues that matter to you. We also welcome constructive criticism about Rudaw."
)


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def test_default_policy_quotes_every_clause_of_the_guidelines(policy):
    assert [c.id for c in policy.clauses] == [
        "profanity",
        "threats",
        "personal_attacks",
        "vulgarity",
        "abuse",
        "promotion",
        "relevance",
        "criticism",
    ]
    for clause in policy.clauses:
        if clause.kind is ClauseKind.PROHIBIT:
            prefix = "We will not tolerate the following: "
            assert clause.text.startswith(prefix)
            assert clause.text[len(prefix) : -1] in PROHIBITED, clause.id
        else:
            assert clause.text in WELCOMED, clause.id
        assert clause.message and clause.example


def test_default_policy_cites_every_category(policy):
    cited = {name for c in policy.clauses if c.prohibits for name in c.categories}
    assert cited == set(CATEGORIES) - {"violation"}
    assert policy.clause("abuse").categories == (
        "abuse",
        "sexism",
        "racism",
        "homophobia",
        "xenophobia",
    )


def test_default_policy_never_rejects_on_relevance_alone(policy):
    relevance = policy.clause("relevance")
    assert relevance.kind is ClauseKind.WELCOME
    assert relevance.reject_at is None
    assert relevance.review_at is not None
    assert relevance.categories == ("off_topic",)


def test_default_language_limits(policy):
    modes = {lang: policy.language_mode(lang) for lang in ("en", "ar", "tr", "ckb", "kmr", "und")}
    assert modes == {
        "en": LanguageMode.FULL,
        "ar": LanguageMode.FULL,
        "tr": LanguageMode.FULL,
        "ckb": LanguageMode.CLEARLY_CIVIL,
        "kmr": LanguageMode.CLEARLY_CIVIL,
        "und": LanguageMode.REVIEW,
    }
    for lang in ("ckb", "kmr"):
        assert policy.for_language(lang).language_confidence_at == 0.7
    assert policy.for_language("en").language_confidence_at is None
    # A language the policy does not list is held, never auto-approved.
    assert policy.language_mode("fa") is LanguageMode.REVIEW


def test_default_thresholds_are_ordered(policy):
    for clause in policy.clauses:
        if clause.reject_at is not None and clause.review_at is not None:
            assert clause.review_at <= clause.reject_at
    assert 0 < policy.violation_review_at < 1


def test_the_default_is_parsed_once_and_shared(policy):
    assert load_policy() is policy
    with pytest.raises(TypeError):
        policy.languages["en"] = LanguageMode.REVIEW  # frozen: safe to share


def test_clause_lookup_unknown_id(policy):
    with pytest.raises(KeyError, match="nope"):
        policy.clause("nope")


MINIMAL = """
[policy]
name = "tiny"
version = "3"

[[clause]]
id = "insults"
kind = "prohibit"
text = "No insults."
message = "Rejected: no insults."
categories = ["personal_attack"]
reject_at = 0.8
review_at = 0.4
"""


def write(tmp_path, text):
    path = tmp_path / "policy.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_minimal_policy_loads_with_defaults(tmp_path):
    policy = load_policy(write(tmp_path, MINIMAL))
    assert policy.label == "tiny@3"
    assert len(policy.clauses) == 1
    assert policy.violation_review_at is None
    # No [languages] table: every language is held (fail closed).
    assert policy.language_mode("en") is LanguageMode.REVIEW


def problems_of(text: str) -> list[str]:
    with pytest.raises(PolicyError) as info:
        parse_policy(textwrap.dedent(text), source="test.toml")
    assert info.value.status == 422 and info.value.code == "invalid_policy"
    return [str(p) for p in info.value.problems]


def test_threshold_must_be_a_number_in_range_or_none():
    bad = MINIMAL.replace("reject_at = 0.8", "reject_at = 1.5")
    assert problems_of(bad) == ['clause[0].reject_at: must be a number in [0, 1] or "none"']
    bad = MINIMAL.replace("reject_at = 0.8", 'reject_at = "high"')
    assert problems_of(bad) == ['clause[0].reject_at: must be a number in [0, 1] or "none"']
    bad = MINIMAL.replace("reject_at = 0.8", "reject_at = true")
    assert problems_of(bad) == ['clause[0].reject_at: must be a number in [0, 1] or "none"']
    ok = parse_policy(MINIMAL.replace("reject_at = 0.8", 'reject_at = "none"'))
    assert ok.clauses[0].reject_at is None


def test_every_problem_is_listed_with_its_key():
    text = (
        MINIMAL
        + """
[[clause]]
id = "insults"
kind = "forbid"
message = "x"
categories = ["rudeness", "threat"]
review_at = 0.9
reject_at = 0.5
colour = "red"

[languages]
en = "sometimes"
xx = "full"

[settings]
violation_review_at = 2
"""
    )
    problems = problems_of(text)
    keys = {p.split(":")[0] for p in problems}
    assert keys == {
        "clause[1].colour",
        "clause[1].kind",
        "clause[1].text",
        "clause[1].categories",
        "languages.en",
        "languages.xx",
        "settings.violation_review_at",
    }
    assert "clause[1].text: missing" in problems
    assert any("unknown category 'rudeness'" in p for p in problems)


def test_review_above_reject_and_duplicate_ids():
    text = MINIMAL.replace("review_at = 0.4", "review_at = 0.9") + MINIMAL.split("\n\n", 1)[1]
    problems = problems_of(text)
    assert "clause[0].review_at: must not be above reject_at (0.9 > 0.8)" in problems
    assert "clause[1].id: duplicate id 'insults' (see clause[0])" in problems


def test_welcome_clause_may_not_reject_and_prohibit_needs_a_category():
    text = MINIMAL.replace('kind = "prohibit"', 'kind = "welcome"')
    assert problems_of(text) == ['clause[0].reject_at: a welcome clause never rejects: use "none"']
    text = MINIMAL.replace('["personal_attack"]', "[]")
    assert problems_of(text) == [
        "clause[0].categories: a prohibit clause needs at least one category"
    ]


def test_no_clauses_bad_toml_and_missing_file(tmp_path):
    assert problems_of('[policy]\nname = "x"\n') == [
        "clause: at least one [[clause]] table is required"
    ]
    assert problems_of("[[clause]\n")[0].startswith("file: not valid TOML")
    problems = check_policy(tmp_path / "absent.toml")
    assert [p.key for p in problems] == ["file"]


def test_with_thresholds_returns_a_checked_copy(policy):
    site = policy.with_thresholds(
        {"personal_attacks": {"reject_at": 0.7, "review_at": None}, "promotion": {"review_at": 0.3}}
    )
    assert site.clause("personal_attacks").reject_at == 0.7
    assert site.clause("personal_attacks").review_at is None
    assert site.clause("promotion").review_at == 0.3
    assert site.clause("promotion").reject_at == policy.clause("promotion").reject_at
    # The original is untouched.
    assert policy.clause("personal_attacks").reject_at == 0.9
    assert (
        site.with_thresholds({"threats": {"reject_at": "none"}}).clause("threats").reject_at is None
    )


def test_with_thresholds_rejects_bad_overrides(policy):
    with pytest.raises(PolicyError) as info:
        policy.with_thresholds(
            {
                "nope": {"reject_at": 0.5},
                "threats": {"reject_at": 0.3},
                "relevance": {"reject_at": 0.9},
                "abuse": {"review_at": -1, "colour": 1},
            }
        )
    problems = [str(p) for p in info.value.problems]
    assert "thresholds.nope: unknown clause id" in problems
    assert "thresholds.threats.review_at: must not be above reject_at (0.4 > 0.3)" in problems
    assert 'thresholds.relevance.reject_at: a welcome clause never rejects: use "none"' in problems
    assert 'thresholds.abuse.review_at: must be a number in [0, 1] or "none"' in problems
    assert "thresholds.abuse.colour: unknown key" in problems
    assert info.value.field == "thresholds.nope"


# --- per-language rules --------------------------------------------------------------

LANGUAGE_TABLES = """
[settings]
violation_review_at = 0.6

[languages]
en = "full"

[languages.ar]
mode = "full"
violation_reject_at = 0.7

[languages.ar.thresholds.insults]
reject_at = 0.6
review_at = 0.3
"""


def test_default_policy_rejects_on_violation_in_arabic_and_turkish_only(policy):
    assert policy.violation_reject_at is None
    assert policy.for_language("ar").violation_reject_at == 0.6
    assert policy.for_language("tr").violation_reject_at == 0.6
    for lang in ("en", "ckb", "kmr", "und", "fa"):
        assert policy.for_language(lang).violation_reject_at is None, lang
    # The clauses are the file's in every language.
    assert policy.for_language("ar").clauses == policy.clauses


def test_a_language_table_replaces_thresholds_for_that_language_only():
    policy = parse_policy(MINIMAL + LANGUAGE_TABLES)
    assert policy.language_mode("ar") is LanguageMode.FULL
    arabic = policy.for_language("ar")
    assert arabic.violation_reject_at == 0.7
    assert arabic.violation_review_at == 0.6  # not in the table: the file's
    assert (arabic.clause("insults").reject_at, arabic.clause("insults").review_at) == (0.6, 0.3)
    english = policy.for_language("en")
    assert english is policy
    assert english.clause("insults").reject_at == 0.8
    # Resolved once per language and shared.
    assert policy.for_language("ar") is arabic


def test_language_table_problems_name_their_keys():
    text = (
        MINIMAL
        + """
[languages]
en = "full"

[languages.ar]
mode = "sometimes"

[languages.tr]
mode = "full"
violation_reject_at = 1.2
colour = "red"

[languages.tr.thresholds.nope]
reject_at = 0.5

[languages.tr.thresholds.insults]
review_at = 0.9
blink = 1

[languages.ckb]
mode = "reject_only"
violation_review_at = 0.8
violation_reject_at = 0.7
"""
    )
    assert set(problems_of(text)) == {
        "languages.ar.mode: must be one of full, clearly_civil, reject_only, review",
        'languages.tr.violation_reject_at: must be a number in [0, 1] or "none"',
        "languages.tr.colour: unknown key",
        "languages.tr.thresholds.nope: unknown clause id",
        "languages.tr.thresholds.insults.blink: unknown key",
        "languages.tr.thresholds.insults.review_at: must not be above reject_at (0.9 > 0.8)",
        "languages.ckb.violation_review_at: must not be above violation_reject_at (0.8 > 0.7)",
    }
    missing = MINIMAL + "\n[languages.ar]\nviolation_reject_at = 0.6\n"
    assert problems_of(missing) == [
        "languages.ar.mode: must be one of full, clearly_civil, reject_only, review"
    ]


def test_settings_violation_reject_at_applies_to_every_language():
    policy = parse_policy(MINIMAL + "\n[settings]\nviolation_reject_at = 0.9\n")
    assert policy.for_language("en").violation_reject_at == 0.9
    bad = MINIMAL + "\n[settings]\nviolation_reject_at = 0.5\nviolation_review_at = 0.6\n"
    assert problems_of(bad) == [
        "settings.violation_review_at: must not be above violation_reject_at (0.6 > 0.5)"
    ]


def test_site_thresholds_win_over_language_rules():
    policy = parse_policy(MINIMAL + LANGUAGE_TABLES)
    site = policy.with_thresholds({"insults": {"reject_at": 0.95}})
    arabic = site.for_language("ar")
    # The editor's reject_at applies in Arabic too; the file's Arabic
    # review_at, which the editor did not set, still does.
    assert arabic.clause("insults").reject_at == 0.95
    assert arabic.clause("insults").review_at == 0.3
    assert arabic.violation_reject_at == 0.7
    assert site.for_language("en").clause("insults").reject_at == 0.95
    # The original keeps its own.
    assert policy.for_language("ar").clause("insults").reject_at == 0.6


def test_with_language_checks_like_the_file(policy):
    stricter = policy.with_language("en", violation_reject_at=0.95)
    assert stricter.for_language("en").violation_reject_at == 0.95
    assert policy.for_language("en").violation_reject_at is None
    with pytest.raises(PolicyError) as info:
        policy.with_language("en", violation_reject_at=0.5)
    assert [p.key for p in info.value.problems] == ["languages.en.violation_review_at"]
