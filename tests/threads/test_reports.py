"""Reporting a published comment, until it returns to the queue (threads/reports.py)."""

from __future__ import annotations

import pytest

from civility.comments import actions
from civility.comments.models import CommentStatus, DecisionRecord
from civility.errors import NotFound, RateLimited, ValidationFailed
from civility.threads import reports
from civility.threads.models import Report
from civility.threads.visitor import Visitor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def report(comment, visitor, clause="personal_attacks", ip=None):
    return reports.report_comment(comment, clause_id=clause, visitor=visitor, ip=ip)


def test_reports_return_the_comment_to_the_queue_at_the_threshold(published, readers, settings):
    settings.CIVILITY_REPORT_THRESHOLD = 3
    first, second, third = readers(3)
    assert report(published, first).open_reports == 1
    assert not report(published, second).returned
    assert list(reports.returned_to_queue()) == []

    third_report = report(published, third, clause="abuse")
    assert third_report.returned and not third_report.hidden
    published.refresh_from_db()
    assert published.status == CommentStatus.APPROVED  # still published
    [queued] = reports.returned_to_queue()
    assert queued == published and queued.open_report_count == 3

    # The log says why, citing the most reported clause, with the counts.
    returned = published.latest_decision
    assert returned.actor is None and returned.status == CommentStatus.APPROVED
    assert returned.clause_id == "personal_attacks"
    assert returned.note == (
        "3 reader reports (personal_attacks ×2, abuse ×1): returned to the moderators' queue."
    )
    assert [(r["clause_id"], r["score"]) for r in returned.evidence] == [
        ("personal_attacks", 2),
        ("abuse", 1),
    ]


def test_a_moderators_decision_is_the_outcome_of_the_open_reports(
    published, readers, moderator, settings
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    for visitor in readers(2):
        report(published, visitor)
    assert list(reports.returned_to_queue()) == [published]
    decision = actions.decide(published, status=CommentStatus.APPROVED, actor=moderator)
    assert list(reports.returned_to_queue()) == []
    assert reports.open_reports(published).count() == 0
    assert [r.decided_by for r in reports.reports_of(published)] == [decision, decision]

    # New reports after the decision count from zero again.
    late = report(published, Visitor.fresh())
    assert late.open_reports == 1 and not late.returned
    assert reports.reports_of(published)[-1].decided_by is None


def test_the_second_threshold_hides_the_comment_at_once(published, readers, settings):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    settings.CIVILITY_REPORT_HIDE_THRESHOLD = 3
    outcomes = [report(published, v) for v in readers(3)]
    assert [(o.returned, o.hidden) for o in outcomes] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    published.refresh_from_db()
    assert published.status == CommentStatus.PENDING  # hidden, in the held queue
    statuses = list(published.decisions.values_list("status", "actor"))
    assert statuses == [
        ("approved", None),  # the engine published it
        ("approved", None),  # two reports: back to the queue, still published
        ("pending", None),  # three: hidden until a moderator decides
    ]


def test_one_report_per_reader_and_per_address(published, readers):
    one, other = readers(2)
    assert report(published, one, ip="192.0.2.1").created
    again = report(published, one, clause="abuse")
    assert not again.created and again.open_reports == 1
    # Another browser from the same address is the same reporter for this comment.
    assert not report(published, other, ip="192.0.2.1").created
    assert Report.objects.count() == 1
    # The key and the address are kept only as keyed hashes.
    stored = Report.objects.get()
    assert one.key not in stored.reporter and "192.0.2.1" not in stored.address


def test_reports_are_rate_limited_per_address(published, post, readers, settings):
    from civility.web.config import Rate

    settings.CIVILITY_RATE_LIMIT_REPORTS = Rate(2, 3600)
    others = [post(f"Another published comment, number {n}.").comment for n in range(3)]
    reader = Visitor.fresh()
    report(others[0], reader, ip="192.0.2.9")
    report(others[1], reader, ip="192.0.2.9")
    with pytest.raises(RateLimited):
        report(others[2], reader, ip="192.0.2.9")


def test_only_published_comments_and_prohibiting_clauses(post, published):
    held = post("Something borderline.", decision="review").comment
    with pytest.raises(NotFound):
        report(held, Visitor.fresh())
    with pytest.raises(ValidationFailed) as refused:
        report(published, Visitor.fresh(), clause="criticism")  # a welcome clause
    assert refused.value.code == "unknown_clause"
    with pytest.raises(ValidationFailed) as refused:
        report(published, Visitor.fresh(), clause="")
    assert refused.value.code == "clause_required"
    assert not Report.objects.exists()


def test_reports_are_never_changed(published):
    report(published, Visitor.fresh())
    stored = Report.objects.get()
    stored.clause_id = "abuse"
    with pytest.raises(Exception, match="never changed"):
        stored.save()
    with pytest.raises(Exception, match="never deleted"):
        stored.delete()
    assert DecisionRecord.objects.filter(comment=published).count() == 1
