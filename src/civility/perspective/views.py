"""The two Perspective routes: read the request, score it, answer in its shape.

Errors follow Google's shape, ``{"error": {"code": <HTTP status>, "message",
"status": <canonical name>}}``, because that is what Perspective clients
parse; our own error family (civility/errors.py) stays for our own API. Any
failure answers a non-2xx status: a client must never read a failed analysis
as a clean comment.
"""

from __future__ import annotations

import html
import json
import logging
import secrets

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt

from civility.guidelines import site_policy

from . import attributes
from .models import Analysis, AnalysisKind

log = logging.getLogger(__name__)

# Perspective's own limit on comment.text (20 KB of UTF-8).
MAX_TEXT_BYTES = 20480
# A Perspective request is three levels deep; anything much deeper is an attack
# on the parser (Python's json recursion limit answered 500 before).
MAX_DEPTH = 32
TEXT_TYPES = {"", "PLAIN_TEXT", "TEXT_TYPE_UNSPECIFIED", "HTML"}


class PerspectiveError(Exception):
    def __init__(self, code: int, status: str, message: str):
        super().__init__(message)
        self.code, self.status, self.message = code, status, message

    def response(self) -> JsonResponse:
        body = {"error": {"code": self.code, "message": self.message, "status": self.status}}
        return JsonResponse(body, status=self.code)


def invalid(message: str) -> PerspectiveError:
    return PerspectiveError(400, "INVALID_ARGUMENT", message)


def _endpoint(handler):
    """POST only, API key checked, JSON parsed, PerspectiveError rendered."""

    @csrf_exempt
    def view(request):
        try:
            if request.method != "POST":
                raise PerspectiveError(404, "NOT_FOUND", "Method not found: use POST.")
            _check_key(request)
            return JsonResponse(handler(_json_body(request)))
        except PerspectiveError as error:
            return error.response()
        except Exception as error:  # noqa: BLE001 - Google's shape even for our own bugs
            # The type only: an exception's message may quote the comment text.
            log.error("perspective: %s failed: %s", handler.__name__, type(error).__name__)
            return PerspectiveError(500, "INTERNAL", "Internal error.").response()

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


def _check_key(request) -> None:
    keys = settings.CIVILITY_PERSPECTIVE_KEYS
    if not keys:
        raise PerspectiveError(
            403,
            "PERMISSION_DENIED",
            "The Perspective-compatible API is not enabled on this site "
            "(CIVILITY_PERSPECTIVE_KEYS is empty).",
        )
    # Coral and most clients send ?key=; the header keeps the key out of access logs.
    given = request.GET.get("key") or request.headers.get("X-Goog-Api-Key") or ""
    if not given:
        raise PerspectiveError(403, "PERMISSION_DENIED", "The request is missing a valid API key.")
    # Compare with every key, always, so the time taken says nothing about which matched.
    matched = False
    for key in keys:
        matched |= secrets.compare_digest(given.encode(), key.encode())
    if not matched:
        raise invalid("API key not valid. Please pass a valid API key.")


def _json_body(request) -> dict:
    try:
        raw = request.body
    except RequestDataTooBig:
        raise PerspectiveError(413, "INVALID_ARGUMENT", "Request payload too large.") from None
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise invalid("Invalid JSON payload received.") from None
    if not isinstance(body, dict):
        raise invalid("Invalid JSON payload received: expected an object.")
    _check_values(body)
    return body


def _check_values(body: dict) -> None:
    """Every parse error a 400 (issue 12, item 7): too deep, or a lone surrogate.

    ``json`` reads ``"\\ud800"`` into a string that cannot be encoded: stored,
    scored or measured in bytes it raised, and the request answered 500.
    Walked without recursion, so the depth check cannot itself overflow.
    """
    stack = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise invalid(f"Invalid JSON payload received: nested deeper than {MAX_DEPTH}.")
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise invalid(
                    "Invalid JSON payload received: a string holds a lone surrogate."
                ) from None


def _comment_text(body: dict) -> str:
    comment = body.get("comment")
    if not isinstance(comment, dict) or not isinstance(comment.get("text"), str):
        raise invalid("Comment must be specified: comment.text is required.")
    text_type = comment.get("type") or ""
    if text_type not in TEXT_TYPES:
        raise invalid(f"Unknown comment.type: {text_type!r}.")
    text = comment["text"]
    if text_type == "HTML":
        # Tags first, then entities: "&#105;&#100;&#105;&#111;&#116;" is what a
        # browser shows as "idiot", and so must the engine read it.
        text = html.unescape(strip_tags(text))
    if not text.strip():
        raise invalid("Comment text was empty.")
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise invalid(f"Comment text too long: {MAX_TEXT_BYTES} bytes at most.")
    return text


def _languages(body: dict) -> list[str]:
    languages = body.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise invalid("languages must be a list of language codes.")
    return [attributes.language_of(tag) for tag in languages if tag.strip()]


def _requested(body: dict) -> dict[str, dict]:
    requested = body.get("requestedAttributes")
    if not isinstance(requested, dict) or not requested:
        raise invalid("requestedAttributes must be a non-empty object.")
    if unknown := attributes.unknown(requested):
        raise invalid(f"Unknown attribute: {', '.join(unknown)}.")
    cleaned = {}
    for name, parameters in requested.items():
        parameters = parameters or {}
        if not isinstance(parameters, dict):
            raise invalid(f"requestedAttributes.{name} must be an object.")
        score_type = parameters.get("scoreType") or attributes.SCORE_TYPE
        if score_type != attributes.SCORE_TYPE:
            raise invalid(f"Unsupported scoreType {score_type!r}: only PROBABILITY.")
        threshold = parameters.get("scoreThreshold")
        if threshold is not None and (
            isinstance(threshold, bool)
            or not isinstance(threshold, int | float)
            or not 0 <= threshold <= 1
        ):
            raise invalid(f"requestedAttributes.{name}.scoreThreshold must be between 0 and 1.")
        cleaned[name] = {"scoreThreshold": threshold}
    return cleaned


def _flag(body: dict, name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise invalid(f"{name} must be true or false.")
    return value


def _short(body: dict, name: str) -> str:
    value = body.get(name) or ""
    if not isinstance(value, str):
        raise invalid(f"{name} must be a string.")
    return value[:200]


@_endpoint
def analyze(body: dict) -> dict:
    """Scores for the requested attributes, with span scores when asked."""
    text = _comment_text(body)
    languages = _languages(body)
    requested = _requested(body)
    do_not_store = _flag(body, "doNotStore")
    with_spans = _flag(body, "spanAnnotations")
    drop_unsupported = _flag(body, "dropUnsupportedAttributes")
    client_token = _short(body, "clientToken")

    unsupported = [lang for lang in languages if not attributes.supported(lang)]
    if unsupported:
        if not drop_unsupported:
            raise invalid(
                f"Attribute {next(iter(requested))} does not support request languages: "
                f"{', '.join(unsupported)}"
            )
        requested = {}  # Perspective answers with the unsupported attributes left out

    verdict = _moderate(text, languages[0] if languages else None)
    scores = attributes.attribute_scores(verdict, requested, len(text), with_spans)
    answer: dict = {
        "attributeScores": scores,
        "languages": languages or [verdict.lang],
        "detectedLanguages": [verdict.lang],
    }
    if client_token:
        answer["clientToken"] = client_token
    if not do_not_store:
        Analysis.objects.create(
            kind=AnalysisKind.ANALYZE,
            text=text,
            languages=answer["languages"],
            scores={name: entry["summaryScore"]["value"] for name, entry in scores.items()},
            client_token=client_token,
            community_id=_short(body, "communityId"),
            engine_version=verdict.model or "",
            created_at=timezone.now(),
        )
    return answer


def _moderate(text: str, language: str | None):
    """The engine's verdict; a failed step is a failed request, never a clean score."""
    try:
        verdict = site_policy.site_engine().moderate(text, lang=language)
    except Exception as exc:  # noqa: BLE001 - answer 503, log without the text
        log.error("perspective: the engine failed: %s", type(exc).__name__)
        raise PerspectiveError(
            503, "UNAVAILABLE", "The comment could not be analysed; try again."
        ) from None
    if getattr(verdict, "errors", ()):
        log.error("perspective: an engine step failed: %s", "; ".join(verdict.errors))
        raise PerspectiveError(503, "UNAVAILABLE", "The comment could not be analysed; try again.")
    return verdict


@_endpoint
def suggest_score(body: dict) -> dict:
    """A client's own verdict on a comment (Coral sends one per moderator decision)."""
    text = _comment_text(body)
    languages = _languages(body)
    given = body.get("attributeScores")
    if not isinstance(given, dict) or not given:
        raise invalid("attributeScores must be a non-empty object.")
    if unknown := attributes.unknown(given):
        raise invalid(f"Unknown attribute: {', '.join(unknown)}.")
    scores = {}
    for name, entry in given.items():
        summary = entry.get("summaryScore") if isinstance(entry, dict) else None
        value = summary.get("value") if isinstance(summary, dict) else None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise invalid(f"attributeScores.{name}.summaryScore.value must be between 0 and 1.")
        scores[name] = float(value)
    client_token = _short(body, "clientToken")
    Analysis.objects.create(
        kind=AnalysisKind.SUGGESTION,
        text=text,
        languages=languages,
        scores=scores,
        client_token=client_token,
        community_id=_short(body, "communityId"),
        created_at=timezone.now(),
    )
    answer = {"requestedLanguages": languages, "detectedLanguages": languages}
    if client_token:
        answer["clientToken"] = client_token
    return answer
