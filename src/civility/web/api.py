"""The NinjaAPI instance: the project mounts the apps' routers and renders the one error shape.

Every failure answers ``{"error": {"code", "message", "field"}}`` with the
error's HTTP status, whether it came from our own error family, from request
validation, or from authentication. OpenAPI: /api/openapi.json, docs: /api/docs.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from civility.api import articles, comments, moderation, precheck, readers, statements
from civility.api.parser import BoundedJSONParser
from civility.embed.api import router as embed_router
from civility.errors import CivilityError, ValidationFailed

api = NinjaAPI(
    title="Civility API",
    version="1",
    description="Articles, their published comment threads, posting comments, and moderation.",
    urls_namespace="api",
    parser=BoundedJSONParser(),
)
api.add_router("/articles", articles.router)
api.add_router("/articles", comments.router)
api.add_router("/articles", precheck.router)  # the pre-submit warning
api.add_router("/comments", readers.router)  # reports and reactions
api.add_router("/moderation", moderation.router)
api.add_router("/statements", statements.router)  # the law's side (docs/law.md)
api.add_router("/embed", embed_router)  # the widget (civility/embed, docs/embedding.md)


def error(request, status: int, code: str, message: str, field: str | None = None):
    body = CivilityError(message, field=field, code=code).to_json()
    return api.create_response(request, body, status=status)


@api.exception_handler(CivilityError)
def civility_error(request, exc: CivilityError):
    response = api.create_response(request, exc.to_json(), status=exc.status)
    if getattr(exc, "retry_after", None):  # 429 from the rate limits (abuse/rate_limits.py)
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    field = loc[-1] if loc else None
    if first.get("type") == "json_invalid":
        return error(request, 400, "bad_json", "The request body is not valid JSON.")
    message = first.get("msg", "This value is not valid.")
    # "errors" lists every field at fault (the widget's form shows them all);
    # "error" stays the first one, the shape every client reads.
    errors = [_field_error(e) for e in exc.errors]
    body = {**ValidationFailed(message, field=field).to_json(), "errors": errors}
    return api.create_response(request, body, status=422)


def _field_error(detail: dict) -> dict:
    loc = [str(p) for p in detail.get("loc", ()) if p not in ("body", "query", "path")]
    return {
        "code": "invalid",
        "message": detail.get("msg", "This value is not valid."),
        "field": loc[-1] if loc else None,
    }


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return error(request, 401, "not_authenticated", "Sign in or send a valid token.")


@api.exception_handler(AuthorizationError)
def authorization_error(request, exc):
    return error(request, 403, "forbidden", "You are not allowed to do this.")


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, "not_found", "Not found.")


HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # Ninja's own refusals: an unparsable body (400), a failed CSRF check (403).
    message = str(exc)
    code = "csrf_failed" if "CSRF" in message else HTTP_ERROR_CODES.get(exc.status_code, "error")
    if exc.status_code == 400 and "parse request body" in message:
        # Not JSON, not UTF-8, or nested past the parser's depth.
        code, message = "bad_json", "The request body is not valid JSON."
    return error(request, exc.status_code, code, message)
