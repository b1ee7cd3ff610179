"""The desk's writes: decide, undo, bulk decisions, sanctions, the moderator's settings.

Each calls one action function (comments/actions.py, commenters/actions.py,
preferences.py). From htmx, the answer swaps the item in place and, out of
band, updates the one live region (what was decided), the toast (undo, for
``UNDO_SECONDS``) and the counts; a plain form post redirects back with a
message, so the desk works without JS too.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from civility.commenters import actions as commenter_actions
from civility.comments import actions
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import CivilityError, ValidationFailed
from civility.guidelines import site_policy
from civility.i18n import clause_text, error_message

from . import preferences, presentation
from .views import VIEWS, build_items, counts, moderator_required, with_history

# Most comments one bulk decision may cover (one page of the queue).
BULK_MAX = 100


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _view(request: HttpRequest) -> str:
    view = request.POST.get("view", "queue")
    return view if view in VIEWS else "queue"


@require_POST
@moderator_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one comment (also a reversal): POST status, clause_id, note."""
    comment = get_object_or_404(with_history(Comment.objects.all()), pk=pk)
    view = _view(request)
    status = request.POST.get("status", "")
    clause_id = request.POST.get("clause_id", "")
    try:
        if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
            raise ValidationFailed(
                _("Choose Approve or Reject."), field="status", code="invalid_status"
            )
        decision = actions.decide(
            comment,
            status=status,
            actor=request.user,
            clause_id=clause_id if status == CommentStatus.REJECTED else "",
            note=request.POST.get("note", ""),
        )
    except CivilityError as error:
        error.message = error_message(error)  # in the moderator's language (civility/i18n.py)
        if _htmx(request):
            item = build_items([comment], view, error=error, clause_choice=clause_id)[0]
            return render(
                request,
                "moderators/_item.html",
                {
                    "item": item,
                    "clauses": presentation.reject_choices(site_policy.clauses()),
                    "back_url": request.POST.get("next", ""),
                    "shortcuts": view == "queue",
                },
                status=error.status,
            )
        messages.error(request, error.message)
        return HttpResponseRedirect(_back(request, view))
    return _decided(request, view, [(comment, decision)])


@require_POST
@moderator_required
def bulk(request: HttpRequest) -> HttpResponse:
    """One decision on the selected comments (POST ids, status, clause_id), all or none."""
    view = _view(request)
    try:
        ids = [int(x) for x in request.POST.getlist("ids")][:BULK_MAX]
    except ValueError:
        ids = []
    status = request.POST.get("status", "")
    comments = list(with_history(Comment.objects.filter(pk__in=ids)).order_by("created_at", "id"))
    try:
        if not comments:
            raise ValidationFailed(
                _("Select the comments first."), field="ids", code="nothing_selected"
            )
        if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
            raise ValidationFailed(
                _("Choose Approve or Reject."), field="status", code="invalid_status"
            )
        clause_id = request.POST.get("clause_id", "") if status == CommentStatus.REJECTED else ""
        decisions = actions.decide_many(
            comments, status=status, actor=request.user, clause_id=clause_id, note="bulk"
        )
    except CivilityError as error:
        message = error_message(error)
        if _htmx(request):
            return render(
                request,
                "moderators/_bulk_error.html",
                {"message": message, "field": error.field},
                status=error.status,
            )
        messages.error(request, message)
        return HttpResponseRedirect(_back(request, view))
    return _decided(request, view, list(zip(comments, decisions, strict=True)))


def _decided(request, view: str, pairs) -> HttpResponse:
    """The answer to one or more decisions: done rows, the announcement, the toast."""
    summary = _summary([d for _c, d in pairs])
    if not _htmx(request):
        messages.success(request, summary)
        return HttpResponseRedirect(_back(request, view))
    return render(
        request,
        "moderators/_decided.html",
        {
            "done": pairs,
            "summary": summary,
            "undo_ids": [d.pk for _c, d in pairs],
            "undo_seconds": actions.UNDO_SECONDS,
            "counts": counts(),
            "oob": True,
        },
    )


@require_POST
@moderator_required
def undo(request: HttpRequest) -> HttpResponse:
    """Take back one's own last decision(s) from the toast: POST decision ids."""
    view = _view(request)
    try:
        ids = [int(x) for x in request.POST.getlist("decision")][:BULK_MAX]
    except ValueError:
        ids = []
    try:
        if not ids:
            raise ValidationFailed(_("Nothing to undo."), field="decision", code="nothing_selected")
        actions.undo_decisions(ids, actor=request.user)
    except CivilityError as error:
        return refused(request, error, view)
    comment_ids = DecisionRecord.objects.filter(pk__in=ids).values_list("comment_id", flat=True)
    comments = list(with_history(Comment.objects.filter(pk__in=comment_ids)))
    if len(comments) == 1:
        announcement = _("Undone: the comment is back as it was.")
    else:
        announcement = ngettext(
            "Undone: %(count)d comment is back as it was.",
            "Undone: %(count)d comments are back as they were.",
            len(comments),
        ) % {"count": len(comments)}
    if not _htmx(request):
        messages.success(request, announcement)
        return HttpResponseRedirect(_back(request, view))
    return render(
        request,
        "moderators/_undone.html",
        {
            "items": build_items(comments, view),
            "clauses": presentation.reject_choices(site_policy.clauses()),
            "announcement": announcement,
            "counts": counts(),
            "shortcuts": view == "queue",
            "back_url": request.POST.get("next", ""),
        },
    )


def _summary(decisions: list[DecisionRecord]) -> str:
    first, count = decisions[0], len(decisions)
    # The default policy's clause texts are in the catalogs by clause id (civility/i18n.py); a
    # publisher's own clause text is shown as recorded.
    clause = clause_text(first.clause_id, first.guideline) or first.clause_id
    if first.status == CommentStatus.APPROVED:
        if count == 1:
            return _("Approved: the comment is published.")
        return ngettext(
            "Approved: %(count)d comment is published.",
            "Approved: %(count)d comments are published.",
            count,
        ) % {"count": count}
    if count == 1:
        return _("Rejected under “%(clause)s”.") % {"clause": clause}
    return ngettext(
        "%(count)d comment rejected under “%(clause)s”.",
        "%(count)d comments rejected under “%(clause)s”.",
        count,
    ) % {"clause": clause, "count": count}


@require_POST
@moderator_required
def sanction(request: HttpRequest, pk: int) -> HttpResponse:
    """Suspend, ban or always pre-moderate the author of a comment, with a reason."""
    comment = get_object_or_404(Comment, pk=pk)
    view = _view(request)
    kind = request.POST.get("kind", "")
    try:
        days = int(request.POST.get("days") or 0) or None
    except ValueError:
        days = None
    try:
        imposed = commenter_actions.impose_sanction(
            comment, kind=kind, actor=request.user, reason=request.POST.get("reason", ""), days=days
        )
    except CivilityError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request, _("Sanction recorded: %(kind)s.") % {"kind": _(imposed.get_kind_display())}
        )
    return HttpResponseRedirect(_back(request, view))


@require_POST
@moderator_required
def settings_view(request: HttpRequest) -> HttpResponse:
    """The moderator's own desk settings: shortcuts on or off, the queue's order."""
    shortcuts = request.POST.get("shortcuts")
    preferences.save(
        request.user,
        shortcuts=None if shortcuts is None else shortcuts == "on",
        order=request.POST.get("order") or None,
    )
    return HttpResponseRedirect(_back(request, "queue"))


def refused(request: HttpRequest, error: CivilityError, view: str) -> HttpResponse:
    """A desk action the rules refused: announced in place (htmx), or a message
    on the list it came from."""
    message = error_message(error)
    if _htmx(request):
        return render(
            request,
            "moderators/_announce.html",
            {"announcement": message, "counts": counts()},
            status=error.status,
        )
    messages.error(request, message)
    return HttpResponseRedirect(_back(request, view))


def _back(request: HttpRequest, view: str) -> str:
    """Where a plain (non-htmx) post returns: the page it came from, if ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(f"moderators:{view}")
