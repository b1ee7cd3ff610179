"""This site's overrides of the policy's clause thresholds (editors change them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ClauseThreshold(models.Model):
    """This site's override of one policy clause's thresholds (editors change these)."""

    clause_id = models.CharField(max_length=100, unique=True)
    reject_at = models.FloatField(
        null=True, blank=True, help_text="Reject automatically at or above this score (0–1)."
    )
    review_at = models.FloatField(
        null=True, blank=True, help_text="Hold for review at or above this score (0–1)."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        # Created by the comments app, where this model lived first.
        db_table = "comments_clausethreshold"
        ordering = ["clause_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reject_at__isnull=True)
                | models.Q(reject_at__gte=0, reject_at__lte=1),
                name="threshold_reject_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(review_at__isnull=True)
                | models.Q(review_at__gte=0, review_at__lte=1),
                name="threshold_review_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clause_id}: review {self.review_at}, reject {self.reject_at}"

    def as_override(self) -> dict[str, float]:
        """The policy override; an empty field keeps the shipped policy's value."""
        values = {"reject_at": self.reject_at, "review_at": self.review_at}
        return {key: value for key, value in values.items() if value is not None}


class PolicyDraft(models.Model):
    """A policy an editor may put in force: a whole TOML file, or changes to the
    thresholds of the policy in force (what the learning step suggests).

    Nothing changes until an editor applies it (drafts.apply_draft); replays
    show first what it would change (moderators/replay.py). Written once;
    applying sets ``applied_*`` once.
    """

    class Origin(models.TextChoices):
        FILE = "file", "A policy file"
        LEARNED = "learned", "Suggested from the moderators' decisions"

    name = models.CharField(max_length=200)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.FILE)
    # A whole policy file (TOML); empty: the policy in force when the draft was made.
    source = models.TextField(blank=True)
    # {"thresholds": {clause: {"reject_at", "review_at"}}, "languages": {lang: {...}}}
    changes = models.JSONField(default=dict, blank=True)
    # The learning step's before/after table over the decisions it read.
    suggestion = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class PolicyVersion(models.Model):
    """The policy in force from ``applied_at``: the latest row. Append-only.

    ``label`` is what every verdict records as its policy (name@version), so
    each decision can be traced to the policy that made it.
    """

    draft = models.ForeignKey(PolicyDraft, on_delete=models.PROTECT, related_name="versions")
    source = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    label = models.CharField(max_length=200)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField()

    class Meta:
        ordering = ["-applied_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label} from {self.applied_at:%Y-%m-%d %H:%M}"


class Replay(models.Model):
    """What a draft would have changed over past comments (moderators/replay.py).

    ``counts``: per clause, per change ("approve→review"...), how many
    comments; ``examples``: the same keys, a few comment ids each. Records the
    models' and both policies' versions it ran with.
    """

    draft = models.ForeignKey(PolicyDraft, on_delete=models.PROTECT, related_name="replays")
    since = models.DateField(null=True, blank=True)
    comments = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    examples = models.JSONField(default=dict, blank=True)
    model_version = models.CharField(max_length=300, blank=True)
    policy_before = models.CharField(max_length=200, blank=True)
    policy_after = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"replay of {self.draft} ({self.comments} comments)"
