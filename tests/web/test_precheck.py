"""The pre-submit check, POST /api/articles/{slug}/precheck, through the real stack."""

from __future__ import annotations

import json

import pytest

from civility.comments.models import Comment, DecisionRecord
from civility.moderation.verdict import Decision as Suggested
from civility.moderation.verdict import Reason, Verdict
from civility.posting.service import submit
from civility.posting.submission import Door, Sender, Submission
from civility.posting.warnings import warnings_of
from civility.web.config import Rate

pytestmark = [pytest.mark.django_db]

URL = "/api/articles/russia-defends-aleppo/precheck"


def ask(client, text, url=URL):
    return client.post(url, json.dumps({"text": text}), content_type="application/json")


def test_a_warning_names_the_clause_its_message_and_the_words_found(
    client, article, engine_answers
):
    engine_answers("review")
    response = ask(client, "Idiot, you know nothing.")
    assert response.status_code == 200
    assert response.json() == {
        "warnings": [
            {
                "clause_id": "personal_attacks",
                # Nothing is posted yet: the clause's rule, spoken of the future.
                "message": "This may be rejected: personal attacks are not allowed.",
                "quotes": ["Idiot"],
            }
        ]
    }


def test_nothing_is_stored(client, article, engine_answers):
    engine_answers("reject")
    assert ask(client, "Idiot, you know nothing.").json()["warnings"]
    assert Comment.objects.count() == 0 and DecisionRecord.objects.count() == 0


def test_a_fine_comment_gets_no_warning(client, article, engine_answers):
    engine_answers("approve")
    assert ask(client, "A fair point about the ceasefire.").json() == {"warnings": []}


def test_an_engine_failure_answers_no_warning_rather_than_blocking(client, article, engine_answers):
    engine_answers(raises=RuntimeError("model file missing"))
    response = ask(client, "Idiot, you know nothing.")
    assert response.status_code == 200 and response.json() == {"warnings": []}


def test_the_message_is_in_the_articles_language(client, article, engine_answers):
    article.language = "ar"
    article.save()
    engine_answers("review")
    message = ask(client, "Idiot, you know nothing.").json()["warnings"][0]["message"]
    assert message == "قد يُرفض هذا: الهجمات الشخصية غير مسموح بها."
    assert any("\u0600" <= ch <= "\u06ff" for ch in message)


def test_the_real_engine_quotes_the_insult(client, article):
    warnings = ask(client, "You are an idiot and a moron, shut up.").json()["warnings"]
    assert [w["clause_id"] for w in warnings] == ["personal_attacks"]
    assert "idiot" in warnings[0]["quotes"] and "moron" in warnings[0]["quotes"]


def test_the_real_engine_is_quiet_on_a_relevant_comment(client, article):
    text = "Russia should respect the ceasefire around Aleppo and let the talks in Geneva go on."
    assert ask(client, text).json() == {"warnings": []}


def test_checks_are_rate_limited_per_address_apart_from_posting(
    client, article, engine_answers, settings
):
    engine_answers("approve")
    settings.CIVILITY_RATE_LIMIT_PRECHECK = Rate(2, 60)
    assert ask(client, "one").status_code == 200
    assert ask(client, "two").status_code == 200
    response = ask(client, "three")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0


def test_unknown_closed_and_too_long(client, article, engine_answers, settings):
    engine_answers("approve")
    assert ask(client, "x", url="/api/articles/no-such/precheck").status_code == 404
    settings.CIVILITY_COMMENT_MAX_CHARS = 10
    response = ask(client, "x" * 11)
    assert response.status_code == 422 and response.json()["error"]["field"] == "text"
    article.comments_open = False
    article.save()
    assert ask(client, "fine").status_code == 409


def test_welcome_clauses_and_duplicate_spans_are_folded():
    text = "Buy now at shop.example and shop.example"
    verdict = Verdict(
        decision=Suggested.REVIEW,
        lang="en",
        scores={},
        reasons=(
            Reason("promotion", "g", 0.9, ((11, 23), (11, 15), (28, 40)), "promotion"),
            Reason("off_topic", "g", 0.9, (), "relevance"),
            Reason("promotion", "g", 0.7, ((0, 3),), "promotion"),
        ),
    )
    warnings = warnings_of(verdict, text)
    assert [w.clause_id for w in warnings] == ["promotion"]
    assert warnings[0].quotes == ("shop.example", "Buy")


def test_an_empty_text_is_not_sent_to_the_engine(article, pinned_engine):
    engine = pinned_engine("reject")
    json_sender = Sender(content_type="application/json")
    outcome = submit(Submission(Door.PRECHECK, article, "  \n ", sender=json_sender, engine=engine))
    assert outcome.warnings == () and outcome.http_status == 200
    assert engine.calls == []
