"""A commenter's personal data: IP address hashes, export and erasure by e-mail.

What Civility keeps about a commenter is the name and e-mail they typed, the
text they wrote, and a keyed hash of the IP address they posted from. These
actions are the only writes that touch personal data, one transaction each,
called the same way by the CLI (``civility privacy``) and the admin:

- ``hash_ip`` (addresses.py) turns an address into HMAC-SHA256 under
  CIVILITY_IP_HASH_KEY. The address itself is never stored; the hash still
  tells a moderator that two comments came from one address while it is kept.
- ``purge_ip_hashes`` erases hashes older than CIVILITY_IP_RETENTION_DAYS.
- ``export_commenter`` gathers everything held about one e-mail address.
- ``erase_commenter`` replaces name, e-mail and the e-mail-derived content
  hash with placeholders and sets ``erased_at``. The text and every decision
  stay: comments are never edited and the decision log must keep its meaning
  (which guideline was applied to which words). The database triggers allow
  exactly this change and no other (civility.comments.triggers).

Why and what is not covered: docs/privacy.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civility.commenters.models import CommenterKey
from civility.comments import triggers
from civility.comments.models import Comment
from civility.errors import ValidationFailed
from civility.readers import trust
from civility.threads.signals import after_commit_thread_changed
from civility.webhooks import outbox

log = logging.getLogger(__name__)

EXPORT_FORMAT = "civility-commenter-export/1"


def purge_ip_hashes(*, now: datetime | None = None, days: int | None = None) -> int:
    """Erase the IP hashes of comments older than the retention period; answer how many."""
    now = now or timezone.now()
    days = settings.CIVILITY_IP_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValidationFailed("The retention period cannot be negative.", field="days")
    with transaction.atomic():
        count = Comment.objects.filter(
            ip_hash__isnull=False, created_at__lt=now - timedelta(days=days)
        ).update(ip_hash=None)
    log.info("erased %d IP address hashes older than %d days", count, days)
    return count


def _comments_of(email: str):
    email = (email or "").strip()
    if not email or "@" not in email:
        raise ValidationFailed(
            "Give the commenter's e-mail address.", field="email", code="invalid_email"
        )
    # As typed may differ in case from what is asked: the mailbox is the same.
    return Comment.objects.filter(author_email__iexact=email)


def export_commenter(email: str, *, now: datetime | None = None) -> dict:
    """Everything held about this e-mail address, as JSON-ready data.

    Decisions say whether a person or the automatic moderation decided, not
    which moderator: that is the moderator's personal data, not the commenter's.
    """
    now = now or timezone.now()
    comments = (
        _comments_of(email)
        .select_related("article")
        .prefetch_related("decisions")
        .order_by("created_at", "id")
    )
    return {
        "format": EXPORT_FORMAT,
        "email": email.strip(),
        "exported_at": now.isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": {"slug": c.article.slug, "title": c.article.title},
                "reply_to": c.parent_id,
                "author_name": c.author_name,
                "author_email": c.author_email,
                "text": c.text,
                "language": c.language,
                "created_at": c.created_at.isoformat(),
                "status": c.status,
                "ip_address_hash": c.ip_hash,
                "decisions": [
                    {
                        "status": d.status,
                        "decided_by": "automatic moderation" if d.by_system else "a moderator",
                        "clause_id": d.clause_id,
                        "guideline": d.guideline,
                        "created_at": d.created_at.isoformat(),
                    }
                    for d in sorted(c.decisions.all(), key=lambda d: (d.created_at, d.pk))
                ],
            }
            for c in comments
        ],
    }


@dataclass(frozen=True)
class Erasure:
    comment_ids: tuple[int, ...]
    erased_at: datetime

    @property
    def count(self) -> int:
        return len(self.comment_ids)


def erase_commenter(email: str, *, actor=None, now: datetime | None = None) -> Erasure:
    """Erase name, e-mail and IP hash from every comment posted with this address.

    Idempotent: comments erased before are left as they are. The decisions
    stay untouched (the triggers forbid changing them anyway).
    """
    now = now or timezone.now()
    with transaction.atomic():
        comments = _comments_of(email).filter(erased_at__isnull=True)
        # Lock the rows (PostgreSQL) so a concurrent decision cannot interleave.
        ids = tuple(comments.select_for_update().order_by("id").values_list("id", flat=True))
        Comment.objects.filter(pk__in=ids).update(
            author_name=triggers.ERASED_NAME,
            author_email=triggers.ERASED_EMAIL,
            content_hash=triggers.ERASED_CONTENT_HASH,
            ip_hash=None,
            erased_at=now,
        )
        # Copies kept by other apps: signed-in readers, the webhook outbox, the
        # desk's commenter keys (which would still tie the comments together).
        CommenterKey.objects.filter(comment_id__in=ids).delete()
        trust.erase(email, triggers.ERASED_NAME)
        outbox.erase_author(ids, triggers.ERASED_NAME)
        # The names shown in those threads change: purge them once this commits.
        for article_id in set(
            Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True)
        ):
            after_commit_thread_changed(article_id)
    # The address is not logged: the log would keep what was just erased.
    who = getattr(actor, "username", None) or "the command line"
    log.info("erased the personal data of %d comment(s), by %s", len(ids), who)
    return Erasure(comment_ids=ids, erased_at=now)
