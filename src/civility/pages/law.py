"""The law's reader pages, with ``CIVILITY_DSA`` on (404 otherwise; docs/law.md).

- GET/POST /comments/statement/<token>/: the author's own comment, by the
  signed link they got when posting and in every e-mail: its statements of
  reasons and, while the window is open, the form to appeal once;
- GET/POST /comments/<pk>/notice/: "report potentially illegal content",
  the notice form beside a published comment;
- GET /notices/confirm/<token>/: the notifier confirms their address.

The writes go through civility/law/actions.py; refusals re-render the form
with the message next to the field and the refusal's HTTP status.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from civility import law
from civility.abuse import rate_limits as limits
from civility.abuse.rate_limits import client_ip
from civility.comments.models import Comment, CommentStatus
from civility.errors import CivilityError
from civility.law import actions, statements
from civility.law.models import Appeal


def _on() -> None:
    if not law.enabled():
        raise Http404("The law's pages are off on this site.")


@require_http_methods(["GET", "POST"])
def statement(request: HttpRequest, token: str) -> HttpResponse:
    _on()
    comment = statements.comment_for(token)
    if comment is None:
        raise Http404("No such comment.")
    error, status = None, 200
    if request.method == "POST":
        sanction = request.POST.get("sanction") or None
        try:
            actions.file_appeal(comment, text=request.POST.get("text", ""), sanction=sanction)
        except CivilityError as caught:
            error, status = caught, caught.status
        else:
            return HttpResponseRedirect(reverse("comments:statement", args=[token]) + "#appeal")
    context = {
        "comment": comment,
        "statements": statements.statements_for(comment),
        # Shown after the decision too: a reversed rejection has no statement left.
        "appeals": Appeal.objects.filter(comment=comment).order_by("created_at", "id"),
        "error": error,
        "typed": request.POST.get("text", ""),
        "outcome": comment.status,
    }
    return render(request, "law/statement.html", context, status=status)


@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    _on()
    comment = get_object_or_404(
        Comment.objects.select_related("article"), pk=pk, status=CommentStatus.APPROVED
    )
    error, status, sent = None, 200, False
    if request.method == "POST":
        try:
            # Each notice mails its contact address: limited per address like
            # reports, so the form cannot be used to flood someone's inbox.
            limits.hit("notice", client_ip(request), settings.CIVILITY_RATE_LIMIT_REPORTS)
            actions.file_notice(
                comment,
                law=request.POST.get("law", ""),
                explanation=request.POST.get("explanation", ""),
                good_faith=request.POST.get("good_faith") == "on",
                contact_name=request.POST.get("contact_name", ""),
                contact_email=request.POST.get("contact_email", ""),
            )
        except CivilityError as caught:
            error, status = caught, caught.status
        else:
            sent = True
    context = {"comment": comment, "error": error, "form": request.POST, "sent": sent}
    return render(request, "law/notice.html", context, status=status)


def notice_confirm(request: HttpRequest, token: str) -> HttpResponse:
    _on()
    try:
        found = actions.confirm_contact(token)
    except CivilityError as caught:
        raise Http404(caught.message) from None
    return render(request, "law/notice_confirmed.html", {"notice": found})
