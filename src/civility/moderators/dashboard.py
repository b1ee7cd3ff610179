"""The dashboard: what the desk and the engine did, in charts, with every number as CSV.

Charts are drawn by Chart.js (vendored from npm with its licence in
static/civility/js/vendor/), from the same numbers as each chart's data
table and CSV download (stats.py).
"""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import stats
from .views import moderator_required

DAYS = (7, 30, 90)


def _days(request: HttpRequest) -> int:
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    return days if days in DAYS else 30


@moderator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    with stats.one_reading():
        charts = [make(days) for make in stats.CHARTS.values()]
    return render(
        request,
        "moderators/dashboard.html",
        {
            "tab": "dashboard",
            "days": days,
            "choices": DAYS,
            "charts": charts,
            "chart_data": [c.to_json() for c in charts],
        },
    )


@moderator_required
def chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    """One chart's numbers as CSV: a label column, then one column per series."""
    make = stats.CHARTS.get(chart)
    if make is None:
        raise Http404("No such chart.")
    days = _days(request)
    found = make(days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="civility-{chart}-{days}d.csv"'
    writer = csv.writer(response)
    writer.writerow(found.header())
    for row in found.rows():
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return response


def _safe(value):
    """A cell a spreadsheet will not run: text starting with = + - @ gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
