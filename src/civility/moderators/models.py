"""A moderator's own settings for the desk (written by ``preferences.save``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class QueueOrder(models.TextChoices):
    OLDEST = "oldest", "Oldest first"
    # The engine's overall score nearest its middle: where a person's
    # decision teaches the most and the engine is least sure.
    UNCERTAIN = "uncertain", "Most uncertain first"


class ModeratorSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="desk_settings",
    )
    # Single-key shortcuts (j, k, a, r, x, u) in the held queue; some
    # moderators' speech input or switch devices type letters (WCAG 2.1.4).
    shortcuts = models.BooleanField(default=True)
    order = models.CharField(max_length=10, choices=QueueOrder.choices, default=QueueOrder.OLDEST)

    def __str__(self) -> str:
        return f"desk settings of {self.user}"


class DashboardDay(models.Model):
    """One past day of the dashboard's roll-up (moderators/rollup.py), in the site's zone.

    ``version`` counts the changes to that day's comments since it was first
    marked (a late decision, a deleted comment); the day's ``DashboardCount``
    rows are valid only while ``rolled_version`` equals it. The two quantiles
    are the time-to-decision chart's (hours), which do not add up over days.
    """

    day = models.DateField(primary_key=True)
    version = models.PositiveIntegerField(default=0)
    rolled_version = models.PositiveIntegerField(null=True)
    rolled_at = models.DateTimeField(null=True)
    wait_median = models.FloatField(null=True)
    wait_p90 = models.FloatField(null=True)

    def __str__(self) -> str:
        return f"dashboard day {self.day}"

    @property
    def current(self) -> bool:
        return self.rolled_version == self.version


class DashboardCount(models.Model):
    """How many comments posted on ``day`` fall under one figure's key and column.

    ``figure``: outcome (key: person or system, column: status), clause (the
    latest decision's clause), language, article (``article`` set, key
    empty), agreement (key: what the engine cited, column: 0, 1, 2) and
    suggested (key: the engine's suggestion, column: a person's status).
    """

    day = models.DateField()
    figure = models.CharField(max_length=10)
    key = models.CharField(max_length=100, blank=True)
    column = models.CharField(max_length=10, blank=True)
    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.CASCADE, related_name="+"
    )
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["day", "figure", "key", "column"], name="dashboard_count_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.figure} {self.key} {self.column}: {self.n}"
