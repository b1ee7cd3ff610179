"""The queue says why each comment is held, for every reason (the engine's
clause, relevance with its score and languages, the language rule, the trust
rule, a sanction, a failed moderation)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from civility.moderation import Decision, Reason, Verdict, load_policy

pytestmark = pytest.mark.postgres


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def reasons_shown(client) -> list[str]:
    html = client.get("/moderate/").content.decode()
    return re.findall(r'<li data-reason="(\w+)">(.*?)</li>', html)


def verdict(lang: str, reasons=()) -> Verdict:
    return Verdict(
        decision=Decision.REVIEW,
        lang=lang,
        scores={"violation": 0.05, "off_topic": 0.86 if reasons else None},
        reasons=tuple(reasons),
        model="pinned",
    )


def test_relevance_names_its_score_and_both_languages(mod_client, article, pinned_engine):
    from civility.posting.service import post_comment

    relevance = load_policy().clause("relevance")
    off_topic = Reason("off_topic", relevance.text, 0.86, (), clause_id="relevance")
    post_comment(
        article=article,
        text="وصفة الدولمة سهلة",
        author_name="A",
        author_email="a@example.org",
        engine=pinned_engine(verdict=verdict("ar", [off_topic])),
    )
    assert reasons_shown(mod_client) == [
        (
            "relevance",
            "Relevance: off-topic 0.86 for an article in English; the comment reads as Arabic.",
        )
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kmr",
            "Language rule: in Kurmanji only clearly civil comments are approved automatically "
            "(no rule fired, the language surely identified).",
        ),
        (
            "und",
            "Language rule: comments in an unidentified language are never approved automatically.",
        ),
        ("en", "No model could judge it with confidence, so a person decides."),
    ],
)
def test_a_comment_held_by_the_language_rule_says_so(
    mod_client, article, pinned_engine, lang, expected
):
    from civility.posting.service import post_comment

    post_comment(
        article=article,
        text="Ez difikirim ku ev nûçe baş e.",
        author_name="K",
        author_email="k@example.org",
        engine=pinned_engine(verdict=verdict(lang)),
    )
    assert [text for _, text in reasons_shown(mod_client)] == [expected]


def test_the_trust_rule_and_a_sanction_say_so(mod_client, post, settings, moderator):
    from civility.commenters.actions import impose_sanction
    from civility.readers.models import Reader

    settings.CIVILITY_READER_NEW_UNTIL = 1
    now = timezone.now()
    reader = Reader.objects.create(
        subject="r1", name="New", email="new@example.org", first_seen=now, last_seen=now
    )
    post(
        "Hello from a new reader.",
        decision="approve",
        reader=reader,
        author_email="new@example.org",
    )
    shown = reasons_shown(mod_client)
    assert [kind for kind, _ in shown] == ["trust"]
    assert "new reader (0 approved comments)" in shown[0][1]

    watched = post("Borderline.", decision="review", author_email="w@example.org").comment
    impose_sanction(watched, kind="premoderate", actor=moderator, reason="watch", now=now)
    post(
        "Civil now.",
        decision="approve",
        author_email="w@example.org",
        now=now + dt.timedelta(seconds=1),
    )
    kinds = [kind for kind, _ in reasons_shown(mod_client)]
    assert "sanction" in kinds


def test_a_failed_moderation_says_so(mod_client, post, pinned_engine, article):
    from civility.posting.service import post_comment

    post_comment(
        article=article,
        text="Anything.",
        author_name="F",
        author_email="f@example.org",
        engine=pinned_engine(raises=RuntimeError("model file missing")),
    )
    ((kind, text),) = reasons_shown(mod_client)
    assert kind == "failure"
    assert "model file missing" in text
