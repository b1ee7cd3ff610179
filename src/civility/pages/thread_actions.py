"""What a reader does with a published comment on the article page: react, report.

Two more doors to the thread's back ends (threads/reactions.py,
threads/reports.py), as plain form posts: Post/Redirect/Get, always, back to
the comment (a reaction) or to the thread's outcome (a report), so a reload
never sends again and the page works without JS. The reader is their
browser's signed key (threads/visitor.py), given to it on the first action.

A reaction asked for with ``fetch`` (``Accept: application/json``, js/article.js)
gets the new state as JSON instead of the redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civility.abuse.rate_limits import client_ip
from civility.comments.models import Comment
from civility.errors import CivilityError, NotFound, RateLimited, ValidationFailed
from civility.i18n import error_message
from civility.threads import reactions, reports, visitor

# The messages' tag: the article page shows them above the thread, not at the form.
TAG = "thread-outcome"


def _comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("article"), pk=pk)


def _back(request: HttpRequest, comment: Comment, anchor: str, query: str = "") -> str:
    """The article page, on the thread's page the form was sent from."""
    page = request.POST.get("page", "")
    if page.isdigit() and int(page) > 1:
        query = f"page={int(page)}&{query}" if query else f"page={int(page)}"
    url = reverse("articles:detail", args=[comment.article.slug])
    return url + (f"?{query}" if query else "") + anchor


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refusal(error: CivilityError, what: str) -> str:
    """The reader's words for a refused report or reaction, in the page's language."""
    if isinstance(error, RateLimited):
        if what == "report":
            return _("You have sent many reports in a short time; please try again later.")
        return _("Too many reactions from your connection; please try again later.")
    if isinstance(error, NotFound):
        return _("This comment is no longer published.")
    return error_message(error)


@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    """POST on=1 (add this reader's reaction) or on=0 (take it back)."""
    comment = _comment(pk)
    reader = visitor.from_request(request)
    with translation.override(comment.article.language):
        try:
            state = reactions.react(
                comment,
                visitor=reader,
                on=request.POST.get("on", "1") != "0",
                ip=client_ip(request),
            )
        except CivilityError as error:
            message = _refusal(error, "reaction")
            if _wants_json(request):
                response = JsonResponse(
                    {"error": {"code": error.code, "message": message}}, status=error.status
                )
            else:
                messages.error(request, message, extra_tags=TAG)
                response = HttpResponseRedirect(
                    _back(request, comment, "#thread-outcome"), status=303
                )
        else:
            if _wants_json(request):
                response = JsonResponse(state.to_json())
            else:
                response = HttpResponseRedirect(
                    _back(request, comment, f"#comment-{pk}"), status=303
                )
    visitor.remember(response, reader, secure=request.is_secure())
    return response


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """POST clause_id: this reader says the comment breaks that guideline."""
    comment = _comment(pk)
    reader = visitor.from_request(request)
    with translation.override(comment.article.language):
        try:
            outcome = reports.report_comment(
                comment,
                clause_id=request.POST.get("clause_id", ""),
                visitor=reader,
                ip=client_ip(request),
            )
        except ValidationFailed as error:
            # No guideline chosen: the form again, with the message above it.
            messages.error(request, error_message(error), extra_tags=TAG)
            query, anchor = f"report={pk}", f"#report-{pk}"
        except CivilityError as error:
            messages.error(request, _refusal(error, "report"), extra_tags=TAG)
            query, anchor = "", "#thread-outcome"
        else:
            if outcome.created:
                messages.success(
                    request, _("Thank you, a moderator will look at it."), extra_tags=TAG
                )
            else:
                messages.info(
                    request,
                    _("You have already reported this comment; a moderator will look at it."),
                    extra_tags=TAG,
                )
            query, anchor = "", "#thread-outcome"
    response = HttpResponseRedirect(_back(request, comment, anchor, query), status=303)
    visitor.remember(response, reader, secure=request.is_secure())
    return response
