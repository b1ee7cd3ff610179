"""The desk items' shared parts (moderators/item_html.py) are what the template loops gave."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix
from django.utils import translation

from civility.guidelines import site_policy
from civility.moderators import item_html, presentation

# The loop moderators/_item.html had before clause_options, kept here as the reference.
LOOP = (
    "{% load i18n %}{% for clause in clauses %}"
    '<option value="{{ clause.id }}" title="{{ clause.text }}"'
    "{% if clause.id == chosen %} selected{% endif %}>{% translate clause.label %}</option>"
    "{% endfor %}"
)


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "kmr", "tr"])
@pytest.mark.parametrize("chosen", ["", "threats", "promotion"])
def test_clause_options_are_the_loop_s_options(db, language, chosen):
    with translation.override(language):
        clauses = presentation.reject_choices(site_policy.clauses())
        assert item_html.clause_options(clauses, chosen) == render(
            LOOP, clauses=clauses, chosen=chosen
        )


def test_clause_options_follow_the_language_and_escape_the_text(db):
    choice = presentation.ClauseChoice("x", "Profanity", 'Say "no" <b>')
    with translation.override("en"):
        english = item_html.clause_options([choice], "x")
    with translation.override("tr"):
        turkish = item_html.clause_options([choice], "x")
    assert english != turkish  # the label is translated in the active language
    assert 'title="Say &quot;no&quot; &lt;b&gt;" selected' in english


@pytest.mark.parametrize("name", ["moderators:decide", "moderators:feature", "moderators:sanction"])
@pytest.mark.parametrize("pk", [1, 7, 2_147_480_001, 123456789])
def test_desk_url_is_reverse(name, pk):
    assert item_html.desk_url(name, pk) == reverse(name, args=[pk])


def test_desk_url_follows_the_script_prefix():
    try:
        set_script_prefix("/comments/")
        expected = reverse("moderators:decide", args=[5])
        assert expected.startswith("/comments/")
        assert item_html.desk_url("moderators:decide", 5) == expected
    finally:
        set_script_prefix("/")
