"""`civility policy check / show / default` through a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from civility.moderation import load_policy

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO / "src/civility/moderation/default_policy.toml"


def civility(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "civility", "policy", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_check_the_shipped_default():
    proc = civility("check", str(DEFAULT))
    assert proc.returncode == 0
    assert proc.stdout.strip() == "OK: 8 clauses"


def test_check_lists_every_problem_by_key(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace("reject_at = 0.95", "reject_at = 2", 1)
    text = text.replace('categories = ["threat"]', 'categories = ["threats"]', 1)
    text = text.replace('id = "vulgarity"', 'id = "profanity"', 1)
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    proc = civility("check", str(path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    err = proc.stderr
    assert "3 problem(s)" in err
    assert 'clause[5].reject_at: must be a number in [0, 1] or "none"' in err
    assert "clause[1].categories: unknown category 'threats'" in err
    assert "clause[3].id: duplicate id 'profanity' (see clause[0])" in err


def test_check_a_missing_file(tmp_path):
    proc = civility("check", str(tmp_path / "nope.toml"))
    assert proc.returncode == 1 and "file:" in proc.stderr


def test_show_and_default():
    proc = civility("show")
    assert proc.returncode == 0
    assert f"policy {load_policy().label}" in proc.stdout
    assert "[abuse] prohibit: We will not tolerate the following: abuse" in proc.stdout
    assert "ckb clearly_civil" in proc.stdout
    assert "  kmr: language_confidence_at 0.7" in proc.stdout
    proc = civility("default")
    assert proc.returncode == 0
    assert proc.stdout == DEFAULT.read_text(encoding="utf-8")


def test_check_names_the_key_of_a_bad_language_rule(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace(
        "violation_reject_at = 0.6\nviolation_review_at = 0.4",
        "violation_reject_at = 0.3\nviolation_review_at = 0.4",
        1,
    )
    text += "\n[languages.tr.thresholds.insults]\nreject_at = 0.5\n"
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    proc = civility("check", str(path))
    assert proc.returncode == 1
    err = proc.stderr
    assert "2 problem(s)" in err
    assert (
        "languages.ar.violation_review_at: must not be above violation_reject_at (0.4 > 0.3)" in err
    )
    assert "languages.tr.thresholds.insults: unknown clause id" in err


def test_show_lists_the_language_rules():
    proc = civility("show")
    assert "violation_review_at 0.6, violation_reject_at none" in proc.stdout
    assert "  ar: violation_review_at 0.4, violation_reject_at 0.6" in proc.stdout
