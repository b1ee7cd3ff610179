"""Illegal-content notices and appeals, and editors' legal grounds per clause.

Like the comment's log, these are records: a notice keeps its own history
(``NoticeEvent`` rows, never changed) and its ``status`` is the latest event,
kept on the row as a comment keeps its status. An appeal is decided once;
its outcome is a new decision in the comment's log (or the sanction's
lifting), never an edit of the decision appealed. Written through
``actions.py`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from civility.errors import ImmutableRecord


class Legality(models.TextChoices):
    """What a moderator found a notice's comment to be."""

    ILLEGAL = "illegal", "Illegal"
    NOT_ILLEGAL = "not_illegal", "Not illegal"
    GUIDELINES_ONLY = "guidelines_only", "Not illegal, but breaks the guidelines"


class NoticeStatus(models.TextChoices):
    OPEN = "open", "Open"
    DECIDED = "decided", "Decided"


class NoticeEventKind(models.TextChoices):
    RECEIVED = "received", "Received"
    CONFIRMED = "confirmed", "Contact address confirmed"
    DECIDED = "decided", "Decided"
    NOTIFIED = "notified", "Notifier told the outcome"


class Notice(models.Model):
    """A notice that a published comment is illegal (DSA art. 16)."""

    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.PROTECT, related_name="notices"
    )
    law = models.CharField(max_length=200)  # the law broken, or the kind of illegality
    explanation = models.TextField()
    good_faith = models.BooleanField()
    contact_name = models.CharField(max_length=80, blank=True)
    contact_email = models.EmailField(max_length=254)
    # Set once, when the notifier opened the link mailed to them: only a
    # confirmed address is told the outcome.
    contact_confirmed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.OPEN
    )
    # The decision's finding, kept with the status (the history has it too).
    legality = models.CharField(max_length=20, choices=Legality.choices, blank=True)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at", "id"], name="notice_queue")]

    def __str__(self) -> str:
        return f"notice {self.pk} on comment {self.comment_id} ({self.status})"


class NoticeEvent(models.Model):
    """One step in a notice's history. Never updated, never deleted."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=NoticeEventKind.choices)
    legality = models.CharField(max_length=20, choices=Legality.choices, blank=True)
    legal_ground = models.CharField(max_length=500, blank=True)
    explanation = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The decision on the comment this step recorded (a removal), if any.
    decision = models.ForeignKey(
        "comments.DecisionRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_events",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("A notice's history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("A notice's history is append-only.")


class AppealStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Decision confirmed"
    REVERSED = "reversed", "Decision reversed"


class Appeal(models.Model):
    """The author's one appeal against a rejection or a sanction (DSA art. 20)."""

    comment = models.ForeignKey("comments.Comment", on_delete=models.PROTECT, related_name="+")
    # What is appealed: the comment's rejection, or a sanction imposed from it.
    decision = models.ForeignKey(
        "comments.DecisionRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    sanction = models.ForeignKey(
        "commenters.Sanction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    # A person other than the one who decided, when the site has one.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    created_at = models.DateTimeField()
    # The outcome: a new decision in the comment's log (none for a sanction,
    # which is lifted or stays), who decided, when and why.
    outcome = models.ForeignKey(
        "comments.DecisionRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeal_outcomes",
    )
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Once: one appeal per comment's rejection, one per sanction.
            models.UniqueConstraint(
                fields=["comment"], condition=Q(sanction__isnull=True), name="appeal_once_comment"
            ),
            models.UniqueConstraint(
                fields=["sanction"],
                condition=Q(sanction__isnull=False),
                name="appeal_once_sanction",
            ),
        ]

    def __str__(self) -> str:
        what = f"sanction {self.sanction_id}" if self.sanction_id else f"comment {self.comment_id}"
        return f"appeal on {what} ({self.status})"


class LegalGround(models.Model):
    """The legal ground an editor names for a guideline clause (shown in its statements)."""

    clause_id = models.CharField(max_length=100, unique=True)
    legal_ground = models.CharField(max_length=500)

    def __str__(self) -> str:
        return f"{self.clause_id}: {self.legal_ground}"
