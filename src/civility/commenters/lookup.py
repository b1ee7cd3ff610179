"""The sanction in force on someone posting now, for the posting service."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from .keys import email_key
from .models import Sanction

# A refusal outranks a hold; a ban outranks a suspension.
_RANK = {"ban": 0, "suspend": 1, "premoderate": 2}


def sanction_for(
    *, author_email: str = "", reader_id: int | None = None, ip_hash: str = "", now: datetime
) -> Sanction | None:
    """The strongest sanction in force matching any of the poster's keys, or None."""
    who = Q(pk__in=[])
    key = email_key(author_email)
    if key:
        who |= Q(email_key=key)
    if reader_id:
        who |= Q(reader_id=reader_id)
    if ip_hash:
        who |= Q(ip_hash=ip_hash, ip_until__gt=now)
    found = list(Sanction.objects.in_force(now).filter(who)[:20])
    if not found:
        return None
    return min(found, key=lambda s: (_RANK[s.kind], -(s.ends_at or now).timestamp()))


def sanctions_of(*, email_key_: str = "", reader_id: int | None = None):
    """Every sanction ever imposed on this commenter (history), newest first."""
    who = Q(pk__in=[])
    if email_key_:
        who |= Q(email_key=email_key_)
    if reader_id:
        who |= Q(reader_id=reader_id)
    return Sanction.objects.filter(who).select_related("created_by", "lifted_by")
