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
