"""Commenter keys and sanctions. Written through actions.py only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from civility.errors import ImmutableRecord


class CommenterKey(models.Model):
    """The key (keys.py) of the mailbox a comment was posted with.

    Its own table because a comment never changes: the key is written in the
    comment's transaction by the posting service, and erased with the
    commenter's name and address (privacy/commenters.py).
    """

    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.CASCADE, primary_key=True, related_name="commenter"
    )
    email_key = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"comment {self.comment_id}"


class SanctionKind(models.TextChoices):
    # Every post refused until ends_at.
    SUSPEND = "suspend", "Suspended"
    # Every post refused until lifted.
    BAN = "ban", "Banned"
    # Every post held for a moderator, whatever the engine says, until lifted.
    PREMODERATE = "premoderate", "Always pre-moderated"


class SanctionQuerySet(models.QuerySet):
    def in_force(self, now):
        return self.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now), lifted_at__isnull=True, starts_at__lte=now
        )


class Sanction(models.Model):
    """A sanction on one commenter, by a moderator, with a reason. Never deleted.

    The commenter is whoever matches any of: the mailbox key, the signed-in
    reader, or (for ``ip_until`` only, a short time) the address hash of the
    comment it was imposed from. The row is the log: who imposed it, when,
    why, from which comment; lifting it sets the ``lifted_*`` fields once,
    and nothing else ever changes.
    """

    LIFT_FIELDS = ("lifted_at", "lifted_by_id", "lift_reason")

    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    email_key = models.CharField(max_length=64, blank=True, db_index=True)
    reader = models.ForeignKey(
        "readers.Reader", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    ip_until = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField()
    # None: until lifted (a ban, an always-pre-moderate).
    ends_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email_key="") | Q(reader__isnull=False) | ~Q(ip_hash=""),
                name="sanction_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def refuses(self) -> bool:
        return self.kind in (SanctionKind.SUSPEND, SanctionKind.BAN)

    def in_force_at(self, now) -> bool:
        return (
            self.lifted_at is None
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None)
        if loaded is not None and not self._state.adding:
            changed = [
                name
                for name, value in loaded.items()
                if getattr(self, name) != value and name not in self.LIFT_FIELDS
            ]
            if changed or loaded.get("lifted_at") is not None:
                raise ImmutableRecord("A sanction is only ever lifted, once.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Sanctions are kept; lift one instead.")
