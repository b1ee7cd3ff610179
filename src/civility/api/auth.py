"""Who may call what: the import token and the moderators' session."""

from __future__ import annotations

import secrets

from django.conf import settings
from ninja.security import HttpBearer, SessionAuth

from civility.comments import roles
from civility.errors import PermissionDenied


class ImportToken(HttpBearer):
    """``Authorization: Bearer <CIVILITY_API_TOKEN>``; no token configured = nobody."""

    def authenticate(self, request, token: str):
        expected = settings.CIVILITY_API_TOKEN
        if expected and secrets.compare_digest(token.encode(), expected.encode()):
            return "import-token"
        return None


class ModeratorSession(SessionAuth):
    """A signed-in member of the moderators or editors group (CSRF checked on writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if not roles.is_moderator(user):
            raise PermissionDenied("Only moderators can use the moderation API.")
        return user
