"""The posting limits hold against other spellings of the same mailbox and the same text.

The attacks, through the JSON API with the shipped limits: after five posts
from one address, ``+tags``, a quoted local part and other case each got a
fresh allowance; after three posts of one text, a zero-width space, a
Cyrillic letter, a fullwidth letter or a trailing "!" made it new again.
"""

from __future__ import annotations

import json

import pytest

from civility.comments.models import Comment

pytestmark = pytest.mark.django_db


def api_post(client, article, *, ip, email, text):
    payload = {"author_name": "Reader", "author_email": email, "text": text}
    return client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps(payload),
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


@pytest.mark.parametrize(
    "spelling",
    [
        "spammer+1@example.org",
        "spammer+news@example.org",
        '"spammer"@example.org',
        "SPAMMER@example.org",
        "Spammer@EXAMPLE.ORG",
    ],
)
def test_the_mailbox_limit_holds_for_every_spelling(
    client, article, engine_answers, strict_limits, spelling
):
    for n in range(5):
        response = api_post(
            client, article, ip=f"203.0.113.{n}", email="spammer@example.org", text=f"Post {n}."
        )
        assert response.status_code == 201
    response = api_post(client, article, ip="198.51.100.7", email=spelling, text="One more post.")
    assert response.status_code == 429, (spelling, response.content[:200])
    assert Comment.objects.count() == 5


def test_gmail_dots_are_one_mailbox(client, article, engine_answers, strict_limits):
    for n in range(5):
        email = "jane.doe@gmail.com" if n % 2 else "janedoe@gmail.com"
        response = api_post(client, article, ip=f"203.0.113.{n}", email=email, text=f"Post {n}.")
        assert response.status_code == 201
    response = api_post(
        client, article, ip="198.51.100.7", email="j.a.n.e.d.o.e@googlemail.com", text="More."
    )
    assert response.status_code == 429


SPAM = "Visit my shop for the best prices on everything you need"


@pytest.mark.parametrize(
    "disguise",
    [
        "Visit my sh\u200bop for the best prices on everything you need",  # zero-width space
        "Visit my shop for the best pr\u0456ces on everything you need",  # Cyrillic і
        "\uff36isit my shop for the best prices on everything you need",  # fullwidth V
        SPAM + "!",
        SPAM.upper() + " !!",
    ],
)
def test_the_same_text_limit_holds_for_disguised_copies(
    client, article, engine_answers, strict_limits, disguise
):
    for n in range(3):
        response = api_post(
            client, article, ip=f"203.0.113.{n}", email=f"r{n}@example.org", text=SPAM
        )
        assert response.status_code == 201
    response = api_post(client, article, ip="198.51.100.8", email="new@example.org", text=disguise)
    assert response.status_code == 429, (disguise, response.content[:200])
    assert response.json()["error"]["field"] == "text"
    assert Comment.objects.count() == 3


def test_a_resend_in_disguise_answers_with_the_first_comment(client, article, engine_answers):
    first = api_post(client, article, ip="203.0.113.1", email="a@example.org", text=SPAM)
    again = api_post(
        client, article, ip="203.0.113.1", email="a+x@example.org", text=SPAM.replace("o", "\u043e")
    )
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Comment.objects.count() == 1


def test_texts_without_words_stay_apart(client, article, engine_answers):
    up = api_post(client, article, ip="203.0.113.1", email="a@example.org", text="\U0001f44d")
    down = api_post(client, article, ip="203.0.113.1", email="a@example.org", text="\U0001f44e")
    assert up.json()["id"] != down.json()["id"]
