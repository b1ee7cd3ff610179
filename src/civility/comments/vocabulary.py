"""One vocabulary for a comment's state, and the one place that maps between words.

Three words name the same state in three places, each for its own audience:

- the engine's ``Decision`` (approve / review / reject): what the automatic
  moderation suggests (``civility.moderation``, which knows nothing of Django);
- ``CommentStatus`` (approved / pending / rejected): what is stored, and what
  a moderator decides;
- the outcome a reader is told (published / held / rejected), with its HTTP
  status (201 decided, 202 held) and its message.

Only this module translates between them; every door, list and page asks here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop

from civility.guidelines import site_policy
from civility.moderation.verdict import Decision


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Held for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


# What the engine suggested, as a decision record stores it; blank for a person.
SUGGESTION_CHOICES = [("", "—"), *((d.value, d.value.capitalize()) for d in Decision)]

_STATUS_OF_DECISION = {
    Decision.APPROVE: CommentStatus.APPROVED,
    Decision.REVIEW: CommentStatus.PENDING,
    Decision.REJECT: CommentStatus.REJECTED,
}
_OUTCOME_OF_STATUS = {
    CommentStatus.APPROVED: "published",
    CommentStatus.PENDING: "held",
    CommentStatus.REJECTED: "rejected",
}
# A decided comment answers 201 (created, its fate known); a held one 202
# (accepted, its fate not known yet), as a comment server should.
_HTTP_OF_STATUS = {
    CommentStatus.APPROVED: 201,
    CommentStatus.PENDING: 202,
    CommentStatus.REJECTED: 201,
}
_MESSAGE_OF_STATUS = {
    CommentStatus.APPROVED: gettext_noop("Your comment is published."),
    CommentStatus.PENDING: gettext_noop("Your comment is held for a moderator."),
    # Only when no clause is cited; a rejection normally quotes its clause's message.
    CommentStatus.REJECTED: gettext_noop(
        "Your comment was rejected: it does not meet our guidelines."
    ),
}


def clause_label(clause_id: str) -> str:
    """The short label of a clause ("personal_attacks" → "Personal attacks"),
    untranslated: templates translate it ({% translate clause.label %}). The
    desk's selects and the admin's actions name a clause by it, so that the
    guidelines' long sentences fit in one narrow control."""
    return clause_id.replace("_", " ").replace("-", " ").capitalize() if clause_id else ""


def status_of(decision: Decision | str) -> CommentStatus:
    """The stored status for the engine's decision; ValueError for anything else."""
    return _STATUS_OF_DECISION[Decision(decision)]


def outcome_of(status: CommentStatus | str) -> str:
    """The word a reader and the API are told: published, held or rejected."""
    return _OUTCOME_OF_STATUS[CommentStatus(status)]


def http_status_of(status: CommentStatus | str) -> int:
    return _HTTP_OF_STATUS[CommentStatus(status)]


def reader_message_of(status: CommentStatus | str) -> str:
    """The reader's message for a status, in the active language."""
    return gettext(_MESSAGE_OF_STATUS[CommentStatus(status)])


def reader_message(status: CommentStatus | str, clause_id: str = "") -> str:
    """What the reader is told about their comment, in the active language.

    A rejection quotes the message of the clause it cites ("Rejected:
    personal attacks are not allowed."). A comment held under a clause of
    what the guidelines welcome says which ("Held for review: this comment
    does not seem to be about the article."): a prohibiting clause is not
    quoted for a hold, since its message announces a rejection. Otherwise
    the status's own message. The guidelines page shows these same words
    (guidelines/page.py) and a test checks them against this function.
    """
    status = CommentStatus(status)
    clause = site_policy.clause(clause_id) if clause_id else None
    if clause is not None and clause.message:
        if status == CommentStatus.REJECTED or (
            status == CommentStatus.PENDING and not clause.prohibits
        ):
            return site_policy.clause_message(clause.id)
    return reader_message_of(status)
