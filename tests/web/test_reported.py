"""Published comments readers reported come back to the desk, with their reports."""

from __future__ import annotations

import re

import pytest

from civility.comments.models import CommentStatus
from civility.threads import reports
from civility.threads.visitor import Visitor

pytestmark = pytest.mark.postgres


def report(comment, clause, n):
    for _ in range(n):
        reports.report_comment(comment, clause_id=clause, visitor=Visitor.fresh())


def test_a_reported_comment_is_listed_with_its_reports_and_a_decision_closes_them(
    client, moderator, post, settings
):
    settings.CIVILITY_REPORT_THRESHOLD = 3
    comment = post("Published, then reported.").comment
    quiet = post("Published, reported once.", author_email="q@example.org").comment
    report(comment, "personal_attacks", 2)
    report(comment, "abuse", 1)
    report(quiet, "abuse", 1)
    client.force_login(moderator)
    html = client.get("/moderate/reported/").content.decode()
    listed = re.findall(r'class="queue-item__text"[^>]*>(.*?)</p>', html)
    assert [re.sub("<[^>]+>", "", t) for t in listed] == ["Published, then reported."]
    assert "Readers reported it: Personal attacks ×2, Abuse ×1" in html
    assert "Keep published" in html
    assert "1 published comment reported by readers." in html
    response = client.post(
        f"/moderate/comments/{comment.pk}/decide/", {"status": "approved", "view": "reported"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert "No reported comments are waiting." in client.get("/moderate/reported/").content.decode()
