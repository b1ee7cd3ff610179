"""The settings table: parsed at start-up, errors name the key, all documented."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from civility.web import config

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented_with_its_default():
    text = DOCS.read_text(encoding="utf-8")
    for setting in config.SETTINGS:
        row = next((line for line in text.splitlines() if f"`{setting.name}`" in line), None)
        assert row, f"{setting.name} is not documented in docs/settings.md"
        default = f"`{setting.default}`" if setting.default else "empty"
        assert default in row, f"{setting.name}: docs/settings.md does not give its default"


def test_every_setting_has_help_and_parses_its_default():
    values = config.load({})
    for setting in config.SETTINGS:
        assert setting.name.startswith("CIVILITY_") and setting.help
        assert setting.name in values
    assert values["CIVILITY_COMMENT_MAX_CHARS"] == 2000
    assert values["CIVILITY_DEBUG"] is False


@pytest.mark.parametrize(
    "name, raw, message",
    [
        (
            "CIVILITY_COMMENT_MAX_CHARS",
            "x",
            "CIVILITY_COMMENT_MAX_CHARS: must be a positive integer, got 'x'",
        ),
        ("CIVILITY_COMMENT_MAX_CHARS", "-3", "must be a positive integer"),
        ("CIVILITY_DEBUG", "maybe", "CIVILITY_DEBUG: must be true or false, got 'maybe'"),
        ("CIVILITY_DATABASE_URL", "mysql://x/y", "CIVILITY_DATABASE_URL: must start with"),
        ("CIVILITY_EMAIL_BACKEND", "pigeon", "CIVILITY_EMAIL_BACKEND: must be console"),
        ("CIVILITY_TIME_ZONE", "Mars/Olympus", "CIVILITY_TIME_ZONE: must be a time zone"),
    ],
)
def test_a_bad_value_names_the_key(name, raw, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        config.load({name: raw})


def test_the_site_refuses_to_start_with_a_bad_setting(tmp_path):
    env = {**os.environ, "CIVILITY_DATA_DIR": str(tmp_path), "CIVILITY_COMMENT_MAX_CHARS": "x"}
    result = subprocess.run(
        [sys.executable, "-m", "civility", "manage", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CIVILITY_COMMENT_MAX_CHARS: must be a positive integer, got 'x'" in result.stderr


def test_database_urls(tmp_path):
    sqlite = config.database("", tmp_path)
    assert sqlite["ENGINE"] == "civility.web.sqlite"  # Django's, with a writers' queue
    assert sqlite["NAME"] == str(tmp_path / "civility.sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    assert "synchronous=FULL" in sqlite["OPTIONS"]["init_command"]
    assert sqlite["OPTIONS"]["timeout"] == 20
    assert config.database("sqlite:////srv/c.sqlite3", tmp_path)["NAME"] == "/srv/c.sqlite3"

    pg = config.database(
        "postgresql://civ:p%40ss@db.example:5433/site?sslmode=require", tmp_path, "t1"
    )
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "civ",
        "p@ss",
        "db.example",
        "5433",
        "site",
    )
    # No JIT compilation (config.database says why); the URL's own options are kept.
    assert pg["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}
    assert pg["TEST"] == {"NAME": "t1"}


def test_a_generated_secret_key_is_kept_private_and_reused(tmp_path):
    key = config.secret_key("", tmp_path / "data")
    path = tmp_path / "data" / "secret_key"
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config.secret_key("", tmp_path / "data") == key
    assert config.secret_key("given", tmp_path / "data") == "given"


@pytest.mark.postgres
def test_the_running_settings_honour_the_database_url():
    from django.conf import settings

    url = os.environ.get("CIVILITY_DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    assert engine.endswith("postgresql" if url.startswith("postgres") else ".sqlite")
