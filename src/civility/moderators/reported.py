"""Published comments readers reported: the desk's "Reported" list.

When a comment's open reports reach ``CIVILITY_REPORT_THRESHOLD`` it stays
published and comes back to the moderators (threads/reports.py,
``returned_to_queue``); at the hide threshold it is held and waits in the
queue itself. Here each shows its open reports by guideline; keeping it
published (an approval) or rejecting it is an ordinary decision, which
closes the reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from civility.comments.models import CommentStatus
from civility.threads.models import Report
from civility.threads.reports import returned_to_queue

from . import presentation
from .search import Search
from .views import _clause_ids, _list_context, moderator_required, with_history


def open_reports_by_clause(comments) -> dict[int, list[tuple[str, int]]]:
    """For each comment (annotated with ``person_decided_at``): its open reports
    by guideline, most reported first."""
    since = {c.pk: c.person_decided_at for c in comments}
    counts: dict[int, Counter] = defaultdict(Counter)
    for comment_id, clause_id, created_at in Report.objects.filter(
        comment_id__in=list(since)
    ).values_list("comment_id", "clause_id", "created_at"):
        if created_at > since[comment_id]:
            counts[comment_id][clause_id] += 1
    return {
        pk: [(presentation.clause_label(c), n) for c, n in found.most_common()]
        for pk, found in counts.items()
    }


@moderator_required
def reported(request: HttpRequest) -> HttpResponse:
    search = Search.from_request(request, _clause_ids())
    comments = with_history(search.apply(returned_to_queue()))
    context = _list_context(request, "reported", search, comments, CommentStatus.APPROVED)
    reports = open_reports_by_clause([item.comment for item in context["items"]])
    for item in context["items"]:
        item.reports = reports.get(item.comment.pk, [])
    return render(request, "moderators/reported.html", context)
