"""/guidelines/: the policy's clauses, their messages and examples, in the page's language."""

from __future__ import annotations

import html
import re

import pytest

from civility.moderation import load_policy

pytestmark = [pytest.mark.django_db]


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_every_clause_is_shown_with_its_message_and_example(client):
    response = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = text_of(response)
    clauses = load_policy().clauses
    assert len(clauses) >= 8
    for clause in clauses:
        assert f'id="clause-{clause.id}"' in page
        assert clause.text in page
        assert clause.message in page
        assert clause.example and clause.example in page
    assert '<html lang="en" dir="ltr">' in page


def test_prohibitions_and_welcomes_are_listed_apart(client):
    page = text_of(client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en"))
    welcome = page.index("What we welcome")
    assert page.index('id="clause-profanity"') < welcome < page.index('id="clause-criticism"')


def test_the_page_speaks_the_language_asked_for(client):
    page = text_of(client.get("/guidelines/?lang=ckb"))
    assert '<html lang="ckb" dir="rtl">' in page
    assert "Community guidelines" not in page
    assert "We will not tolerate the following: profanity." not in page
    assert "Rejected: profanity is not allowed." not in page
    # The examples are the policy's own words, marked as English.
    assert '<q lang="en" dir="ltr">What a load of bullsh*t.</q>' in page


def test_the_browsers_language_without_a_choice(client):
    page = text_of(client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="tr"))
    assert '<html lang="tr" dir="ltr">' in page
    assert "Topluluk kuralları" in page


def test_an_unknown_language_is_ignored(client):
    response = client.get("/guidelines/?lang=xx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


def test_the_article_page_links_to_it_in_the_articles_language(client, article):
    article.language = "ar"
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    links = re.findall(r'href="(/guidelines/[^"]*)"', page)
    assert links and all(link == "/guidelines/?lang=ar" for link in links)
    assert len(links) == 2  # the Comments section and the footer


def test_the_form_offers_the_email_and_the_precheck(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="notify"' in page and "E-mail me when a moderator decides" in page
    assert f'data-precheck-url="/api/articles/{article.slug}/precheck"' in page
    assert "civility/precheck.js" in page
