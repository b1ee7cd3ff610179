"""Sorani and Kurmanji: civil text is not rejected, and most of it needs no moderator.

No labelled Kurdish offensive set exists, so news sentences and headlines
stand in for civil comments (``kurdish-news-ckb`` / ``kurdish-news-kmr`` in
``training/measure_sets.py``). The policy's ``clearly_civil`` mode approves
what no rule flags and whose dialect is surely identified, and holds the
rest. The targets: civil Kurdish rejected <= 0.5%, approved automatically
>= 70%. Only the "check" half is read (``records.dev_part``); the language
confidence threshold was chosen on the other half (bench/tune_policy.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civility.moderation import Article, Context, Decision, get_engine
from civility.training.evaluate import dev_rows

pytestmark = pytest.mark.quality

REJECTED = 0.005  # the target; measured 0.000 in both dialects
APPROVED = 0.70  # the target; measured 0.975 (Sorani) and 0.876 (Kurmanji)
# Lines read as another language are judged as that language: bounded near
# what was measured (Kurmanji names with Turkish letters read as Turkish).
MISREAD = 0.01


@pytest.fixture(scope="module", params=["ckb", "kmr"])
def judged(request, data_dir):
    lang = request.param
    rows = dev_rows(f"kurdish-news-{lang}", data_dir, part="check")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    verdicts = get_engine().moderate_batch([Context(text=r.text, now=now) for r in rows])
    return lang, [r.text for r in rows], verdicts


def test_civil_kurdish_is_not_rejected(judged):
    lang, texts, verdicts = judged
    rejected = [t for t, v in zip(texts, verdicts, strict=True) if v.decision is Decision.REJECT]
    assert len(rejected) <= REJECTED * len(texts), f"{lang}: {len(rejected)}: {rejected[:5]}"


def test_most_civil_kurdish_is_approved_without_a_moderator(judged):
    lang, texts, verdicts = judged
    approved = sum(v.decision is Decision.APPROVE for v in verdicts)
    assert approved >= APPROVED * len(texts), f"{lang}: {approved / len(texts):.3f} approved"


def test_an_approval_needs_the_dialect_surely_identified(judged):
    lang, texts, verdicts = judged
    # Nearly every line is read as its own dialect, or the approvals below
    # would be another language's decisions.
    misread = [t for t, v in zip(texts, verdicts, strict=True) if v.lang != lang]
    assert len(misread) <= MISREAD * len(texts), f"{lang}: {misread[:5]}"


def test_a_rule_hit_holds_what_the_models_cannot_read():
    """A Kurdish insult too weak to reject is held, never approved (no model
    learned Kurdish; the rules are the evidence)."""
    engine = get_engine()
    # "dog" (a mild insult in Sorani) in an otherwise civil sentence.
    verdict = engine.moderate("ئەو سەگە هەموو شتێک دەڵێت", lang="ckb")
    assert verdict.lang == "ckb"
    assert verdict.decision is not Decision.APPROVE


def test_the_demo_kurdish_comments_are_approved_when_civil_and_on_topic():
    """The demo's Sorani and Kurmanji sample comments on their articles (all civil)."""
    from civility.demo import all_demo_articles, comments_for

    engine = get_engine()
    decisions = []
    for article in all_demo_articles():
        if article["language"] not in ("ckb", "kmr"):
            continue
        context = Article(article["title"], article["body"], article["language"])
        for comment in comments_for(article["slug"]):
            verdict = engine.moderate(comment["text"], article=context, lang=article["language"])
            decisions.append(verdict.decision)
    assert Decision.REJECT not in decisions
    # Measured 5 of 6: one Kurmanji comment is held by relevance (off_topic 0.81).
    assert decisions.count(Decision.APPROVE) >= APPROVED * len(decisions)
