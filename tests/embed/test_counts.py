"""Comment counts: on article lists and tag pages, and for the count script
(issue 14, point 7)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def comment(article, n, status=CommentStatus.APPROVED):
    return Comment.objects.create(
        article=article,
        author_name="R",
        author_email=f"r{n}@example.org",
        text=f"Comment {n}",
        status=status,
        created_at=timezone.now(),
        content_hash=f"count-{article.pk}-{n}",
    )


def test_the_home_and_tag_pages_count_published_comments(client, article):
    comment(article, 1)
    comment(article, 2)
    comment(article, 3, status=CommentStatus.PENDING)  # held: not counted
    for path in ("/", "/tags/aleppo/"):
        html = client.get(path).content.decode()
        assert f'href="{article.get_absolute_url()}#comments-heading">2 comments</a>' in html, path


def test_one_comment_is_singular(client, article):
    comment(article, 1)
    assert ">1 comment</a>" in client.get("/").content.decode()


def test_the_count_endpoint_answers_each_id_in_the_page_language(client, article):
    article.external_id = "rudaw-123"
    article.save()
    comment(article, 1)
    comment(article, 2)
    answer = client.get(
        "/api/embed/counts",
        {"article": ["rudaw-123", article.slug, "no-such-article"], "lang": "tr"},
    ).json()
    assert answer == {
        "counts": {
            "rudaw-123": {"count": 2, "text": "2 yorum"},
            article.slug: {"count": 2, "text": "2 yorum"},
            "no-such-article": {"count": 0, "text": "0 yorum"},
        }
    }
