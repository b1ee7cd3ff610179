"""Trust rules for known readers, applied to the system's first decision.

Two settings, both off by default:

- CIVILITY_READER_NEW_UNTIL: a reader with fewer approved comments is held
  for review even when the engine would publish (new accounts are where
  throw-away abuse comes from).
- CIVILITY_READER_TRUSTED_AFTER: a reader with at least this many approved
  comments is published when the engine would only hold for review.

"Approved" means approved by a person: a comment counts only while a
moderator's decision approving it stands. Automatic approvals never count,
or a fresh account could post three harmless lines, be published by the
engine each time, and then have hate published unreviewed on the trust it
gave itself.

A rejection is never softened, an engine failure (no scores, or a step that
failed) still holds, and a comment held under a clause that is never
approved automatically (threats, attacks on groups: ``NEVER_BY_TRUST``)
stays held whoever wrote it: trust replaces a person's second look at a
borderline comment, not the moderation itself. The decision's note says
which rule applied, so the record shows why.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from civility.comments.models import CommentStatus

from .models import Reader, ReaderComment
from .tokens import ReaderClaims


def known_reader(claims: ReaderClaims, now: datetime) -> Reader:
    """The reader row for verified claims (name and e-mail follow the token)."""
    reader, created = Reader.objects.get_or_create(
        issuer=claims.issuer,
        subject=claims.subject,
        defaults={"name": claims.name, "email": claims.email, "first_seen": now, "last_seen": now},
    )
    if not created:
        Reader.objects.filter(pk=reader.pk).update(
            name=claims.name, email=claims.email, last_seen=now
        )
        reader.name, reader.email, reader.last_seen = claims.name, claims.email, now
    return reader


# Clauses whose held comments a person always reads: the engine never
# approves a threat on its own (docs/pipeline.md), nor should a reader's record.
NEVER_BY_TRUST = frozenset({"threats", "abuse"})


def approved_count(reader: Reader) -> int:
    """The reader's comments that are approved, and that a person approved.

    Both conditions in one ``filter`` bind the same decision row: a decision
    by someone (``actor`` set) whose status is approved.
    """
    return (
        ReaderComment.objects.filter(
            reader=reader,
            comment__status=CommentStatus.APPROVED,
            comment__decisions__actor__isnull=False,
            comment__decisions__status=CommentStatus.APPROVED,
        )
        .values("comment")
        .distinct()
        .count()
    )


def _cited_clauses(fields: dict) -> set[str]:
    cited = {fields.get("clause_id") or ""}
    cited |= {e.get("clause_id") or "" for e in fields.get("evidence") or () if isinstance(e, dict)}
    return cited - {""}


def adjust(fields: dict, reader: Reader | None) -> dict:
    """The system decision's fields after the trust rules (a new dict)."""
    if reader is None:
        return fields
    new_until = settings.CIVILITY_READER_NEW_UNTIL
    trusted_after = settings.CIVILITY_READER_TRUSTED_AFTER
    if not (new_until or trusted_after):
        return fields
    approved = approved_count(reader)
    status = fields["status"]
    if new_until and approved < new_until and status == CommentStatus.APPROVED:
        return {
            **fields,
            "status": CommentStatus.PENDING,
            "note": _note(fields, f"new reader ({approved} approved comments): held for review"),
        }
    engine_ok = fields.get("scores") and not fields.get("note")
    if (
        trusted_after
        and approved >= trusted_after
        and status == CommentStatus.PENDING
        and fields.get("suggested") == "review"
        and engine_ok
        and not _cited_clauses(fields) & NEVER_BY_TRUST
    ):
        return {
            **fields,
            "status": CommentStatus.APPROVED,
            "note": _note(fields, f"trusted reader ({approved} approved comments): published"),
        }
    return fields


def _note(fields: dict, text: str) -> str:
    return "; ".join(part for part in (fields.get("note") or "", text) if part)


def link(reader: Reader | None, comment) -> None:
    """Record who wrote the comment; call inside the comment's transaction."""
    if reader is not None:
        ReaderComment.objects.create(comment=comment, reader=reader)


def erase(email: str, placeholder_name: str) -> int:
    """Forget the name and e-mail of the readers with this address (privacy erasure).

    The reader row and its links stay, so the trust record survives; a later
    token from the same account brings name and e-mail back, as the reader
    chose to sign in again.
    """
    return Reader.objects.filter(email__iexact=email.strip()).update(
        name=placeholder_name, email=""
    )
