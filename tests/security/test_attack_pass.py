"""Issue 12: the security helper's own pass, one attack per defence in docs/security.md.

Written before looking at whether the defence holds. Those that held stay
as guards; those that found something are fixed and named in
docs/security.md ("Attacks tried"). The trigger attack (INSERT OR REPLACE)
lives beside the triggers, tests/web/test_triggers_attack_pass.py.
"""

from __future__ import annotations

import json

import pytest

from civility.abuse import bots
from civility.comments.models import Comment

pytestmark = pytest.mark.django_db

EVIL = "https://evil.example"


def api(client, article, body, *, content_type="application/json", **headers):
    return client.post(
        f"/api/articles/{article.slug}/comments",
        body if isinstance(body, str) else json.dumps(body),
        content_type=content_type,
        headers=headers,
    )


GOOD = {"author_name": "Reader", "author_email": "reader@example.org", "text": "A fair point."}


# --- cross-site posting: other spellings of a "simple" request -------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain; application/json",  # a simple type that mentions JSON
        "application/json-patch+json",
        "application/jsonx",
        "text/json",
    ],
)
def test_json_look_alike_media_types_are_refused(client, article, engine_answers, content_type):
    response = api(client, article, GOOD, content_type=content_type, Origin=EVIL)
    assert response.status_code in (403, 415), content_type
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "origin",
    ["http://testserver:80.evil.example", "http://testserver@evil.example", "HTTP://EVIL.EXAMPLE"],
)
def test_origin_look_alikes_are_refused(client, article, engine_answers, origin):
    assert api(client, article, GOOD, Origin=origin).status_code == 403
    assert not Comment.objects.exists()


# --- hostile input: names that reach e-mail headers ----------------------------------


@pytest.mark.parametrize(
    "name", ["Reader\u0085Bcc: x@evil", "Reader\u2029Hi", "Rea\x0bder", "Re\u202eader"]
)
def test_names_with_line_breaks_of_any_kind_are_refused(client, article, engine_answers, name):
    response = api(client, article, {**GOOD, "author_name": name})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "author_name"


def test_an_address_with_a_line_break_is_refused(client, article, engine_answers):
    for email in ("reader@example.org\nBcc: all@example.org", "reader@exam\u2028ple.org"):
        response = api(client, article, {**GOOD, "author_email": email})
        assert response.status_code == 422
        assert response.json()["error"]["field"] == "author_email"


# --- the bots' defences: a token is not a key to every article or every door ---------


def test_a_spent_token_stays_spent_with_another_article_or_spelling(
    client, article, engine_answers
):
    token = bots.form_timestamp()
    for _ in range(bots.FORM_USES):
        bots.check_form({"issued": token})
    with pytest.raises(bots.FormRefused):
        bots.check_form({"issued": token})
    with pytest.raises(bots.FormRefused):
        bots.check_form({"issued": f" {token}"})  # a space is not a new token
    with pytest.raises(bots.FormRefused):
        bots.check_form({"issued": token, "website": "\u200b"})  # an invisible honeypot


# --- errors: every /api/ 404 in the one shape, with the headers of every response ---


def test_an_unknown_api_address_carries_the_security_headers(client):
    response = client.get("/api/%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


# --- e-mail: the confirmation link is for one comment ----------------------------------


def test_a_confirmation_link_confirms_only_its_own_comment(post):
    from civility.comments import notifications
    from civility.comments.models import NotificationRequest

    first = post("First, held.", decision="review", notify=True).comment
    second = post("Second, held.", decision="review", notify=True).comment
    token = notifications.confirm_token(first)
    assert notifications.confirm(token) == first
    assert notifications.confirm(token.replace(":", ";")) is None  # tampered
    assert NotificationRequest.objects.get(comment=second).confirmed_at is None
    # A token from another signed value of the site (the form's) is not a link.
    assert notifications.confirm(bots.form_timestamp()) is None
