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
