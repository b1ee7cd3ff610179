"""Reactions, editors' picks and closing a thread, through their action functions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from civility.articles import closing as age
from civility.errors import ArticleClosed, NotFound, PermissionDenied, RateLimited
from civility.posting.service import post_comment
from civility.threads import closing, picks, reactions
from civility.threads.models import Reaction, ThreadAction
from civility.threads.signals import thread_changed
from civility.threads.visitor import Visitor
from civility.web.config import Rate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def changed():
    """The article ids ``thread_changed`` announced (after commit)."""
    seen = []

    def receiver(sender, article_id, **kwargs):
        seen.append(article_id)

    thread_changed.connect(receiver)
    yield seen
    thread_changed.disconnect(receiver)


def test_one_reaction_per_reader_and_taking_it_back(published, readers):
    one, other = readers(2)
    assert reactions.react(published, visitor=one).to_json() == {
        "comment_id": published.pk,
        "count": 1,
        "reacted": True,
    }
    assert reactions.react(published, visitor=one).count == 1  # twice is once
    assert reactions.react(published, visitor=other).count == 2
    assert reactions.state(published.pk, Visitor.fresh()).reacted is False
    undone = reactions.react(published, visitor=one, on=False)
    assert (undone.count, undone.reacted) == (1, False)
    # What is kept cannot name the reader, nor link two of their reactions.
    keys = set(Reaction.objects.values_list("reader", flat=True))
    assert other.key not in "".join(keys)
    assert other.reaction_of(published.pk) in keys
    assert other.reaction_of(published.pk + 1) != other.reaction_of(published.pk)


def test_reactions_are_rate_limited_and_only_on_published_comments(post, published, settings):
    settings.CIVILITY_RATE_LIMIT_REACTIONS = Rate(1, 600)
    reactions.react(published, visitor=Visitor.fresh(), ip="192.0.2.5")
    with pytest.raises(RateLimited):
        reactions.react(published, visitor=Visitor.fresh(), ip="192.0.2.5")
    held = post("Borderline.", decision="review").comment
    with pytest.raises(NotFound):
        reactions.react(held, visitor=Visitor.fresh())


def test_one_address_cannot_inflate_a_comment_by_dropping_its_reader_key(published, settings):
    # A script sends no reader key, so every request is a new reader: the count of
    # what one address adds to one comment is what bounds it (found by an attack:
    # 40 keyless reactions from one address counted 40).
    settings.CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT = Rate(5, 86400)
    for _ in range(40):
        last = reactions.react(published, visitor=Visitor.fresh(), ip="192.0.2.7")
    assert (last.count, last.reacted) == (5, False)
    # Another address (another reader) still counts; a reader who reacted can take it back.
    other = Visitor.fresh()
    assert reactions.react(published, visitor=other, ip="198.51.100.9").count == 6
    assert reactions.react(published, visitor=other, on=False, ip="198.51.100.9").count == 5


def test_a_moderator_features_and_unfeatures_a_comment(published, moderator, article):
    picks.feature_comment(published, actor=moderator)
    picks.feature_comment(published, actor=moderator)  # again: nothing new
    assert published.featured.featured_by == moderator
    assert picks.unfeature_comment(published, actor=moderator) is True
    assert picks.unfeature_comment(published, actor=moderator) is False
    log = list(ThreadAction.objects.values_list("kind", "comment", "actor"))
    assert log == [
        ("featured", published.pk, moderator.pk),
        ("unfeatured", published.pk, moderator.pk),
    ]


def test_only_moderators_feature_and_only_published_comments(published, post, moderator):
    reader = User.objects.create_user("reader", password="x-long-password-1")
    with pytest.raises(PermissionDenied):
        picks.feature_comment(published, actor=reader)
    rejected = post("You idiot.", decision="reject").comment
    with pytest.raises(NotFound):
        picks.feature_comment(rejected, actor=moderator)


def test_closing_by_hand_refuses_posts_and_is_logged(article, moderator, pinned_engine):
    assert closing.close_comments(article, actor=moderator, note="court case") is True
    assert closing.close_comments(article, actor=moderator) is False
    with pytest.raises(ArticleClosed):
        post_comment(
            article=article,
            author_name="Shilan",
            text="Still open?",
            engine=pinned_engine("approve"),
        )
    closing.reopen_comments(article, actor=moderator)
    assert age.is_open(article)
    assert list(ThreadAction.objects.values_list("kind", "note")) == [
        ("closed", "court case"),
        ("reopened", ""),
    ]


def test_age_closes_comments_at_midnight_in_the_site_zone(article, settings):
    settings.CIVILITY_COMMENTS_CLOSE_AFTER_DAYS = 7
    settings.TIME_ZONE = "Asia/Baghdad"
    published = article.published  # 2016-04-21
    closes = age.closes_at(article)
    assert closes.isoformat() == f"{published + dt.timedelta(days=7)}T00:00:00+03:00"
    assert age.is_open(article, closes - dt.timedelta(seconds=1))
    assert not age.is_open(article, closes)
    settings.CIVILITY_COMMENTS_CLOSE_AFTER_DAYS = 0
    assert age.is_open(article, closes + dt.timedelta(days=3650))


def test_thread_changed_is_sent_after_commit(
    published, moderator, article, changed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        picks.feature_comment(published, actor=moderator)
        assert changed == []  # not before the commit
    with django_capture_on_commit_callbacks(execute=True):
        reactions.react(published, visitor=Visitor.fresh())
    with django_capture_on_commit_callbacks(execute=True):
        closing.close_comments(article, actor=moderator)
    assert changed == [article.pk, article.pk, article.pk]
