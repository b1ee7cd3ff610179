"""``submit``: the one function every door calls, as Isso's ``API.new`` is.

parse (the door) → the decision list (steps.py) → store the comment and its
first decision in one transaction (comments/actions.record_comment) → answer
one Outcome. The events (webhooks, e-mails) fire after the commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.articles.models import Article
from civility.commenters import actions as commenters
from civility.comments import actions
from civility.errors import CivilityError, NotFound
from civility.guidelines import drafts
from civility.readers import trust

from . import steps
from .outcome import Outcome
from .submission import Door, Submission
from .warnings import warnings_of


def submit(submission: Submission) -> Outcome:
    """Check, moderate and (except for a pre-submit check) store one comment."""
    # The policy in force, read once for the engine and the reader's message.
    with drafts.read_once():
        return _submit(submission)


def _submit(submission: Submission) -> Outcome:
    posting = steps.Posting(submission=submission, now=submission.now or timezone.now())
    try:
        posting = steps.run(posting)
    except CivilityError as error:
        return Outcome.refusal(error)
    if posting.answer is not None:
        return _repeat(posting.answer)
    if submission.door is Door.PRECHECK:
        return Outcome.checked(warnings_of(posting.verdict, posting.text))
    with transaction.atomic():
        comment, decision, created = _record(submission, posting)
        if created:
            # Who wrote it, in the same transaction: the mailbox's key, the reader.
            commenters.link(comment, posting.author_email)
            if submission.reader is not None:
                trust.link(submission.reader, comment)
    if not created:
        return _repeat(comment)
    return Outcome.stored(comment, decision, posting.verdict)


def _record(submission: Submission, posting: steps.Posting):
    return actions.record_comment(
        article=submission.article,
        parent=posting.parent,
        author_name=posting.author_name,
        author_email=posting.author_email,
        text=posting.text,
        language=getattr(posting.verdict, "lang", "") or submission.article.language,
        content_hash=posting.content_hash,
        ip_address=submission.ip_address,
        decision=posting.decision,
        notify=submission.notify,
        now=posting.now,
        repeat_of=lambda: steps.repeat_of(posting),
    )


def _repeat(comment) -> Outcome:
    return Outcome.stored(comment, comment.latest_decision, created=False)


def post_comment(*, article, text: str, door: Door = Door.SERVER, **fields) -> Outcome:
    """``submit`` for code on the server (the demo, the tests): raises a refusal.

    The same door and the same list; only the error arrives as an exception.
    ``article`` may be its slug (NotFound when there is none).
    """
    if isinstance(article, str):
        found = Article.objects.filter(slug=article).first()
        if found is None:
            raise NotFound("No such article.", field="article", code="article_not_found")
        article = found
    return submit(Submission(door=door, article=article, text=text, **fields)).raise_refusal()
