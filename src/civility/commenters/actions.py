"""Every write about commenters: one function each, one transaction each.

- ``link``: the posting service records a new comment's commenter key, inside
  the comment's own transaction (posting/service.py).
- ``impose_sanction``: a moderator suspends, bans or always pre-moderates the
  author of a comment, with a reason.
- ``lift_sanction``: a moderator or editor lifts one, with a reason.

Events (``sanction_changed``) fire after commit.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from civility import rows
from civility.comments import roles
from civility.comments.models import Comment
from civility.errors import NotFound, PermissionDenied, ValidationFailed

from .keys import email_key
from .models import CommenterKey, Sanction, SanctionKind

# sender=Sanction, sanction=..., lifted=bool
sanction_changed = Signal()

# The address hash of the comment a sanction was imposed from also matches,
# but only this long: addresses are shared (a newsroom's office, a mobile
# carrier's gateway) and change hands, so they name a person only briefly.
IP_MATCH_HOURS = 24
# The longest suspension a moderator may give; beyond it, ban.
MAX_SUSPENSION_DAYS = 365
REASON_MAX = 500


def link(comment, author_email: str) -> CommenterKey | None:
    """Record the commenter key of a comment just stored (call inside its transaction)."""
    key = email_key(author_email)
    if not key:
        return None
    found = CommenterKey(comment=comment, email_key=key)
    rows.insert(found)  # compiled once: this runs under SQLite's write lock (civility/rows.py)
    return found


def impose_sanction(
    comment, *, kind, actor, reason: str, days: int | None = None, now=None
) -> Sanction:
    """Sanction the author of ``comment``: by their mailbox key, their reader
    account when they were signed in, and briefly the comment's address hash."""
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can sanction commenters.")
    try:
        kind = SanctionKind(kind)
    except ValueError:
        raise ValidationFailed(
            "Choose suspend, ban or always pre-moderate.", field="kind", code="invalid_sanction"
        ) from None
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            "Say why: the reason is kept with the sanction.", field="reason", code="reason_required"
        )
    if len(reason) > REASON_MAX:
        raise ValidationFailed(
            f"The reason can be {REASON_MAX} characters at most.", field="reason", code="too_long"
        )
    ends_at = None
    now = now or timezone.now()
    if kind is SanctionKind.SUSPEND:
        if not isinstance(days, int) or not 1 <= days <= MAX_SUSPENSION_DAYS:
            raise ValidationFailed(
                f"Suspend for 1 to {MAX_SUSPENSION_DAYS} days.", field="days", code="invalid_days"
            )
        ends_at = now + timedelta(days=days)
    with transaction.atomic():
        source = Comment.objects.filter(pk=getattr(comment, "pk", comment)).first()
        if source is None:
            raise NotFound("No such comment.", code="comment_not_found")
        key = CommenterKey.objects.filter(comment=source).values_list("email_key", flat=True)
        reader_id = _reader_of(source)
        ip_hash = source.ip_hash or ""
        sanction = Sanction(
            kind=kind,
            email_key=next(iter(key), "") or email_key(source.author_email),
            reader_id=reader_id,
            ip_hash=ip_hash,
            ip_until=now + timedelta(hours=IP_MATCH_HOURS) if ip_hash else None,
            reason=reason,
            comment=source,
            starts_at=now,
            ends_at=ends_at,
            created_by=actor,
        )
        if not (sanction.email_key or sanction.reader_id or sanction.ip_hash):
            raise ValidationFailed(
                "Nothing is left to recognise this commenter by (their data was erased).",
                field="comment",
                code="commenter_unknown",
            )
        sanction.save()
        transaction.on_commit(
            lambda: sanction_changed.send(sender=Sanction, sanction=sanction, lifted=False)
        )
    return sanction


def _reader_of(comment) -> int | None:
    # The readers app links a signed-in reader's comments (readers/models.py);
    # asked by table rather than imported, since readers and commenters sit
    # side by side in the layers.
    link = getattr(comment, "reader_link", None)  # None: posted without signing in
    return getattr(link, "reader_id", None)


def lift_sanction(sanction, *, actor, reason: str = "", now=None) -> Sanction:
    """Lift a sanction in force (once; the row keeps who lifted it, when and why)."""
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can lift sanctions.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Sanction.objects.select_for_update()
            .filter(pk=getattr(sanction, "pk", sanction))
            .first()
        )
        if locked is None:
            raise NotFound("No such sanction.", code="sanction_not_found")
        if locked.lifted_at is not None:
            return locked
        locked.lifted_at = now
        locked.lifted_by = actor
        locked.lift_reason = (reason or "").strip()[:REASON_MAX]
        locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        transaction.on_commit(
            lambda: sanction_changed.send(sender=Sanction, sanction=locked, lifted=True)
        )
    return locked
