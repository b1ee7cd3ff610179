"""E-mail moderators when comments have waited too long for review.

Pre-moderation makes a held comment invisible until someone decides; an
alert keeps "held" from quietly becoming "lost". One message lists every
comment that passed CIVILITY_ALERT_HELD_MINUTES since the last alert; each
comment is announced once (``HeldAlert``), so running this every minute
does not flood anyone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from civility.comments import roles
from civility.comments.models import Comment

from .models import HeldAlert

MOST_LISTED = 50


def recipients() -> list[str]:
    if settings.CIVILITY_ALERT_EMAILS:
        return list(settings.CIVILITY_ALERT_EMAILS)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(is_superuser=True) | Q(groups__name__in=[roles.MODERATORS, roles.EDITORS]))
        .distinct()
    )
    return sorted({user.email for user in users})


def send_held_alerts(now: datetime | None = None) -> int:
    """Send one alert for the comments newly overdue; the number announced."""
    minutes = settings.CIVILITY_ALERT_HELD_MINUTES
    if not minutes:
        return 0
    now = now or timezone.now()
    overdue = list(
        Comment.objects.held()
        .filter(created_at__lte=now - timedelta(minutes=minutes), held_alert__isnull=True)
        .select_related("article")
        .order_by("created_at", "id")
    )
    to = recipients()
    if not overdue or not to:
        return 0
    send_mail(
        subject=_subject(len(overdue), minutes),
        message=_body(overdue, now),
        from_email=None,  # DEFAULT_FROM_EMAIL (CIVILITY_EMAIL_FROM)
        recipient_list=to,
    )
    # Recorded after sending: a failed send is tried again next time.
    with transaction.atomic():
        HeldAlert.objects.bulk_create(
            [HeldAlert(comment=c, sent_at=now) for c in overdue], ignore_conflicts=True
        )
    return len(overdue)


def _subject(count: int, minutes: int) -> str:
    noun = "comment has" if count == 1 else "comments have"
    return f"{count} {noun} waited over {minutes} minutes for review"


def _body(comments: list[Comment], now: datetime) -> str:
    lines = ["These comments are held for review and no moderator has decided yet:", ""]
    for comment in comments[:MOST_LISTED]:
        waited = int((now - comment.created_at).total_seconds() // 60)
        lines.append(
            f"- #{comment.pk} on “{comment.article.title}” by {comment.author_name}, "
            f"waiting {waited} min: {comment.text[:120]}"
        )
    if len(comments) > MOST_LISTED:
        lines.append(f"... and {len(comments) - MOST_LISTED} more.")
    lines += ["", "Open the moderation queue: /moderate/"]
    return "\n".join(lines)
