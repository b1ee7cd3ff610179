"""The admin: comments read-only, decisions through the actions, thresholds for editors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.guidelines.models import ClauseThreshold

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


def test_admin_pages_render(client, editor, post):
    comment = post(decision="review").comment
    client.force_login(editor)
    for url in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/comments/comment/",
        f"/admin/comments/comment/{comment.pk}/change/",
        "/admin/comments/decisionrecord/",
        "/admin/guidelines/clausethreshold/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_actions_record_decisions(client, editor, post):
    comment = post(decision="review").comment
    client.force_login(editor)
    response = client.post(
        "/admin/comments/comment/",
        {"action": "reject_personal_attacks", "_selected_action": [comment.pk]},
    )
    assert response.status_code == 302
    decision = DecisionRecord.objects.filter(comment=comment).latest("created_at")
    assert (decision.status, decision.actor, decision.clause_id) == (
        "rejected",
        editor,
        "personal_attacks",
    )
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.REJECTED


def test_editors_set_clause_thresholds_checked(client, editor):
    client.force_login(editor)
    bad = client.post(
        "/admin/guidelines/clausethreshold/add/",
        {"clause_id": "personal_attacks", "review_at": "0.9", "reject_at": "0.5"},
    )
    assert bad.status_code == 200 and "Hold at a lower score" in bad.content.decode()
    ok = client.post(
        "/admin/guidelines/clausethreshold/add/",
        {"clause_id": "personal_attacks", "review_at": "0.4", "reject_at": "0.8"},
    )
    assert ok.status_code == 302
    row = ClauseThreshold.objects.get()
    assert (row.review_at, row.reject_at, row.updated_by) == (0.4, 0.8, editor)


def test_site_thresholds_reach_the_engine(editor):
    """A threshold row changes the policy the engine is built with."""
    from civility.guidelines.site_policy import policy as load_site_policy

    ClauseThreshold.objects.create(clause_id="personal_attacks", reject_at=0.99, review_at=0.1)
    clause = load_site_policy().clause("personal_attacks")
    assert (clause.reject_at, clause.review_at) == (0.99, 0.1)


def test_an_empty_threshold_keeps_the_policys_value():
    from civility.guidelines.site_policy import policy as load_site_policy
    from civility.moderation import load_policy

    shipped = load_policy().clause("threats")
    ClauseThreshold.objects.create(clause_id="threats", review_at=0.05)
    clause = load_site_policy().clause("threats")
    assert clause.review_at == 0.05
    assert clause.reject_at == shipped.reject_at


def test_staff_outside_the_moderators_cannot_decide_from_the_admin(client, post):
    from django.contrib.auth.models import Permission

    comment = post(decision="review").comment
    clerk = User.objects.create_user("clerk", password="pw-for-tests-only", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(clerk)
    page = client.get("/admin/comments/comment/")
    assert page.status_code == 200
    assert "reject_personal_attacks" not in page.content.decode()
    client.post(
        "/admin/comments/comment/",
        {"action": "approve_selected", "_selected_action": [comment.pk]},
    )
    assert DecisionRecord.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING
