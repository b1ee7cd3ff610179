"""A moderator's desk settings: read with a default, written by one function."""

from __future__ import annotations

from django.db import transaction

from .models import ModeratorSettings, QueueOrder


def of(user) -> ModeratorSettings:
    """The user's settings, or the defaults (unsaved) when they never chose."""
    found = ModeratorSettings.objects.filter(user=user).first()
    return found or ModeratorSettings(user=user)


def save(user, *, shortcuts: bool | None = None, order: str | None = None) -> ModeratorSettings:
    """Change the user's settings (a value of None keeps the current one)."""
    with transaction.atomic():
        current, _ = ModeratorSettings.objects.select_for_update().get_or_create(user=user)
        if shortcuts is not None:
            current.shortcuts = shortcuts
        if order in QueueOrder.values:
            current.order = order
        current.save()
    return current
