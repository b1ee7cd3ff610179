"""CORS for the widget's routes, and only for the sites configured for it.

The widget runs on the publisher's page (another origin) and calls
``/api/embed/...`` with ``fetch``. The browser lets that page read an answer
only when it carries ``Access-Control-Allow-Origin`` naming the page's
origin, and sends a preflight ``OPTIONS`` before every JSON ``POST``. This
middleware answers both, from ``EmbedSite``:

- an allowed origin gets its own name back (never ``*``), ``Vary: Origin``
  so caches keep one answer per site, and no ``Allow-Credentials``: the
  widget sends no cookies and the answers never depend on who is signed in;
- any other origin gets a preflight refusal (403, in the one error shape)
  and no CORS headers, so its page can neither send JSON nor read answers.

Why this is also the CSRF defence: CSRF abuses the cookies a browser adds to
a cross-site request. The widget's routes read no cookie and no session
(nothing there is signed in), so a forged request gains nothing a direct one
would not; and their writes answer only requests whose ``Origin`` header, set
by the browser and not by page script, names a configured site (``api.py``).
Django's cookie-based CSRF check would refuse every cross-origin post, which
is why ninja exempts these unauthenticated routes from it.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers

from civility.errors import PermissionDenied

from .models import EmbedSite

PREFIX = "/api/embed/"
ALLOW_METHODS = "GET, POST, DELETE, OPTIONS"
# X-Civility-Reader: the reader's signed token (api.py), in place of a cookie.
ALLOW_HEADERS = "Content-Type, X-Civility-Reader"
# Browsers cap this (Chromium at 2 hours); 10 minutes spares a preflight per post.
MAX_AGE = "600"


class EmbedCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        site = EmbedSite.objects.for_origin(origin) if origin else None
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = preflight(origin if site else None)
        else:
            response = self.get_response(request)
            if site is not None:
                response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ("Origin",))
        return response


def preflight(origin: str | None):
    if origin is None:
        refused = PermissionDenied(
            "This site may not embed comments.", code="origin_not_allowed", field="origin"
        )
        return JsonResponse(refused.to_json(), status=refused.status)
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response["Access-Control-Max-Age"] = MAX_AGE
    return response
