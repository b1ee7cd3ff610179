"""Reading a reader token off a request: ``Authorization: Bearer`` or a field."""

from __future__ import annotations

from django.utils import timezone

from . import tokens, trust
from .models import Reader


def token_of(request, field_value: str | None = "") -> str:
    if field_value:
        return field_value.strip()
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def reader_from(request, field_value: str | None = "") -> Reader | None:
    """The signed-in reader, None for a guest; raises 401 for a bad token."""
    token = token_of(request, field_value)
    if not token:
        return None
    return trust.known_reader(tokens.verify(token), timezone.now())
