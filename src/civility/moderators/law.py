"""The desk's law pages, with ``CIVILITY_DSA`` (404 otherwise; docs/law.md).

- /moderate/notices/: illegal-content notices, open first, each with the
  comment, the notifier's law and explanation and its history; a decision
  (illegal / not illegal / guidelines only) with legal ground and explanation;
- /moderate/appeals/: open appeals, the ones assigned to you first; reverse
  or confirm with the reason the author is sent;
- /moderate/transparency/: the transparency report for a period, with its
  CSV and the EU statement-of-reasons JSON.

Every write goes through civility/law/actions.py.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civility import law
from civility.errors import CivilityError
from civility.guidelines import site_policy
from civility.law import actions
from civility.law import transparency as law_report
from civility.law.models import Appeal, AppealStatus, Legality, Notice, NoticeStatus

from .views import moderator_required


def _on() -> None:
    if not law.enabled():
        raise Http404("The law's pages are off on this site.")


def _clauses():
    return [c for c in site_policy.clauses() if c.prohibits]


@moderator_required
def notices(request: HttpRequest) -> HttpResponse:
    _on()
    open_ = Notice.objects.filter(status=NoticeStatus.OPEN).select_related("comment__article")
    decided = (
        Notice.objects.filter(status=NoticeStatus.DECIDED)
        .select_related("comment__article")
        .order_by("-decided_at")[:50]
    )
    context = {
        "tab": "notices",
        "open_notices": open_,
        "decided_notices": decided,
        "legalities": Legality.choices,
        "clauses": _clauses(),
    }
    return render(request, "moderators/notices.html", context)


@require_POST
@moderator_required
def decide_notice(request: HttpRequest, pk: int) -> HttpResponse:
    _on()
    notice = get_object_or_404(Notice, pk=pk)
    try:
        actions.decide_notice(
            notice,
            actor=request.user,
            legality=request.POST.get("legality", ""),
            legal_ground=request.POST.get("legal_ground", ""),
            explanation=request.POST.get("explanation", ""),
            clause_id=request.POST.get("clause_id", ""),
        )
    except CivilityError as error:
        messages.error(request, f"Notice {pk}: {error.message}")
    else:
        messages.success(request, f"Notice {pk} decided.")
    return HttpResponseRedirect(reverse("moderators:notices"))


@moderator_required
def appeals(request: HttpRequest) -> HttpResponse:
    _on()
    found = list(
        Appeal.objects.filter(status=AppealStatus.OPEN).select_related(
            "comment__article", "decision", "sanction", "assigned_to"
        )
    )
    found.sort(key=lambda a: (a.assigned_to_id != request.user.pk, a.created_at))
    decided = (
        Appeal.objects.exclude(status=AppealStatus.OPEN)
        .select_related("comment", "decided_by")
        .order_by("-decided_at")[:50]
    )
    context = {"tab": "appeals", "open_appeals": found, "decided_appeals": decided}
    return render(request, "moderators/appeals.html", context)


@require_POST
@moderator_required
def decide_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    _on()
    appeal = get_object_or_404(Appeal, pk=pk)
    try:
        actions.decide_appeal(
            appeal,
            actor=request.user,
            reverse=request.POST.get("outcome") == "reverse",
            reason=request.POST.get("reason", ""),
        )
    except CivilityError as error:
        messages.error(request, f"Appeal {pk}: {error.message}")
    else:
        messages.success(request, f"Appeal {pk} decided.")
    return HttpResponseRedirect(reverse("moderators:appeals"))


def _period(request: HttpRequest) -> tuple[dt.datetime, dt.datetime, dt.date, dt.date]:
    today = timezone.now().date()
    try:
        first = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = today.replace(day=1)
    try:
        last = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        last = today
    start = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    return start, end, first, last


@moderator_required
def transparency(request: HttpRequest) -> HttpResponse:
    _on()
    start, end, first, last = _period(request)
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        response = HttpResponse(
            law_report.sor_csv(law_report.sor_rows(start, end)), content_type="text/csv"
        )
        response["Content-Disposition"] = f'attachment; filename="sor-{first}-{last}.csv"'
        return response
    if fmt == "sor":
        body = json.dumps(law_report.sor_rows(start, end), ensure_ascii=False, indent=1)
        return HttpResponse(body, content_type="application/json")
    if fmt == "json":
        return HttpResponse(
            json.dumps(law_report.report(start, end), indent=1), content_type="application/json"
        )
    context = {
        "tab": "transparency",
        "report": law_report.report(start, end),
        "first": first,
        "last": last,
    }
    return render(request, "moderators/transparency.html", context)
