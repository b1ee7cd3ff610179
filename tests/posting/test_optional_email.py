"""The e-mail is optional (issue 14: the seed's form asks for a name and the
comment), and a missing one is nobody's: "" must never be a shared mailbox
for the limits, the repeat check or the engine's recent texts."""

from __future__ import annotations

import pytest

from civility.abuse.rate_limits import Rate
from civility.errors import ValidationFailed
from civility.posting.service import submit
from civility.posting.submission import Door, Submission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def post(article, engine, *, email="", ip="203.0.113.1", text="I agree with this report.", **kw):
    return submit(
        Submission(
            door=Door.SERVER,
            article=article,
            author_name="Reader",
            author_email=email,
            text=text,
            ip_address=ip,
            engine=engine,
            **kw,
        )
    )


def test_a_comment_without_an_email_is_stored(article, pinned_engine):
    outcome = post(article, pinned_engine("approve"))
    assert outcome.outcome == "published" and outcome.comment.author_email == ""


def test_asking_for_the_outcome_needs_an_email(article, pinned_engine):
    outcome = post(article, pinned_engine("review"), notify=True)
    assert isinstance(outcome.error, ValidationFailed)
    assert (outcome.error.field, outcome.error.code) == ("author_email", "required")


def test_the_site_may_require_it(article, pinned_engine, settings):
    settings.CIVILITY_EMAIL_REQUIRED = True
    assert post(article, pinned_engine("approve")).error.code == "required"


def test_readers_without_an_email_are_not_one_reader(article, pinned_engine, settings):
    """Two readers who give no e-mail and write the same words are two comments,
    and the per-mailbox limit does not add them up."""
    settings.CIVILITY_RATE_LIMIT_EMAIL = Rate(1, 3600)
    engine = pinned_engine("approve")
    first = post(article, engine, ip="203.0.113.1")
    second = post(article, engine, ip="203.0.113.2")
    third = post(article, engine, ip="203.0.113.3", text="Another view, from elsewhere.")
    assert first.created and second.created and third.created
    assert len({first.comment.pk, second.comment.pk, third.comment.pk}) == 3


def test_the_same_reader_resending_is_still_a_repeat(article, pinned_engine):
    engine = pinned_engine("approve")
    first = post(article, engine)
    again = post(article, engine)
    assert not again.created and again.comment.pk == first.comment.pk
