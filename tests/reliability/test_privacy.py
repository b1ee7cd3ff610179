"""Privacy: IP addresses only as keyed hashes, their retention, export and erasure.

Runs on SQLite and again on PostgreSQL: erasure depends on each vendor's
trigger allowing exactly the erasure and still refusing every edit.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction

from civility.cli import main
from civility.comments import triggers
from civility.comments.actions import decide
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.privacy import addresses, commenters

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def post(post):
    """post(text, email=..., name=..., ip=..., now=...) -> the stored comment."""

    def _post(text, email="shilan@example.org", name="Shilan", ip="192.0.2.7", now=NOW):
        return post(text, author_email=email, author_name=name, ip_address=ip, now=now).comment

    return _post


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- IP hashes ---------------------------------------------------------------------


def test_ip_hash_is_keyed_canonical_and_never_the_address(settings):
    settings.CIVILITY_IP_HASH_KEY = "key-one"
    first = addresses.hash_ip("192.0.2.7")
    assert len(first) == 64 and "192" not in first
    assert addresses.hash_ip("::ffff:192.0.2.7") == first  # one reader, two spellings
    assert addresses.hash_ip("2001:DB8::1") == addresses.hash_ip("2001:db8:0::1")
    assert addresses.hash_ip("192.0.2.8") != first
    settings.CIVILITY_IP_HASH_KEY = "key-two"
    assert addresses.hash_ip("192.0.2.7") != first  # without the key, no dictionary attack
    for nothing in (None, "", "not an address", "unknown"):
        assert addresses.hash_ip(nothing) is None


def test_default_key_derives_from_the_secret_key(settings):
    settings.CIVILITY_IP_HASH_KEY = ""
    settings.SECRET_KEY = "secret-a"
    a = addresses.hash_ip("192.0.2.7")
    settings.SECRET_KEY = "secret-b"
    assert addresses.hash_ip("192.0.2.7") != a


def test_posting_through_the_api_stores_only_the_hash(client, article, engine_answers):
    response = client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps({"author_name": "A", "author_email": "a@example.org", "text": "Fair point."}),
        content_type="application/json",
        REMOTE_ADDR="198.51.100.23",
    )
    assert response.status_code == 201, response.content
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.ip_hash == addresses.hash_ip("198.51.100.23")
    stored = json.dumps(list(Comment.objects.filter(pk=comment.pk).values())[0], default=str)
    assert "198.51.100.23" not in stored


def test_purge_erases_hashes_past_retention_only(post, settings):
    settings.CIVILITY_IP_RETENTION_DAYS = 30
    old = post("An old comment.", now=NOW - dt.timedelta(days=31))
    recent = post("A recent comment.", now=NOW - dt.timedelta(days=29))
    assert commenters.purge_ip_hashes(now=NOW) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_hash is None and recent.ip_hash is not None
    assert old.text == "An old comment." and old.author_name == "Shilan"
    assert commenters.purge_ip_hashes(now=NOW) == 0  # idempotent


def test_purge_ips_command_uses_the_setting_or_days(post, settings, capsys):
    post("Long ago.", now=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    post("Just now.", now=dt.datetime.now(dt.UTC))
    settings.CIVILITY_IP_RETENTION_DAYS = 30
    assert main(["privacy", "purge-ips"]) == 0
    assert "Erased 1 IP address hash(es) older than 30 day(s)." in capsys.readouterr().out
    assert main(["privacy", "purge-ips", "--days", "0"]) == 0
    assert "Erased 1 " in capsys.readouterr().out
    assert not Comment.objects.filter(ip_hash__isnull=False).exists()


def test_the_database_refuses_setting_an_ip_hash(post):
    comment = post("A comment.")
    with pytest.raises(IntegrityError):
        _raw("UPDATE comments_comment SET ip_hash = %s WHERE id = %s", ["f" * 64, comment.pk])


# --- export ------------------------------------------------------------------------


def test_export_gathers_every_comment_of_the_address(post, moderator):
    first = post("First thought.")
    second = post("Second thought.", email="Shilan@Example.org")
    post("Someone else.", email="other@example.org", name="Other")
    decide(second, status="rejected", actor=moderator, clause_id="personal_attacks")

    data = commenters.export_commenter("SHILAN@example.org", now=NOW)
    assert data["format"] == commenters.EXPORT_FORMAT
    assert [c["id"] for c in data["comments"]] == [first.pk, second.pk]
    assert data["comments"][0]["text"] == "First thought."
    assert data["comments"][0]["ip_address_hash"] == first.ip_hash
    decisions = data["comments"][1]["decisions"]
    assert [d["status"] for d in decisions] == ["approved", "rejected"]
    assert [d["decided_by"] for d in decisions] == ["automatic moderation", "a moderator"]
    # The moderator's identity is not the commenter's data.
    assert moderator.email not in json.dumps(decisions)
    assert not any({"actor", "username"} & set(d) for d in decisions)


def test_export_command_prints_json_and_refuses_a_non_address(post, capsys, tmp_path):
    post("First thought.")
    assert main(["privacy", "export", "shilan@example.org"]) == 0
    assert json.loads(capsys.readouterr().out)["comments"][0]["text"] == "First thought."
    out = tmp_path / "export.json"
    assert main(["privacy", "export", "shilan@example.org", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text())["comments"]) == 1
    assert main(["privacy", "export", "not-an-address"]) == 2


# --- erasure -----------------------------------------------------------------------


def _decision_log():
    return list(DecisionRecord.objects.order_by("id").values())


def test_erasure_removes_name_email_and_ip_and_keeps_text_and_decisions(post, moderator):
    mine = [post("First thought."), post("Second thought.", email="SHILAN@example.org")]
    other = post("Someone else.", email="other@example.org", name="Other")
    decide(mine[0], status="rejected", actor=moderator, clause_id="personal_attacks")
    log_before = _decision_log()

    erasure = commenters.erase_commenter("shilan@example.org", now=NOW)

    assert erasure.count == 2 and set(erasure.comment_ids) == {c.pk for c in mine}
    for comment in mine:
        comment.refresh_from_db()
        assert comment.author_name == triggers.ERASED_NAME
        assert comment.author_email == triggers.ERASED_EMAIL
        assert comment.content_hash == triggers.ERASED_CONTENT_HASH
        assert comment.ip_hash is None and comment.erased_at == NOW
    assert [c.text for c in mine] == ["First thought.", "Second thought."]
    assert mine[0].status == CommentStatus.REJECTED  # still the latest decision
    assert _decision_log() == log_before  # the log is untouched
    other.refresh_from_db()
    assert (other.author_name, other.author_email) == ("Other", "other@example.org")
    assert other.ip_hash is not None
    # Nothing is left to find by the address, and a second erasure changes nothing.
    assert commenters.export_commenter("shilan@example.org")["comments"] == []
    assert commenters.erase_commenter("shilan@example.org").count == 0


def test_an_erased_comment_stays_in_the_thread_under_the_placeholder(client, post, article):
    post("First thought.")
    commenters.erase_commenter("shilan@example.org")
    thread = client.get(f"/api/articles/{article.slug}/comments").json()["comments"]
    # The API says so as data (erased: true, no name), not as the stored placeholder
    # text, which is English and would be shown as a name (docs/api.md).
    assert [(c["author_name"], c["erased"], c["text"]) for c in thread] == [
        ("", True, "First thought.")
    ]


def test_the_trigger_still_refuses_every_ordinary_edit(post):
    comment = post("First thought.")
    placeholder = [triggers.ERASED_NAME, triggers.ERASED_EMAIL, triggers.ERASED_CONTENT_HASH]
    refused = [
        # A new name is an edit, not an erasure.
        ("UPDATE comments_comment SET author_name = %s WHERE id = %s", ["Someone", comment.pk]),
        # Placeholders without erased_at, or only some of them, are not an erasure.
        (
            "UPDATE comments_comment SET author_name = %s, author_email = %s, "
            "content_hash = %s, ip_hash = NULL WHERE id = %s",
            [*placeholder, comment.pk],
        ),
        (
            "UPDATE comments_comment SET author_name = %s, erased_at = %s WHERE id = %s",
            [triggers.ERASED_NAME, NOW, comment.pk],
        ),
        # Erasing while keeping the IP hash is not an erasure either.
        (
            "UPDATE comments_comment SET author_name = %s, author_email = %s, "
            "content_hash = %s, erased_at = %s WHERE id = %s",
            [*placeholder, NOW, comment.pk],
        ),
        # Erasure never touches the text.
        (
            "UPDATE comments_comment SET author_name = %s, author_email = %s, "
            "content_hash = %s, ip_hash = NULL, erased_at = %s, text = 'gone' WHERE id = %s",
            [*placeholder, NOW, comment.pk],
        ),
    ]
    for sql, params in refused:
        with pytest.raises(IntegrityError):
            _raw(sql, params)

    commenters.erase_commenter("shilan@example.org", now=NOW)
    after = [
        ("UPDATE comments_comment SET text = 'edited' WHERE id = %s", [comment.pk]),
        ("UPDATE comments_comment SET author_name = 'Back' WHERE id = %s", [comment.pk]),
        ("UPDATE comments_comment SET erased_at = NULL WHERE id = %s", [comment.pk]),
        (
            "UPDATE comments_comment SET erased_at = %s WHERE id = %s",
            [NOW - dt.timedelta(1), comment.pk],
        ),
        ("DELETE FROM comments_decision WHERE comment_id = %s", [comment.pk]),
    ]
    for sql, params in after:
        with pytest.raises(IntegrityError):
            _raw(sql, params)
    comment.refresh_from_db()
    assert comment.text == "First thought." and comment.erased_at == NOW


def test_erase_command_asks_unless_yes(post, capsys, monkeypatch):
    post("First thought.")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    assert main(["privacy", "erase", "shilan@example.org"]) == 2
    assert "1 comment(s) would be erased" in capsys.readouterr().err
    assert Comment.objects.get().erased_at is None
    assert main(["privacy", "erase", "shilan@example.org", "--yes"]) == 0
    assert "Erased the name and e-mail of 1 comment(s)" in capsys.readouterr().out
    assert Comment.objects.get().author_name == triggers.ERASED_NAME


def test_admin_exports_and_erases_for_superusers_only(client, post, moderator):
    comment = post("First thought.")
    url = "/admin/comments/comment/"
    client.force_login(moderator)
    client.post(url, {"action": "erase_authors", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.erased_at is None  # a moderator may not

    admin = User.objects.create_superuser("boss", password="pw-for-tests-only")
    client.force_login(admin)
    exported = client.post(url, {"action": "export_authors", "_selected_action": [comment.pk]})
    assert exported["Content-Type"] == "application/json"
    assert json.loads(exported.content)[0]["comments"][0]["text"] == "First thought."

    confirm = client.post(url, {"action": "erase_authors", "_selected_action": [comment.pk]})
    assert confirm.status_code == 200 and b"cannot be undone" in confirm.content
    comment.refresh_from_db()
    assert comment.erased_at is None  # asked, not yet done
    done = client.post(
        url, {"action": "erase_authors", "_selected_action": [comment.pk], "confirm": "yes"}
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    assert comment.author_name == triggers.ERASED_NAME


def test_privacy_command_help_runs_without_a_database():
    done = subprocess.run(
        [sys.executable, "-m", "civility", "privacy", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "purge-ips" in done.stdout
