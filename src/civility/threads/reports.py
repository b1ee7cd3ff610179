"""A reader reports a published comment: ``report_comment``, and the open reports.

Any reader may report a published comment, choosing the guideline it breaks
(a clause the policy prohibits). Reports are counted once per reader (their
browser's key, visitor.py) and once per address for each comment, and rate
limited per address (``CIVILITY_RATE_LIMIT_REPORTS``).

A report is *open* until a moderator decides on the comment after it: the
moderator's decision is its outcome, in the comment's log. When the open
reports reach ``CIVILITY_REPORT_THRESHOLD`` the comment returns to the
moderators' queue: the system writes a decision that keeps it published and
says why (``comments.actions.return_to_queue``); at
``CIVILITY_REPORT_HIDE_THRESHOLD`` another one holds it, hidden, until a
moderator decides. Each report and each of those decisions is a row that is
never changed, so the log shows who (a keyed hash, for readers), when, which
guideline, and what followed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateTimeField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from civility.abuse import rate_limits as limits
from civility.comments import actions
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import NotFound, ValidationFailed
from civility.guidelines import site_policy
from civility.privacy.addresses import hash_ip

from .models import Report
from .signals import after_commit_thread_changed, comment_reported
from .visitor import Visitor

# Before any decision by a person, every report is open.
_BEGINNING = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ReportOutcome:
    report: Report | None  # None: this reader (or address) had already reported it
    open_reports: int
    returned: bool = False  # this report sent the comment back to the queue
    hidden: bool = False  # this report hid it

    @property
    def created(self) -> bool:
        return self.report is not None


def reportable_clauses():
    """The clauses a reader may cite: what the guidelines prohibit."""
    return [c for c in site_policy.clauses() if c.prohibits]


def report_comment(
    comment, *, clause_id: str, visitor: Visitor, ip: str | None = None, now=None
) -> ReportOutcome:
    """Record one reader's report; return the comment to the queue at the threshold."""
    clause_id = (clause_id or "").strip()
    if not clause_id:
        raise ValidationFailed(
            "Choose the guideline this comment breaks.", field="clause_id", code="clause_required"
        )
    clause = next((c for c in reportable_clauses() if c.id == clause_id), None)
    if clause is None:
        raise ValidationFailed(
            "No such guideline clause.", field="clause_id", code="unknown_clause"
        )
    pk = getattr(comment, "pk", comment)
    published = Comment.objects.filter(pk=pk, status=CommentStatus.APPROVED).first()
    if published is None:
        raise NotFound("No such comment.", field="comment", code="comment_not_found")
    reporter, address = visitor.reporter(), hash_ip(ip) or ""
    if _already(published, reporter, address):
        return ReportOutcome(None, open_reports(published).count())
    if ip:
        limits.hit("report", ip, settings.CIVILITY_RATE_LIMIT_REPORTS)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=published.pk)
        if locked.status != CommentStatus.APPROVED:  # decided while we checked
            raise NotFound("No such comment.", field="comment", code="comment_not_found")
        if _already(locked, reporter, address):  # the same reader, twice at once
            return ReportOutcome(None, open_reports(locked).count())
        report = Report.objects.create(
            comment=locked,
            clause_id=clause.id,
            guideline=clause.text,
            reporter=reporter,
            address=address,
            created_at=now,
        )
        outcome = _threshold(locked, report, now)
        transaction.on_commit(
            lambda: comment_reported.send(
                sender=Report,
                report=report,
                comment=locked,
                returned=outcome.returned,
                hidden=outcome.hidden,
            )
        )
        if outcome.hidden:
            after_commit_thread_changed(locked.article_id)
    return outcome


def _already(comment, reporter: str, address: str) -> bool:
    same = Q(reporter=reporter) | (Q(address=address) if address else Q(pk__in=[]))
    return Report.objects.filter(same, comment=comment).exists()


def _threshold(comment, report: Report, now) -> ReportOutcome:
    """Return the comment to the queue, or hide it, when this report reaches a threshold."""
    reports = list(open_reports(comment))
    count = len(reports)
    returned = hidden = False
    hide_at = settings.CIVILITY_REPORT_HIDE_THRESHOLD
    if hide_at and count == hide_at:
        hidden = True
    elif count == settings.CIVILITY_REPORT_THRESHOLD and not (hide_at and count > hide_at):
        returned = True
    if returned or hidden:
        clauses = Counter(r.clause_id for r in reports)
        actions.return_to_queue(
            comment,
            hide=hidden,
            clause_id=clauses.most_common(1)[0][0],
            note=_note(count, clauses, hidden),
            reports={cid: n for cid, n in clauses.most_common()},
            now=now,
        )
    return ReportOutcome(report, count, returned=returned, hidden=hidden)


def _note(count: int, clauses: Counter, hidden: bool) -> str:
    cited = ", ".join(f"{cid} ×{n}" for cid, n in clauses.most_common())
    what = "hidden and held for a moderator" if hidden else "returned to the moderators' queue"
    return f"{count} reader reports ({cited}): {what}."


def open_reports(comment):
    """The reports no moderator has decided on yet, oldest first."""
    latest = (
        DecisionRecord.objects.filter(comment=comment, actor__isnull=False)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )
    reports = Report.objects.filter(comment=comment)
    if latest is not None:
        reports = reports.filter(created_at__gt=latest)
    return reports.order_by("created_at", "id")


def reports_of(comment):
    """Every report on the comment, oldest first, each with ``decided_by``: the
    decision by a person that followed it (its outcome), or None while open."""
    decisions = list(
        DecisionRecord.objects.filter(comment=comment, actor__isnull=False)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    reports = list(Report.objects.filter(comment=comment).order_by("created_at", "id"))
    for report in reports:
        report.decided_by = next((d for d in decisions if d.created_at > report.created_at), None)
    return reports


def returned_to_queue():
    """Published comments whose open reports reached the threshold, most reported first.

    Each carries ``open_report_count``. The held queue (status pending)
    already holds the comments that reports hid.
    """
    last = (
        DecisionRecord.objects.filter(comment=OuterRef("pk"), actor__isnull=False)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    open_count = (
        Report.objects.filter(comment=OuterRef("pk"), created_at__gt=OuterRef("person_decided_at"))
        .values("comment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Comment.objects.approved()
        .filter(pk__in=Report.objects.values("comment"))
        .annotate(
            person_decided_at=Coalesce(
                Subquery(last), Value(_BEGINNING), output_field=DateTimeField()
            )
        )
        .annotate(open_report_count=Coalesce(Subquery(open_count), Value(0)))
        .filter(open_report_count__gte=settings.CIVILITY_REPORT_THRESHOLD)
        .order_by("-open_report_count", "created_at", "id")
    )
