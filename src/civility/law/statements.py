"""The statement of reasons (DSA art. 17), read from the records, never stored twice.

A comment's author gets one for each restriction: the comment rejected (by
the engine or a person), the comment hidden after readers' reports, and each
sanction imposed from it. Each says what was decided and when, under which
clause (and the legal ground, where a notice's decision or an editor named
one), the facts relied on (the evidence spans quoted from the comment, the
reports counted, a notice's explanation), whether it was automated or a
person's, and how to appeal. The page (pages/statements.py), the outcome
e-mail (comments/notifications via mail.py) and the API all read
``statements_for`` so they say the same thing.

The author reaches their comment's page by a signed link (``token_for``),
given when the comment is posted and in every e-mail about it: no account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core import signing
from django.utils import timezone

from civility.commenters.models import Sanction
from civility.comments.models import Comment, CommentStatus, DecisionRecord

from .actions import appeal_deadline
from .models import Appeal, LegalGround, NoticeEvent

TOKEN_SALT = "civility.law.statement"


def token_for(comment) -> str:
    return signing.dumps(getattr(comment, "pk", comment), salt=TOKEN_SALT)


def comment_for(token: str) -> Comment | None:
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).select_related("article").first()


@dataclass(frozen=True)
class Statement:
    kind: str  # rejection | hidden | sanction
    decided_at: datetime
    automated: bool  # decided by the automatic moderation, no person involved
    clause_id: str = ""
    guideline: str = ""
    legal_ground: str = ""
    facts: list[str] = field(default_factory=list)
    decision: DecisionRecord | None = None
    sanction: Sanction | None = None
    appeal: Appeal | None = None
    appeal_until: datetime | None = None
    # The comment was notified as illegal: the notice's source, for the EU export.
    from_notice: bool = False

    @property
    def can_appeal(self) -> bool:
        return (
            self.appeal is None
            and self.kind != "hidden"
            and self.appeal_until is not None
            and timezone.now() <= self.appeal_until
        )

    @property
    def what(self) -> str:
        if self.kind == "sanction":
            return self.sanction.get_kind_display()
        return {"rejection": "Rejected", "hidden": "Hidden until a moderator decides"}[self.kind]


def facts_of(decision: DecisionRecord, text: str) -> list[str]:
    """The facts a decision relied on, in words a reader can check against their comment."""
    facts: list[str] = []
    notice = _notice_event(decision)
    if notice is not None:
        facts.append(
            f"A notice said this comment is illegal; the moderator found: {notice.explanation}"
        )
    if decision.category == "reports":
        for reason in decision.evidence or []:
            facts.append(f"{reason.get('score')} reader reports under “{reason.get('clause_id')}”")
        return facts
    for reason in decision.evidence or []:
        for start, end in reason.get("evidence") or []:
            span = text[int(start) : int(end)]
            if span:
                facts.append(f"“{span}” ({reason.get('clause_id') or reason.get('category')})")
    if not facts and decision.actor_id is not None:
        facts.append("A moderator read the comment and found it breaks the clause cited.")
    return facts


def _notice_event(decision) -> NoticeEvent | None:
    return NoticeEvent.objects.filter(decision=decision).first()


def legal_ground_of(decision: DecisionRecord) -> str:
    """A notice decision's legal ground, else the one an editor named for the clause."""
    notice = _notice_event(decision)
    if notice is not None and notice.legal_ground:
        return notice.legal_ground
    if decision.clause_id:
        found = LegalGround.objects.filter(clause_id=decision.clause_id).first()
        if found is not None:
            return found.legal_ground
    return ""


def statement_of_decision(decision: DecisionRecord, comment: Comment) -> Statement | None:
    """The statement for one restricting decision; None when it restricts nothing."""
    if decision.status == CommentStatus.REJECTED:
        kind = "rejection"
    elif decision.status == CommentStatus.PENDING and decision.category == "reports":
        kind = "hidden"
    else:
        return None
    appeal = Appeal.objects.filter(comment=comment, sanction__isnull=True).first()
    return Statement(
        kind=kind,
        decided_at=decision.created_at,
        automated=decision.actor_id is None,
        clause_id=decision.clause_id,
        guideline=decision.guideline_shown,
        legal_ground=legal_ground_of(decision),
        facts=facts_of(decision, comment.text),
        decision=decision,
        appeal=appeal,
        appeal_until=appeal_deadline(decision.created_at) if kind == "rejection" else None,
        from_notice=_notice_event(decision) is not None,
    )


def statement_of_sanction(sanction: Sanction) -> Statement:
    return Statement(
        kind="sanction",
        decided_at=sanction.starts_at,
        automated=False,
        facts=[sanction.reason],
        sanction=sanction,
        appeal=Appeal.objects.filter(sanction=sanction).first(),
        appeal_until=appeal_deadline(sanction.starts_at) if sanction.lifted_at is None else None,
    )


def statements_for(comment: Comment) -> list[Statement]:
    """What the author is told about their comment: the latest decision's statement
    (when it restricts) and one per sanction imposed from it."""
    found = []
    latest = comment.latest_decision
    if latest is not None:
        statement = statement_of_decision(latest, comment)
        if statement is not None:
            found.append(statement)
    for sanction in Sanction.objects.filter(comment=comment).order_by("starts_at", "id"):
        found.append(statement_of_sanction(sanction))
    return found


def to_json(statement: Statement) -> dict:
    """The statement as the API sends it."""
    appeal = statement.appeal
    return {
        "kind": statement.kind,
        "decided_at": statement.decided_at.isoformat(),
        "automated": statement.automated,
        "clause_id": statement.clause_id,
        "guideline": statement.guideline,
        "legal_ground": statement.legal_ground,
        "facts": statement.facts,
        "sanction": statement.sanction.kind if statement.sanction else None,
        "ends_at": (
            statement.sanction.ends_at.isoformat()
            if statement.sanction and statement.sanction.ends_at
            else None
        ),
        "appeal": {
            "possible": statement.can_appeal,
            "until": statement.appeal_until.isoformat() if statement.appeal_until else None,
            "status": appeal.status if appeal else None,
            "reason": appeal.reason if appeal and appeal.decided_at else "",
        },
    }
