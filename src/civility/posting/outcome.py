"""What the posting service answers: one value, however the comment came in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from civility.comments import vocabulary
from civility.comments.vocabulary import CommentStatus
from civility.errors import CivilityError
from civility.i18n import error_message

from .warnings import ClauseWarning


@dataclass(frozen=True)
class Outcome:
    """The answer to one submission, with its reader message and HTTP status.

    Exactly one of three: stored (``status`` set: published, held or
    rejected), refused (``error`` set: closed thread, invalid input, rate
    limit...; nothing stored), or checked (a pre-submit check: ``warnings``,
    nothing stored). ``message`` is in the active language: the door that
    called chose it (the article's language on its page and in the widget).
    """

    http_status: int
    message: str
    status: CommentStatus | None = None
    comment: Any = None  # comments.models.Comment
    decision: Any = None  # its first (or, for a repeat, latest) DecisionRecord
    verdict: Any = None  # the engine's Verdict; None when it failed or was not asked
    # The clauses cited, as a reader may see them: [{"clause_id", "guideline"}].
    reasons: list[dict] = field(default_factory=list)
    # False when a repeated submission is answered with the first comment.
    created: bool = True
    warnings: tuple[ClauseWarning, ...] = ()
    error: CivilityError | None = None

    @property
    def outcome(self) -> str:
        """published | held | rejected when stored; refused; checked."""
        if self.status is not None:
            return vocabulary.outcome_of(self.status)
        return "refused" if self.error is not None else "checked"

    @property
    def refused(self) -> bool:
        return self.error is not None

    @property
    def retry_after(self) -> int | None:
        return getattr(self.error, "retry_after", None)

    def to_json(self) -> dict:
        """A stored comment's answer, as the API and the widget send it."""
        return {
            "id": self.comment.pk,
            "status": self.status,
            "outcome": self.outcome,
            "message": self.message,
            "reasons": self.reasons,
        }

    def raise_refusal(self) -> Outcome:
        """Raise the refusal (for callers that handle errors as exceptions); else self."""
        if self.error is not None:
            raise self.error
        return self

    @classmethod
    def stored(cls, comment, decision, verdict=None, *, created: bool = True) -> Outcome:
        status = CommentStatus(comment.status)
        return cls(
            http_status=vocabulary.http_status_of(status),
            message=_reader_message(status, decision),
            status=status,
            comment=comment,
            decision=decision,
            verdict=verdict,
            reasons=_public_reasons(decision),
            created=created,
        )

    @classmethod
    def refusal(cls, error: CivilityError) -> Outcome:
        return cls(http_status=error.status, message=error_message(error), error=error)

    @classmethod
    def checked(cls, warnings) -> Outcome:
        return cls(http_status=200, message="", warnings=tuple(warnings))


def _reader_message(status: CommentStatus, decision) -> str:
    """The clause's message for a rejection (or a hold under a welcome clause)."""
    return vocabulary.reader_message(status, getattr(decision, "clause_id", "") or "")


def _public_reasons(decision) -> list[dict]:
    """The clauses a held or rejected comment cites, each once (none when published)."""
    if decision is None or decision.status == CommentStatus.APPROVED:
        return []
    if decision.actor_id is not None:
        return [{"clause_id": decision.clause_id, "guideline": decision.guideline}]
    seen, reasons = set(), []
    for reason in decision.evidence or []:
        key = reason.get("clause_id") or reason.get("guideline")
        if key in seen:
            continue
        seen.add(key)
        reasons.append(
            {"clause_id": reason.get("clause_id", ""), "guideline": reason.get("guideline", "")}
        )
    return reasons
