"""The one family of errors Civility raises on purpose.

Each error carries a stable ``code`` (what clients and the embed translate
by), the HTTP ``status`` it maps to, and the ``field`` at fault when there is
one. The API renders every one as ``{"error": {"code", "message", "field"}}``;
pages show ``message`` next to ``field``. Never answer 200 for a failure.
"""

from __future__ import annotations

from typing import Any


class CivilityError(Exception):
    code = "error"
    status = 400
    default_message = "The request could not be completed."

    def __init__(self, message: str | None = None, *, field: str | None = None, code=None):
        self.message = message or self.default_message
        self.field = field
        if code:
            self.code = code
        super().__init__(self.message)

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, message={self.message!r})"


class ValidationFailed(CivilityError):
    """A value the caller sent is missing or wrong. 422: well-formed but invalid."""

    code = "invalid"
    status = 422
    default_message = "This value is not valid."


class NotFound(CivilityError):
    code = "not_found"
    status = 404
    default_message = "Not found."


class ArticleClosed(CivilityError):
    code = "comments_closed"
    status = 409
    default_message = "Comments are closed for this article."


class PermissionDenied(CivilityError):
    code = "forbidden"
    status = 403
    default_message = "You are not allowed to do this."


class Sanctioned(PermissionDenied):
    """A moderator suspended or banned this commenter (commenters/, posting's
    ``sanctions`` step). ``until`` is when a suspension ends; None for a ban."""

    code = "commenter_banned"
    default_message = "You can no longer comment on this site."

    def __init__(self, message: str | None = None, *, until=None, **kwargs):
        self.until = until
        if until is not None:
            kwargs.setdefault("code", "commenter_suspended")
            message = message or f"You cannot comment until {until:%Y-%m-%d %H:%M} UTC."
        super().__init__(message, **kwargs)


class NotAuthenticated(PermissionDenied):
    code = "not_authenticated"
    status = 401
    default_message = "Sign in or send a valid token."


class UnsupportedMediaType(CivilityError):
    """A body in a format the route does not take (a JSON door sent text/plain)."""

    code = "unsupported_media_type"
    status = 415
    default_message = "Send the body as application/json."


class RateLimited(CivilityError):
    code = "rate_limited"
    status = 429
    default_message = "Too many requests; try again in a moment."


class ImmutableRecord(CivilityError):
    """Code tried to change what the record keeps for ever (comment text, a decision)."""

    code = "immutable"
    status = 409
    default_message = "This record cannot be changed."
