"""The posting transaction's compiled statements write what the ORM would (civility/rows.py).

``rows.insert`` replaces ``Model.save`` for the rows a post writes under
SQLite's write lock, and ``rows.first_pk`` the repeat check's ``.first()``.
Each row written both ways must read back the same, field by field, on
SQLite and on PostgreSQL: the JSON of a decision's evidence, times to the
microsecond, a null, a foreign key, a primary key given by the caller.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import signals
from django.forms.models import model_to_dict

from civility import rows
from civility.commenters.models import CommenterKey
from civility.comments.models import Comment, DecisionRecord

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WHEN = dt.datetime(2016, 4, 21, 9, 30, 15, 123456, tzinfo=dt.UTC)


def comment_fields(article, **extra) -> dict:
    return {
        "article": article,
        "author_name": "Shilan Ahmed",
        "author_email": "shilan@example.org",
        "text": "Aleppo needs corridors first — ئاگربەست ({}).",
        "language": "en",
        "created_at": WHEN,
        "status": "pending",
        "content_hash": "a" * 64,
        "ip_hash": None,
        "decided_at": WHEN,
        "decided_by_person": False,
        **extra,
    }


def decision_fields(comment) -> dict:
    return {
        "comment": comment,
        "actor": None,
        "status": "pending",
        "clause_id": "threats",
        "guideline": "No threats.",
        "category": "threat",
        "scores": {"threat": 0.71, "insult": 0.02},
        "evidence": [{"category": "threat", "evidence": ["pay", "blood"], "score": 0.71}],
        "suggested": "review",
        "engine_version": "civility-test",
        "created_at": WHEN,
    }


def read_back(instance) -> dict:
    found = type(instance).objects.get(pk=instance.pk)
    fields = model_to_dict(found)
    fields.pop("id", None)
    return fields


def test_a_comment_and_its_decision_read_back_as_the_orm_writes_them(article):
    by_orm = Comment.objects.create(**comment_fields(article))
    compiled = Comment(**comment_fields(article))
    rows.insert(compiled)
    assert compiled.pk is not None and compiled.pk != by_orm.pk
    assert not compiled._state.adding and compiled._state.db == "default"
    assert read_back(compiled) == read_back(by_orm)
    assert Comment.objects.get(pk=compiled.pk).created_at == WHEN  # the microseconds too

    orm_decision = DecisionRecord.objects.create(**decision_fields(by_orm))
    decision = DecisionRecord(**decision_fields(compiled))
    rows.insert(decision)
    mine, theirs = read_back(decision), read_back(orm_decision)
    assert mine.pop("comment") == compiled.pk and theirs.pop("comment") == by_orm.pk
    assert mine == theirs
    assert DecisionRecord.objects.get(pk=decision.pk).evidence[0]["evidence"] == ["pay", "blood"]


def test_a_row_whose_key_the_caller_gives_is_inserted_with_it(article):
    comment = Comment.objects.create(**comment_fields(article))
    key = CommenterKey(comment=comment, email_key="k" * 64)
    rows.insert(key)
    assert CommenterKey.objects.get(pk=comment.pk).email_key == "k" * 64


def test_insert_sends_the_save_signals_as_save_does(article):
    seen = []

    def note(signal):
        def receiver(sender, instance, **kwargs):
            seen.append((signal, sender, instance.pk, kwargs.get("created")))

        return receiver

    before, after = note("pre_save"), note("post_save")
    signals.pre_save.connect(before, sender=Comment)
    signals.post_save.connect(after, sender=Comment)
    try:
        comment = Comment(**comment_fields(article))
        rows.insert(comment)
    finally:
        signals.pre_save.disconnect(before, sender=Comment)
        signals.post_save.disconnect(after, sender=Comment)
    assert seen == [("pre_save", Comment, None, None), ("post_save", Comment, comment.pk, True)]


def test_first_pk_finds_the_first_match_by_every_condition(article, make_article):
    other = make_article(slug="other-article")
    early = Comment.objects.create(**comment_fields(article, created_at=WHEN))
    Comment.objects.create(**comment_fields(article, created_at=WHEN + dt.timedelta(minutes=1)))
    Comment.objects.create(**comment_fields(other, created_at=WHEN - dt.timedelta(minutes=1)))
    Comment.objects.create(**comment_fields(article, content_hash="b" * 64))

    def first(**where):
        conditions = {
            "content_hash =": "a" * 64,
            "created_at >=": WHEN - dt.timedelta(minutes=10),
            "article =": article.pk,
        }
        conditions.update(where)
        return rows.first_pk(Comment, conditions, order_by="created_at")

    assert first() == early.pk
    assert first(**{"created_at >=": WHEN + dt.timedelta(seconds=1)}) != early.pk
    assert first(**{"created_at >=": WHEN + dt.timedelta(minutes=2)}) is None
    assert first(**{"article =": other.pk}) is not None
    assert first(**{"content_hash =": "c" * 64}) is None
