"""The transparency report, the EU statement-of-reasons export and its field list (docs/law.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from civility.cli import main
from civility.commenters.actions import impose_sanction
from civility.comments import actions as comment_actions
from civility.law import actions, sor_fields, transparency

DOCS = Path(__file__).resolve().parents[2] / "docs" / "law.md"

# The records and their counts, on SQLite and again on PostgreSQL (./run test).
pytestmark = pytest.mark.postgres


@pytest.fixture
def period():
    today = timezone.now().date()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=dt.UTC)
    return start, start + dt.timedelta(days=1)


@pytest.fixture
def history(settings, post, moderator):
    """One of each: an automatic rejection, a person's, a hide after reports, a
    notice found illegal, an appeal reversed, a sanction."""
    settings.CIVILITY_DSA = True
    settings.CIVILITY_SITE_URL = "https://comments.example.org"
    other = User.objects.create_user("mod2", password="x-long-password-2")
    other.groups.add(Group.objects.get(name="moderators"))
    automatic = post("You idiot.", decision="reject", author_email="a@private.example").comment
    held = post("Held first.", decision="review", author_name="Private Person").comment
    comment_actions.decide(held, status="rejected", actor=moderator, clause_id="personal_attacks")
    appeal = actions.file_appeal(held, text="Please.")
    actions.decide_appeal(appeal, actor=other, reverse=True, reason="Fair criticism.")
    reported = post("Reported later.").comment
    comment_actions.return_to_queue(
        reported, hide=True, clause_id="abuse", note="10 reports", reports={"abuse": 10}
    )
    notified = post("A threat, published.").comment
    notice = actions.file_notice(
        notified,
        law="Threats",
        explanation="A threat.",
        good_faith=True,
        contact_email="notifier@private.example",
        contact_name="Notifier Name",
    )
    actions.decide_notice(
        notice,
        actor=moderator,
        legality="illegal",
        legal_ground="Criminal Code § 111",
        explanation="A threat against a person.",
        clause_id="threats",
    )
    impose_sanction(automatic, kind="suspend", days=7, actor=moderator, reason="Insults.")
    return {"automatic": automatic, "held": held, "reported": reported, "notified": notified}


def test_the_report_counts_each_kind(history, period):
    found = transparency.report(*period)
    decisions = found["decisions"]
    assert decisions["by_clause"] == {"personal_attacks": 2, "abuse": 1, "threats": 1}
    assert decisions["restricting"] == 4
    assert decisions["automated"] == 2 and decisions["by_person"] == 2
    assert decisions["median_seconds_to_person_decision"] is not None
    assert found["notices"]["received"] == 1 and found["notices"]["outcomes"]["illegal"] == 1
    assert found["appeals"] == {
        "received": 1,
        "open": 0,
        "reversed": 1,
        "confirmed": 0,
        "median_seconds_to_decision": found["appeals"]["median_seconds_to_decision"],
    }
    assert found["sanctions"]["imposed"] == 1 and found["sanctions"]["by_kind"]["suspend"] == 1


def test_every_exported_statement_has_exactly_the_eu_fields_with_allowed_values(history, period):
    rows = transparency.sor_rows(*period)
    assert len(rows) == 5  # four restricting decisions and a sanction
    for row in rows:
        assert tuple(row) == sor_fields.SOR_FIELDS
        assert row["decision_ground"] in sor_fields.DECISION_GROUNDS
        assert row["category"] in sor_fields.CATEGORIES
        assert row["source_type"] in sor_fields.SOURCE_TYPES
        assert row["automated_detection"] in sor_fields.YES_NO
        assert row["automated_decision"] in sor_fields.YES_NO
        assert row["content_type"] == ["CONTENT_TYPE_TEXT"]
        assert row["decision_visibility"] in (None, *sor_fields.DECISION_VISIBILITIES)
        assert row["decision_account"] in (None, *sor_fields.DECISION_ACCOUNTS)
        # The database's "at least one decision" rule.
        assert row["decision_visibility"] or row["decision_account"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d-\d\d", row["application_date"])
        assert row["url"].startswith("https://comments.example.org/") and row["puid"]
    illegal = [r for r in rows if r["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"]
    assert [r["illegal_content_legal_ground"] for r in illegal] == ["Criminal Code § 111"]
    assert illegal[0]["source_type"] == "SOURCE_ARTICLE_16"
    # No personal data beyond the format: no names, addresses or comment text.
    exported = json.dumps(rows, ensure_ascii=False)
    for private in ("private.example", "Private Person", "Notifier Name", "You idiot", "Shilan"):
        assert private not in exported


def test_docs_list_the_same_fields_and_say_where_they_come_from():
    text = DOCS.read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M)
    assert tuple(f for f in listed if f in sor_fields.SOR_FIELDS) == sor_fields.SOR_FIELDS
    assert "digital-services-act/transparency-database" in text
    assert "006d22e9ab07d245f81ea70495d9f8bdb8e2292b" in text


def test_the_command_writes_the_report_and_the_statements(history, capsys, tmp_path):
    today = timezone.now().date().isoformat()
    assert main(["transparency", "--from", today, "--to", today]) == 0
    assert "restricting 4" in capsys.readouterr().out
    out = tmp_path / "sor.json"
    assert (
        main(["transparency", "--from", today, "--to", today, "--format", "sor", "--out", str(out)])
        == 0
    )
    assert len(json.loads(out.read_text())) == 5
    assert main(["transparency", "--from", today, "--to", today, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith(",".join(sor_fields.SOR_FIELDS))
