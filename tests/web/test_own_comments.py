"""The reader's own held comment, in place, for their browser only (issue 14, point 2)."""

from __future__ import annotations

import pytest
from django.test import Client

from civility.abuse import bots
from civility.comments.actions import decide
from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def post(client, article, text="A comment a moderator reads first."):
    return client.post(
        f"/articles/{article.slug}/comments/",
        {"author_name": "Shilan", "text": text, bots.TIMESTAMP_FIELD: bots.form_timestamp()},
        follow=True,
    )


def test_a_held_comment_is_shown_to_its_author_only_until_decided(
    client, article, engine_answers, moderator
):
    engine_answers("review")
    html = post(client, article).content.decode()
    comment = Comment.objects.get()
    assert f'id="comment-{comment.pk}"' in html
    assert "Awaiting moderation" in html and "A comment a moderator reads first." in html
    assert "Only you can see this comment until a moderator decides." in html

    # Another browser sees nothing.
    other = Client().get(article.get_absolute_url()).content.decode()
    assert "A comment a moderator reads first." not in other

    # Rejected: the author sees it with the clause; nobody else does.
    decide(comment, status=CommentStatus.REJECTED, actor=moderator, clause_id="personal_attacks")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Not published" in html and "Rejected: personal attacks are not allowed." in html
    assert "comment--rejected" in html


def test_once_published_it_is_an_ordinary_comment(
    client, article, engine_answers, moderator, django_capture_on_commit_callbacks
):
    engine_answers("review")
    post(client, article)
    with django_capture_on_commit_callbacks(execute=True):  # the thread cache is purged
        decide(Comment.objects.get(), status=CommentStatus.APPROVED, actor=moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Awaiting moderation" not in html
    assert html.count("A comment a moderator reads first.") == 1
    assert (
        "A comment a moderator reads first."
        in Client().get(article.get_absolute_url()).content.decode()
    )


def test_a_forged_cookie_shows_nothing(client, article, engine_answers):
    engine_answers("review")
    post(client, article)
    thief = Client()
    thief.cookies["civility_reader"] = "forged:" + str(Comment.objects.get().pk)
    assert "Awaiting moderation" not in thief.get(article.get_absolute_url()).content.decode()
