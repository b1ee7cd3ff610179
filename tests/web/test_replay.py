"""Replay before going live, learning the newsroom's line, exporting decisions.

The engine really runs here (training/evidence.py gathers what the policy
reads), so the drafts are judged by the shipped models and rules.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from django.contrib.auth.models import Group, User

from civility.cli import main
from civility.comments import actions
from civility.errors import PermissionDenied, ValidationFailed
from civility.guidelines import drafts, site_policy
from civility.guidelines.models import PolicyDraft, PolicyVersion
from civility.moderation import load_policy
from civility.moderators import replay
from civility.posting.service import post_comment

pytestmark = pytest.mark.postgres

CIVIL = (
    "The ceasefire in Aleppo matters for every family there.",
    "Russia's statement in Geneva deserves a careful reading.",
    "I hope the Geneva talks continue despite the fighting.",
)
# Every English comment held: what a too-cautious draft would do.
HOLD_ALL_ENGLISH = {"languages": {"en": {"violation_review_at": 0.0}}}


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def civil_comments(post):
    return [post(text, author_email=f"c{i}@example.org").comment for i, text in enumerate(CIVIL)]


def test_a_replay_shows_what_would_change_and_changes_nothing(editor, civil_comments):
    draft = drafts.create_draft(name="cautious", actor=editor, changes=HOLD_ALL_ENGLISH)
    found = replay.run_replay(draft, actor=editor)
    assert found.comments == 3 and found.changed == 3
    assert found.counts == {"violation": {"approve→review": 3}}
    assert sorted(found.examples["violation"]["approve→review"]) == sorted(
        c.pk for c in civil_comments
    )
    assert found.policy_before == load_policy().label
    assert found.policy_after.endswith("+sitedraft") and found.model_version
    # Nothing changed: no version in force, no decision written.
    assert not PolicyVersion.objects.exists()
    assert all(c.decisions.count() == 1 for c in civil_comments)


def test_an_editor_applies_a_draft_and_the_next_post_follows_it(editor, moderator, article):
    draft = drafts.create_draft(name="cautious", actor=editor, changes=HOLD_ALL_ENGLISH)
    with pytest.raises(PermissionDenied):
        drafts.apply_draft(draft, actor=moderator)
    version = drafts.apply_draft(draft, actor=editor)
    assert site_policy.policy().label == version.label == f"{load_policy().label}+site{version.pk}"
    held = post_comment(
        article=article, text=CIVIL[0], author_name="A", author_email="a@example.org"
    )
    assert held.status == "pending"
    assert version.label in held.decision.engine_version
    with pytest.raises(ValidationFailed):
        drafts.apply_draft(draft, actor=editor)


def test_a_policy_file_that_does_not_load_is_refused_naming_the_problem(editor):
    with pytest.raises(ValidationFailed) as refused:
        drafts.create_draft(name="broken", actor=editor, source="[policy]\nname = 'x'\n")
    assert "clause" in refused.value.message
    assert not PolicyDraft.objects.exists()


def test_learning_suggests_from_the_moderators_decisions(post, moderator):
    for i, text in enumerate(CIVIL):
        comment = post(text, decision="review", author_email=f"h{i}@example.org").comment
        actions.decide(comment, status="approved", actor=moderator)
    draft = replay.suggest_draft(actor=moderator)
    table = draft.suggestion
    assert draft.origin == "learned" and table["decided"] == 3
    assert table["breaches_published"] == 0
    assert table["held_before"] >= table["held_after"]
    assert {"clause", "decided", "held_after"} <= set(table["rows"][0])


def test_nothing_to_learn_from_says_so(db):
    with pytest.raises(ValidationFailed) as refused:
        replay.suggest_draft()
    assert refused.value.code == "nothing_to_learn"


def test_the_command_line_replays_a_file(tmp_path, civil_comments, capsys):
    text = resources.files("civility.moderation").joinpath("default_policy.toml").read_text()
    path = tmp_path / "new.toml"
    path.write_text(
        text.replace('[languages.en]\nmode = "full"', '[languages.en]\nmode = "review"')
    )
    assert main(["policy", "replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert "replayed 3 comments: 3 would be decided differently" in out
    assert "approve→review" in out and "nothing changes until an editor applies it" in out
    assert not PolicyVersion.objects.exists()


def test_export_writes_labelled_decisions_without_personal_data(tmp_path, post, moderator):
    kept = post("Held then approved.", decision="review", author_email="x@private.example")
    actions.decide(kept.comment, status="approved", actor=moderator)
    gone = post("Held then rejected.", decision="review", author_email="y@private.example")
    actions.decide(gone.comment, status="rejected", clause_id="abuse", actor=moderator)
    post("Never seen by a person.", decision="approve", author_email="z@private.example")
    out = tmp_path / "decisions.jsonl"
    assert main(["decisions", "export", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["text"], r["labels"]["violation"]) for r in rows] == [
        ("Held then approved.", 0),
        ("Held then rejected.", 1),
    ]
    assert rows[1]["clause_id"] == "abuse"
    assert "private.example" not in out.read_text() and "Shilan" not in out.read_text()


def _admin_as(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_admin_replays_in_the_background_and_shows_it_running(
    editor, civil_comments, database_tasks
):
    draft = drafts.create_draft(name="cautious", actor=editor, changes=HOLD_ALL_ENGLISH)
    client = _admin_as(editor)
    page = f"/admin/guidelines/policydraft/{draft.pk}/change/"
    answer = client.post(f"/admin/guidelines/policydraft/{draft.pk}/replay/", follow=True)
    assert "Replay running in the background" in answer.content.decode()
    assert "Running since" in client.get(page).content.decode()
    assert draft.replays.get().finished_at is None

    database_tasks()  # `civility worker`
    done = draft.replays.get()
    assert done.finished_at is not None and done.changed == 3 and not done.error
    html = client.get(page).content.decode()
    assert "Running since" not in html and "would be decided differently" in html
    assert not PolicyVersion.objects.exists()


def test_a_failed_replay_says_so_on_the_draft(editor, civil_comments, database_tasks, monkeypatch):
    from civility.background.models import FailedTask

    draft = drafts.create_draft(name="cautious", actor=editor, changes=HOLD_ALL_ENGLISH)
    client = _admin_as(editor)
    client.post(f"/admin/guidelines/policydraft/{draft.pk}/replay/")
    monkeypatch.setattr(replay, "_gather", lambda *a: (_ for _ in ()).throw(OSError("no models")))
    database_tasks()
    assert draft.replays.get().error == "OSError: no models"
    html = client.get(f"/admin/guidelines/policydraft/{draft.pk}/change/").content.decode()
    assert "failed: OSError: no models" in html
    assert FailedTask.objects.get().task_path == "civility.moderators.replay.replay_task"


def test_the_admin_learns_in_the_background(editor, post, moderator, database_tasks):
    client = _admin_as(editor)
    refused = client.post("/admin/guidelines/policydraft/learn/", follow=True)
    assert "No decisions by moderators to learn from yet." in refused.content.decode()

    for i, text in enumerate(CIVIL):
        comment = post(text, decision="review", author_email=f"h{i}@example.org").comment
        actions.decide(comment, status="approved", actor=moderator)
    answer = client.post("/admin/guidelines/policydraft/learn/", follow=True)
    assert "in the background" in answer.content.decode()
    assert not PolicyDraft.objects.exists()
    database_tasks()
    draft = PolicyDraft.objects.get()
    assert draft.origin == "learned" and draft.created_by == editor
    assert draft.suggestion["decided"] == 3
    assert draft.replays.get().finished_at is not None
