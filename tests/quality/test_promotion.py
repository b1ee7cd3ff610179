"""Promotion on the spam sets we may read but never train on (rules only).

No model scores promotion (no ship-able set labels it), so the engine's
promotion score is the noisy-OR of the rules' promotion hits; this measures
it directly, which is fast. Bounds sit a little below what
``bench/promotion_quality.py`` measured (docs/normalisation-and-rules.md).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sklearn.metrics import roc_auc_score

from civility.moderation.language import identify_language
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules
from civility.training.records import YOUTUBE_CHECK_VIDEO

pytestmark = pytest.mark.quality

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "criticism" / "comments.jsonl"
REVIEW_AT = 0.6  # the default policy's promotion review_at


def promotion_score(text: str) -> float:
    miss = 1.0
    for hit in match_rules(normalise(text), identify_language(text, "en")):
        if hit.category == "promotion":
            miss *= 1.0 - hit.strength
    return 1.0 - miss


def auc(rows: list[tuple[str, int]]) -> float:
    return roc_auc_score([y for _, y in rows], [promotion_score(t) for t, _ in rows])


def youtube(data_dir: Path, name: str) -> list[tuple[str, int]]:
    with open(data_dir / "youtube_spam_collection" / name, encoding="utf-8") as handle:
        return [(r["CONTENT"], int(r["CLASS"])) for r in csv.DictReader(handle)]


def test_youtube_spam_ranks_above_comments(data_dir):
    # Only the video the promotion rules were never tuned on (Psy and Katy
    # Perry are the tuning half: records.dev_part). Target 0.97, not met.
    video = f"{YOUTUBE_CHECK_VIDEO}.csv"
    assert auc(youtube(data_dir, video)) >= 0.945  # measured 0.960


def test_sms_spam_ranks_above_messages(data_dir):
    path = data_dir / "sms_spam_collection_uci" / "SMSSpamCollection"
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    rows = [(text, int(label == "spam")) for label, _, text in (x.partition("\t") for x in lines)]
    assert auc(rows) >= 0.94  # measured 0.957


def test_constructive_news_comments_are_not_held_for_promotion(data_dir):
    path = data_dir / "c3_constructive_comments" / "C3_anonymized.csv"
    with open(path, encoding="utf-8") as handle:
        welcome = [
            r["comment_text"]
            for r in csv.DictReader(handle)
            if r["constructive_binary"] in ("1", "1.0")
            and float(r["crowd_toxicity_level"] or 1.0) < 2.0
        ]
    scores = [promotion_score(t) for t in welcome]
    held = [t[:80] for t, s in zip(welcome, scores, strict=True) if s >= REVIEW_AT]
    assert max(scores) < 0.95  # measured: none rejected
    assert len(held) <= 0.003 * len(welcome), held  # measured 4 of 4553


def test_civil_criticism_has_no_promotion_hold_and_spam_is_caught():
    items = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines() if line]
    civil = [promotion_score(i["text"]) for i in items if not i["clause"]]
    spam = [promotion_score(i["text"]) for i in items if i["clause"] == "promotion"]
    assert max(civil) < REVIEW_AT
    assert sum(s >= 0.95 for s in spam) >= 0.8 * len(spam)  # measured 48 of 55


# --- the promotion fixture: advertisements and civil comments, five languages ---------

PROMOTION_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "promotion"
LANGS = ("en", "ar", "tr", "ckb", "kmr")


def fixture_lines(kind: str) -> list[tuple[str, str]]:
    return [
        (lang, line)
        for lang in LANGS
        for line in (PROMOTION_FIXTURE / f"{kind}_{lang}.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def fixture_verdicts():
    from civility.moderation.context import Context
    from civility.moderation.engine import Engine

    engine = Engine()
    out = {}
    for kind in ("ads", "civil"):
        rows = fixture_lines(kind)
        verdicts = engine.moderate_batch([Context(text=t, lang_hint=lang) for lang, t in rows])
        out[kind] = list(zip(rows, verdicts, strict=True))
    return out


def _promotion_reason(verdict):
    return next((r for r in verdict.reasons if r.clause_id == "promotion"), None)


def test_fixture_is_as_large_as_promised():
    assert len(fixture_lines("ads")) >= 200
    assert len(fixture_lines("civil")) >= 200
    for kind in ("ads", "civil"):
        assert {lang for lang, _ in fixture_lines(kind)} == set(LANGS)


def test_advertisements_are_rejected_under_the_promotion_clause(fixture_verdicts):
    rows = fixture_verdicts["ads"]
    rejected = [
        (lang, text)
        for (lang, text), v in rows
        if str(v.decision) == "reject" and v.reasons and v.reasons[0].clause_id == "promotion"
    ]
    assert len(rejected) >= 0.9 * len(rows)  # measured 201 of 214
    for lang in LANGS:
        mine = [1 for (lg, _), v in rows if lg == lang]
        caught = [1 for lg, _ in rejected if lg == lang]
        assert len(caught) >= 0.85 * len(mine), lang


def test_rejected_advertisements_show_their_link_or_number(fixture_verdicts):
    from civility.moderation.promotion import _LINK

    for (_, text), verdict in fixture_verdicts["ads"]:
        reason = _promotion_reason(verdict)
        if str(verdict.decision) != "reject" or reason is None:
            continue
        shown = [text[s:e] for s, e in reason.evidence]
        has_contact = bool(_LINK.search(text.lower())) or sum(c.isdigit() for c in text) >= 9
        if has_contact:
            # The first piece of evidence is the link or the number itself.
            assert any(sum(c.isdigit() for c in piece) >= 7 or "." in piece for piece in shown), (
                text,
                shown,
            )


def test_civil_comments_with_links_prices_and_numbers_are_never_held_for_promotion(
    fixture_verdicts,
):
    for (lang, text), verdict in fixture_verdicts["civil"]:
        reason = _promotion_reason(verdict)
        assert reason is None or str(verdict.decision) != "reject", (lang, text)
        # Below the clause's review_at. (In Sorani and Kurmanji the policy's
        # clearly_civil mode still cites a link as the weak rule that keeps
        # the comment from automatic approval: that is the language rule.)
        assert verdict.scores["promotion"] < REVIEW_AT, (lang, text)
