"""Property-based tests (hypothesis) over the text rules, the form and the API.

Whatever a reader or a script sends: no 5xx; a refusal is a 4xx in the one
error shape and stores nothing; an acceptance stores exactly the text sent
(line endings as ``\\n``, outer blank space trimmed), and never a character
the rules refuse.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civility.abuse import bots, textrules
from civility.comments.models import Comment, DecisionRecord
from civility.errors import ValidationFailed

pytestmark = pytest.mark.django_db

CODES = {
    "required",
    "too_long",
    "too_many_bytes",
    "text_control_chars",
    "text_bidi_controls",
    "text_combining_flood",
    "text_invalid_unicode",
}

# Text a reader might type, with the hostile characters mixed in often.
TRICKY = "\x00\x07\x1b\x7f\x85\u202e\u2066\u200f\u200c\u200d\u0301\u0651\ufffd\uffff\t\r\n "
texts = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),  # no lone surrogates: a form cannot carry them
        st.sampled_from(TRICKY),
        st.sampled_from("کوردستانحلبHalep<>&\"'"),
    ),
    max_size=60,
)
# JSON can carry what UTF-8 cannot: lone surrogates (\ud800), refused by the rules.
json_texts = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)),
    max_size=60,
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def stored_as(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@given(st.text(max_size=80))
@settings(max_examples=400, deadline=None)
def test_the_rules_accept_unchanged_or_refuse_with_a_known_code(text):
    try:
        assert textrules.check_text(text, field="text", max_chars=50, max_bytes=120) is text
    except ValidationFailed as error:
        assert error.code in CODES and error.field == "text" and error.message
        return
    assert not any(c in textrules.BIDI_CONTROLS for c in text)
    assert all(c in "\n\t" or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0) for c in text)


def check_outcome(response, text, before, refused_statuses):
    after = Comment.objects.count(), DecisionRecord.objects.count()
    assert response.status_code < 500
    # 200: the article page a stored comment's post redirected to (the form
    # posts, redirects and gets; a refusal's page answers 400 or 422).
    if response.status_code in (200, 201, 202):
        comment = Comment.objects.order_by("-id").first()
        if after != before:  # a repeat answers with the first comment
            assert after == (before[0] + 1, before[1] + 1)
            assert comment.text == stored_as(text)
            textrules.check_text(comment.text, field="text")
        return
    assert response.status_code in refused_statuses, response.content[:300]
    assert after == before


@given(text=json_texts, name=json_texts)
@SETTINGS
def test_the_api_never_fails_and_never_half_stores(article, engine_answers, text, name):
    client = Client()
    before = Comment.objects.count(), DecisionRecord.objects.count()
    response = client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps({"author_name": name, "author_email": "p@example.org", "text": text}),
        content_type="application/json",
    )
    check_outcome(response, text, before, {400, 422})
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "field"} and error["message"]


@given(
    body=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | texts,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
        max_leaves=8,
    )
)
@SETTINGS
def test_the_api_answers_any_json_with_a_4xx_or_a_comment(article, engine_answers, body):
    client = Client()
    before = Comment.objects.count(), DecisionRecord.objects.count()
    response = client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code < 500
    assert response.status_code in (400, 422), response.content[:300]
    assert (Comment.objects.count(), DecisionRecord.objects.count()) == before


@given(text=texts, name=texts)
@SETTINGS
def test_the_form_never_fails_and_never_half_stores(article, engine_answers, text, name):
    client = Client()
    before = Comment.objects.count(), DecisionRecord.objects.count()
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {
            "author_name": name,
            "author_email": "p@example.org",
            "text": text,
            bots.TIMESTAMP_FIELD: bots.form_timestamp(),
        },
        follow=True,
    )
    check_outcome(response, text, before, {400, 422})
