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
