"""Response headers that keep a hostile comment inert and the site unframed.

Django's SecurityMiddleware already sends nosniff, the referrer policy, the
cross-origin opener policy and (on https) HSTS, from settings.py. This
middleware adds what Django does not decide for us:

- **Content-Security-Policy** with no inline script, no inline style, no
  ``eval``, no plugins and no ``<base>``: even if a comment's text ever
  reached a page unescaped, a ``<script>`` or ``onerror=`` in it would not
  run. Every template loads its scripts and styles from /static/ (a test
  checks the pages have no inline script, handler or style attribute), and
  Django's admin is built for such a policy.
- **Framing**: no page may be framed (``frame-ancestors 'none'`` plus
  ``X-Frame-Options: DENY``). The embeddable widget is a script that renders
  in a shadow root on the publisher's page (civility/embed), not a frame, so
  nothing needs an exception. A view that must be framed by named sites
  sets ``response.frame_ancestors = ["https://news.example.com", ...]`` (the
  sites configured for the widget); it then gets those origins in
  ``frame-ancestors`` and no X-Frame-Options, which cannot name origins.
- **Permissions-Policy**: the pages need no camera, microphone, location or
  payment, so no injected frame may ask for them.

A view that sets its own Content-Security-Policy keeps it.
"""

from __future__ import annotations

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    # data: for the small SVG icons Django's admin and the API docs inline.
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
    ("frame-src", "'none'"),
)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def content_security_policy(frame_ancestors=()) -> str:
    """The policy; ``frame_ancestors`` lists the origins allowed to frame the page."""
    ancestors = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    directives = [*BASE_POLICY, ("frame-ancestors", ancestors)]
    return "; ".join(f"{name} {value}" for name, value in directives)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        ancestors = list(getattr(response, "frame_ancestors", None) or ())
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(ancestors)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if ancestors:
            del response["X-Frame-Options"]
        else:
            response["X-Frame-Options"] = "DENY"
        return response


def bad_request(request, exception=None):
    """Django's 400 handler: JSON in the one error shape under /api/, HTML elsewhere.

    Django raises these before any view runs: a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (answered 413), too many form fields, a
    disallowed host.
    """
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
    from django.http import JsonResponse
    from django.views.defaults import bad_request as html_bad_request

    from civility.errors import CivilityError

    if isinstance(exception, RequestDataTooBig):
        status, code, message = 413, "too_large", "The request body is too large."
    elif isinstance(exception, TooManyFieldsSent):
        status, code, message = 400, "too_many_fields", "The request has too many fields."
    else:
        status, code, message = 400, "bad_request", "The request could not be understood."
    if request.path.startswith("/api/"):
        return JsonResponse(CivilityError(message, code=code).to_json(), status=status)
    response = html_bad_request(request, exception)
    response.status_code = status
    return response


def not_found(request, exception=None):
    """Django's 404 handler: under /api/ a client reads the one error shape, not a page.

    Any address under /api/ that no route matches (``/api/<unknown>``) ends
    here; the API's own 404s (an unknown article) never do, they answer from
    the view.
    """
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    from civility.errors import NotFound

    if request.path.startswith("/api/"):
        error = NotFound("No such address in the API; see /api/docs.", code="not_found")
        return JsonResponse(error.to_json(), status=404)
    return page_not_found(request, exception)
