"""Every setting Civility reads from the environment, in one table.

Each entry names its environment variable, its default, one line of help and
the parser that turns the raw string into a value. ``load()`` parses them all
at start-up and stops with an error naming the key at fault, so a typo in a
deployment fails loudly instead of running with a surprising value.
docs/settings.md documents every entry (a test checks it).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str
    parse: Callable[[str], Any]


def parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"must be true or false, got {raw!r}")


def parse_positive_int(raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"must be a positive integer, got {raw!r}")
    return value


def parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_hmac_secrets(raw: str) -> list[str]:
    # A secret shorter than the hash it keys is guessable offline from one token.
    secrets_ = parse_list(raw)
    if short := [s for s in secrets_ if len(s.encode()) < 32]:
        raise ValueError(f"each secret needs 32 bytes or more ({len(short)} too short)")
    return secrets_


def parse_pem_paths(raw: str) -> list[str]:
    paths = parse_list(raw)
    if missing := [p for p in paths if not Path(p).expanduser().is_file()]:
        raise ValueError(f"no such key file: {', '.join(missing)}")
    return [str(Path(p).expanduser()) for p in paths]


def parse_non_negative_int(raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f"must be 0 or a positive integer, got {raw!r}")
    return value


@dataclass(frozen=True)
class Rate:
    """``count`` events per ``seconds``; written "10/60" in the settings."""

    count: int
    seconds: int


def parse_rate(raw: str) -> Rate:
    try:
        count, seconds = (int(part) for part in raw.strip().split("/"))
    except ValueError:
        raise ValueError(f'must be COUNT/SECONDS like "10/60", got {raw!r}') from None
    if count <= 0 or seconds <= 0:
        raise ValueError(f"must be two positive numbers like 10/60, got {raw!r}")
    return Rate(count, seconds)


def parse_redis_url(raw: str) -> str:
    if raw and urlsplit(raw).scheme not in {"redis", "rediss", "unix"}:
        raise ValueError(f"must start with redis://, rediss:// or unix://, got {raw!r}")
    return raw


THREAD_CACHES = ("auto", "redis", "database", "file", "memory", "off")


def parse_thread_cache(raw: str) -> str:
    value = raw.strip().lower() or "auto"
    if value not in THREAD_CACHES:
        raise ValueError(f"must be one of {', '.join(THREAD_CACHES)}, got {raw!r}")
    return value


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}


def parse_tasks(raw: str) -> str:
    value = raw.strip().lower() or "database"
    value = "rq" if value == "redis" else value
    if value not in TASK_BACKENDS:
        raise ValueError(f"must be one of {', '.join(TASK_BACKENDS)}, got {raw!r}")
    return value


def parse_str(raw: str) -> str:
    return raw


def parse_path(raw: str) -> Path:
    if not raw.strip():
        raise ValueError("must be a folder path, got an empty string")
    return Path(raw).expanduser().resolve()


def parse_database_url(raw: str) -> str:
    # Checked here for a clear start-up error; turned into Django's dict later,
    # once the data folder (the SQLite default) is known.
    if raw and urlsplit(raw).scheme not in {"sqlite", "postgres", "postgresql"}:
        raise ValueError(f"must start with sqlite:/// or postgresql://, got {raw!r}")
    return raw


def parse_time_zone(raw: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"must be a time zone name like UTC or Asia/Baghdad, got {raw!r}"
        ) from None
    return raw


def parse_email_backend(raw: str) -> str:
    aliases = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if raw in aliases:
        return aliases[raw]
    if "." not in raw:
        raise ValueError(f"must be console, smtp, locmem, dummy or a dotted path, got {raw!r}")
    return raw


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CIVILITY_DATA_DIR",
        "./var",
        "Folder for the SQLite database, the generated secret key and collected static files.",
        parse_path,
    ),
    Setting(
        "CIVILITY_DATABASE_URL",
        "",
        "Database to use: empty for SQLite in the data folder, sqlite:///PATH, or "
        "postgresql://USER:PASSWORD@HOST:PORT/NAME (psycopg 3).",
        parse_database_url,
    ),
    Setting(
        "CIVILITY_TEST_DATABASE_NAME",
        "",
        "Name of the throw-away PostgreSQL database the test suite creates (default test_NAME); "
        "set it when several test runs share one server.",
        parse_str,
    ),
    Setting(
        "CIVILITY_SECRET_KEY",
        "",
        "Django's secret key. When empty, one is generated once and kept in "
        "DATA_DIR/secret_key (mode 0600).",
        parse_str,
    ),
    Setting(
        "CIVILITY_DEBUG",
        "false",
        "Django debug mode: detailed error pages. Never in production.",
        parse_bool,
    ),
    Setting(
        "CIVILITY_ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the site answers to.",
        parse_list,
    ),
    Setting(
        "CIVILITY_CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (https://example.com) trusted for form posts behind a proxy.",
        parse_list,
    ),
    Setting(
        "CIVILITY_COMMENT_MAX_CHARS",
        "2000",
        "Longest comment a reader may post, in characters.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_API_TOKEN",
        "",
        "Bearer token for POST /api/articles (article import). Empty disables that endpoint.",
        parse_str,
    ),
    Setting(
        "CIVILITY_EMAIL_BACKEND",
        "console",
        "Where mail goes: console, smtp, locmem, dummy or a dotted Django backend path.",
        parse_email_backend,
    ),
    Setting(
        "CIVILITY_IP_HASH_KEY",
        "",
        "Key for the keyed hash (HMAC-SHA256) of commenters' IP addresses; empty derives "
        "one from the secret key. Only the hash is stored.",
        parse_str,
    ),
    Setting(
        "CIVILITY_IP_RETENTION_DAYS",
        "30",
        "Days an IP address hash is kept; `civility privacy purge-ips` erases older ones.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_COMMENT_MAX_BYTES",
        "6000",
        "Largest comment in bytes (UTF-8), whatever the script: bounds storage.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_IP",
        "10/60",
        "Comments one IP address may post: COUNT/SECONDS (10/60 = ten a minute); 429 past it.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_EMAIL",
        "5/60",
        "Comments one e-mail address may post: COUNT/SECONDS; 429 past it.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_SAME_TEXT",
        "3/3600",
        "Times the same text (30 characters or more) may be posted, by anyone: COUNT/SECONDS.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_PRECHECK",
        "30/60",
        "Pre-submit checks (POST /api/articles/{slug}/precheck) one IP address may ask for: "
        "COUNT/SECONDS; 429 past it.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_FORM_MAX_AGE_SECONDS",
        "86400",
        "How long a loaded comment form stays valid (its signed timestamp), in seconds.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_FORM_MIN_SECONDS",
        "0",
        "Refuse comment forms sent sooner than this after the page loaded (0 = off).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_PROXY_COUNT",
        "0",
        "Reverse proxies in front of the site whose X-Forwarded-For is trusted for the "
        "reader's IP address (0 = use the connection's address).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_REDIS_URL",
        "",
        "Redis shared by several app servers for rate limits and login throttling "
        "(redis://HOST:6379/0). Empty: counters in each process's memory.",
        parse_redis_url,
    ),
    Setting(
        "CIVILITY_THREAD_CACHE",
        "auto",
        "Where published threads are cached for readers (docs/deployment.md): auto (Redis when "
        "CIVILITY_REDIS_URL is set, else the PostgreSQL database, else files in the data "
        "folder), redis, database, file, memory (one process only) or off.",
        parse_thread_cache,
    ),
    Setting(
        "CIVILITY_LOGIN_LIMIT_ACCOUNT",
        "5/900",
        "Failed sign-ins allowed per account name: COUNT/SECONDS; further tries are refused.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_LOGIN_LIMIT_IP",
        "20/900",
        "Failed sign-ins allowed per IP address: COUNT/SECONDS; further tries are refused.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_HTTPS",
        "false",
        "The site is served over https (directly or behind a TLS proxy): Secure cookies, "
        "HSTS, and X-Forwarded-Proto trusted from the proxy.",
        parse_bool,
    ),
    Setting(
        "CIVILITY_HSTS_SECONDS",
        "31536000",
        "Strict-Transport-Security max-age sent on https responses (when CIVILITY_HTTPS).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_TIME_ZONE",
        "UTC",
        "The site's time zone: every date and time readers and moderators see is shown in "
        "it, with its offset (Rudaw: Asia/Baghdad).",
        parse_time_zone,
    ),
    Setting(
        "CIVILITY_EMAIL_REQUIRED",
        "false",
        "Ask every commenter for an e-mail address. Off: only a reader who asks to be told "
        "the outcome gives one (the seed's form asks for a name and the comment).",
        parse_bool,
    ),
    Setting(
        "CIVILITY_REPLY_DEPTH",
        "1",
        "How deep replies nest: 1 = readers reply to top-level comments only, 2 = also to "
        "replies, and so on; 0 = no replies.",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_REPORT_THRESHOLD",
        "3",
        "Reader reports (one per reader and per address) that return a published comment "
        "to the moderators' queue; it stays published until a moderator decides.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_REPORT_HIDE_THRESHOLD",
        "10",
        "Reader reports that also hide a published comment at once, until a moderator "
        "decides (0 = never hidden by reports alone).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_REPORTS",
        "10/3600",
        "Reports one IP address may send: COUNT/SECONDS; 429 past it.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_REACTIONS",
        "60/600",
        "Reactions (and their undoing) one IP address may send: COUNT/SECONDS; 429 past it.",
        parse_rate,
    ),
    Setting(
        "CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT",
        "5/86400",
        "Reactions one IP address may add to one comment: COUNT/SECONDS; past it a new "
        "reader's reaction from that address is not counted (a reader's key is free to "
        "drop, so this is what bounds one connection inflating one comment's count).",
        parse_rate,
    ),
    Setting(
        "CIVILITY_REACTION_LABEL",
        "",
        'The word on the reaction button, as the site prefers it; empty: "Respect", '
        "translated into the page's language.",
        parse_str,
    ),
    Setting(
        "CIVILITY_COMMENTS_CLOSE_AFTER_DAYS",
        "0",
        "Close an article's comments this many days after its publication date, in the "
        "site's time zone (0 = never; editors also close threads by hand).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_DSA",
        "false",
        "The EU Digital Services Act's reader-facing parts (docs/law.md): statements of "
        "reasons, illegal-content notices, appeals and the transparency report. Off outside "
        "the EU.",
        parse_bool,
    ),
    Setting(
        "CIVILITY_APPEAL_DAYS",
        "183",
        "With CIVILITY_DSA: days after a decision its author may appeal it, once (the Act "
        "asks for at least six months).",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_PERSPECTIVE_KEYS",
        "",
        "Comma-separated API keys for the Perspective-compatible endpoint "
        "(POST /v1alpha1/comments:analyze?key=...). Empty disables it.",
        parse_list,
    ),
    Setting(
        "CIVILITY_WEBHOOK_TIMEOUT_SECONDS",
        "10",
        "Seconds a webhook receiver has to answer one delivery before it is retried.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_WEBHOOK_MAX_ATTEMPTS",
        "20",
        "Attempts per webhook delivery (backing off up to 6 hours apart) before it is marked "
        "failed; failed deliveries stay in the outbox and can be retried from the admin.",
        parse_positive_int,
    ),
    Setting(
        "CIVILITY_TASKS",
        "database",
        "Where background work (webhooks, e-mail, alerts, replays) waits for a worker: "
        "database (a table in the site's database, run by `civility worker`, retried, "
        "failures kept in the admin), rq (also: redis; a queue in Redis at "
        "CIVILITY_REDIS_URL, for larger sites, run by `civility worker` too, same retries "
        "and admin list) or immediate (in the web process after the commit, no retries).",
        parse_tasks,
    ),
    Setting(
        "CIVILITY_SITE_URL",
        "",
        "The site's public address (https://comments.example.org), for links in e-mail to "
        "readers; empty: the mail carries no links.",
        parse_str,
    ),
    Setting(
        "CIVILITY_EMAIL_FROM",
        "civility@localhost",
        "Sender address of the e-mail Civility sends (moderator alerts).",
        parse_str,
    ),
    Setting(
        "CIVILITY_ALERT_HELD_MINUTES",
        "60",
        "E-mail moderators about comments held for review longer than this (0 = no alerts).",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_ALERT_EMAILS",
        "",
        "Comma-separated addresses for moderator alerts; empty: every active moderator "
        "and editor with an e-mail address.",
        parse_list,
    ),
    Setting(
        "CIVILITY_READER_JWT_SECRETS",
        "",
        "Comma-separated HS256 secrets that sign reader tokens from the publisher's own "
        "accounts; several during a key rotation. Empty (and no public keys): guests only.",
        parse_hmac_secrets,
    ),
    Setting(
        "CIVILITY_READER_JWT_PUBLIC_KEYS",
        "",
        "Comma-separated paths of PEM public keys that verify RS256 reader tokens; several "
        "during a key rotation.",
        parse_pem_paths,
    ),
    Setting(
        "CIVILITY_READER_JWT_ISSUER",
        "",
        "Required `iss` claim of reader tokens (empty: not checked).",
        parse_str,
    ),
    Setting(
        "CIVILITY_READER_JWT_AUDIENCE",
        "",
        "Required `aud` claim of reader tokens (empty: tokens must carry none).",
        parse_str,
    ),
    Setting(
        "CIVILITY_READER_TRUSTED_AFTER",
        "0",
        "Comments a moderator approved after which a signed-in reader's comments that the "
        "engine would hold are published instead (0 = off). Automatic approvals never count; "
        "rejections, engine failures, threats and attacks on groups still apply.",
        parse_non_negative_int,
    ),
    Setting(
        "CIVILITY_READER_NEW_UNTIL",
        "0",
        "Signed-in readers with fewer comments a moderator approved than this have every "
        "comment held for review, even ones the engine would publish (0 = off).",
        parse_non_negative_int,
    ),
)


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Parse every setting; raise ImproperlyConfigured naming the first bad key."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.name, setting.default or "")
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{setting.name}: {exc}") from None
    return values


def database(url: str, data_dir: Path, test_name: str = "") -> dict[str, Any]:
    """Django's DATABASES['default'] for a CIVILITY_DATABASE_URL."""
    if not url:
        return sqlite(data_dir / "civility.sqlite3")
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as most tools write it.
        return sqlite(Path(unquote(parts.path[1:]) if parts.path.startswith("/") else parts.path))
    options = dict(parse_qsl(parts.query))
    # No JIT: PostgreSQL compiles any query its planner costs above 100,000
    # (a month's dashboard at a million comments), which cost 2 s of 4 s on
    # each such query and saves nothing on queries as short as a page's.
    options["options"] = f"-c jit=off {options.get('options', '')}".strip()
    config: dict[str, Any] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "civility",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        # Keep connections for a minute: cheap under gunicorn threads.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


def sqlite(path: Path) -> dict[str, Any]:
    return {
        # Django's backend with a writers' queue that wakes on release (web/sqlite/base.py).
        "ENGINE": "civility.web.sqlite",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets readers work while a comment is written; FULL makes a
            # recorded decision survive a power cut.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
            # Take the write lock at BEGIN: avoids "database is locked" when two
            # readers try to upgrade to writers at once.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Keep each thread's connection for a minute, as on PostgreSQL: opening
        # one (Django registers its SQL functions, then the PRAGMAs above) cost
        # 1.5 ms of CPU on every request. Nothing replaces the file under a
        # running server (a restore writes into it: backup.py).
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def secret_key(configured: str, data_dir: Path) -> str:
    """The configured key, or one generated once and kept in the data folder."""
    if configured:
        return configured
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting together must not write two keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
