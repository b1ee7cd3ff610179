"""Django settings, built from the one settings table in ``config.py``.

Nothing here reads the environment directly: add a setting to
``config.SETTINGS`` (and docs/settings.md) instead.
"""

from __future__ import annotations

from pathlib import Path

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from civility.web import config

ENV = config.load()

DATA_DIR = ENV["CIVILITY_DATA_DIR"]
DEBUG = ENV["CIVILITY_DEBUG"]
SECRET_KEY = config.secret_key(ENV["CIVILITY_SECRET_KEY"], DATA_DIR)
ALLOWED_HOSTS = ENV["CIVILITY_ALLOWED_HOSTS"]
CSRF_TRUSTED_ORIGINS = ENV["CIVILITY_CSRF_TRUSTED_ORIGINS"]

if not ENV["CIVILITY_DATABASE_URL"]:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": config.database(
        ENV["CIVILITY_DATABASE_URL"], DATA_DIR, ENV["CIVILITY_TEST_DATABASE_NAME"]
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "civility",  # the package itself: shared templates and static files
    "civility.articles",
    "civility.guidelines",  # the policy in force, per-site thresholds, the guidelines page
    "civility.comments",
    "civility.privacy",  # IP hashes, export and erasure of a commenter's data (docs/privacy.md)
    "civility.moderators",
    "civility.api",
    "civility.embed",  # the embeddable widget's sites and routes (docs/embedding.md)
    "civility.perspective",  # Perspective-compatible scoring API (docs/perspective.md)
    "civility.webhooks",  # signed webhooks from an outbox, moderator alerts (docs/webhooks.md)
    "civility.readers",  # readers signed in by the publisher's token (docs/sign-in.md)
    "civility.threads",  # reports, reactions, editors' picks, closing (docs/reader-side.md)
    "civility.commenters",  # commenter keys and sanctions (docs/moderator-desk.md)
    "civility.law",  # statements of reasons, notices, appeals, transparency (docs/law.md)
    "django_tasks_db",  # the tasks' table and its worker (CIVILITY_TASKS=database)
    "civility.background",  # retries and the dead letter of background tasks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP, framing, Permissions-Policy (web/security.py); first in, last out,
    # so it sees every response, error pages included.
    "civility.web.security.SecurityHeadersMiddleware",
    # CORS for the widget's /api/embed/ routes, configured sites only (embed/cors.py);
    # before whitenoise and sessions: a preflight needs neither.
    "civility.embed.cors.EmbedCorsMiddleware",
    # Right after security: static files are answered before sessions are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Failed sign-ins per account and per address (abuse/login_throttle.py).
    "civility.abuse.login_throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "civility.web.urls"
WSGI_APPLICATION = "civility.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # law_on: whether CIVILITY_DSA shows the law's links (docs/law.md).
                "civility.law.context.law",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/moderate/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("ckb", "کوردی"),
    ("kmr", "Kurmancî"),
    ("tr", "Türkçe"),
]
# Django knows Sorani (ckb, right to left) but not Kurmanji: without an entry
# in LANG_INFO, get_language_info("kmr") raises KeyError and the {% language %}
# and language-select tags fail. Kurmanji is written in Latin letters, left to
# right. Sorani is listed again so that its direction is stated here too
# (docs/languages.md).
LANG_INFO.update(
    {
        "kmr": {"bidi": False, "code": "kmr", "name": "Kurmanji", "name_local": "Kurmancî"},
        "ckb": {**LANG_INFO["ckb"], "bidi": True},
    }
)
# The right-to-left interface languages (Django's own list, with Sorani).
LANGUAGES_BIDI = ["ar", "ckb"]
# Our catalogs (src/civility/locale) are found as the "civility" app's; named
# here so the admin's and Django's own strings do not override them.
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
TIME_ZONE = ENV["CIVILITY_TIME_ZONE"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# Serve straight from the packages' static folders: `civility demo` and
# `civility serve` work without a collectstatic step (whitenoise caches the list).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (civility/background): a table in this database or a queue
# in Redis (rq), run by `civility worker`; or in the web process after the commit.
TASKS = {"default": {"BACKEND": config.TASK_BACKENDS[ENV["CIVILITY_TASKS"]]}}
CIVILITY_TASKS = ENV["CIVILITY_TASKS"]
if CIVILITY_TASKS == "rq":
    if not ENV["CIVILITY_REDIS_URL"]:
        raise ImproperlyConfigured("CIVILITY_TASKS=rq needs CIVILITY_REDIS_URL")
    INSTALLED_APPS.append("django_rq")  # django-tasks-rq's queues (its check asks for it)
    TASKS["default"]["QUEUES"] = ["default"]
# Read only with CIVILITY_TASKS=rq (background/rq.py). Enqueued when we say
# (background/enqueue.with_commit: after the commit), with our job class; the
# dead letter is the admin's "Failed background tasks", not django-rq's dashboard.
RQ_QUEUES = {"default": {"URL": ENV["CIVILITY_REDIS_URL"] or "redis://127.0.0.1:6379/0"}}
RQ = {"COMMIT_MODE": "auto", "JOB_CLASS": "civility.background.rq.Job"}
RQ_SHOW_ADMIN_LINK = False

MAILERS = {"default": {"BACKEND": ENV["CIVILITY_EMAIL_BACKEND"]}}

# --- Security (docs/security.md) ---------------------------------------------
# Argon2 first: new and re-saved passwords use it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
HTTPS = ENV["CIVILITY_HTTPS"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # Behind a TLS proxy the app sees plain http; trust the proxy's header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Django sends HSTS only on requests that arrived over https.
SECURE_HSTS_SECONDS = ENV["CIVILITY_HSTS_SECONDS"] if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# A comment is 2,000 characters; an imported article rarely passes 100 KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# Rate-limit and login counters: per process by default, shared through
# Redis when several app servers run (CIVILITY_REDIS_URL).
if ENV["CIVILITY_REDIS_URL"]:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV["CIVILITY_REDIS_URL"],
            "KEY_PREFIX": "civility",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": "civility",
            # The default (300) would cull live counters under a flood.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# The published threads readers load (civility/threads/cache.py): shared by
# every worker and every app server, so a decision purges them everywhere.
CIVILITY_THREAD_CACHE = ENV["CIVILITY_THREAD_CACHE"]
if CIVILITY_THREAD_CACHE == "auto":
    if ENV["CIVILITY_REDIS_URL"]:
        CIVILITY_THREAD_CACHE = "redis"
    elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
        CIVILITY_THREAD_CACHE = "database"
    else:
        CIVILITY_THREAD_CACHE = "file"
if CIVILITY_THREAD_CACHE == "redis" and not ENV["CIVILITY_REDIS_URL"]:
    raise ImproperlyConfigured("CIVILITY_THREAD_CACHE=redis needs CIVILITY_REDIS_URL")
CACHES["threads"] = {
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": ENV["CIVILITY_REDIS_URL"],
    },
    # The table is made by migrate (threads/migrations) and by Django's test setup.
    "database": {
        # Django's database cache, counted one write in 64 (threads/dbcache.py).
        "BACKEND": "civility.threads.dbcache.ThreadDatabaseCache",
        "LOCATION": "civility_thread_cache",
    },
    "file": {
        # Django's file cache, culled one write in 64 (threads/filecache.py).
        "BACKEND": "civility.threads.filecache.ThreadFileCache",
        "LOCATION": str(DATA_DIR / "cache" / "threads"),
    },
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "off": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}[CIVILITY_THREAD_CACHE]
CACHES["threads"]["KEY_PREFIX"] = "civility"
if CIVILITY_THREAD_CACHE in ("database", "file", "memory"):
    # Pages of recent threads; the default (300) would cull a busy site's every minute.
    CACHES["threads"]["OPTIONS"] = {"MAX_ENTRIES": 20_000}

# --- Civility ---------------------------------------------------------------
CIVILITY_COMMENT_MAX_CHARS = ENV["CIVILITY_COMMENT_MAX_CHARS"]
CIVILITY_API_TOKEN = ENV["CIVILITY_API_TOKEN"]
CIVILITY_IP_HASH_KEY = ENV["CIVILITY_IP_HASH_KEY"]
CIVILITY_IP_RETENTION_DAYS = ENV["CIVILITY_IP_RETENTION_DAYS"]
CIVILITY_COMMENT_MAX_BYTES = ENV["CIVILITY_COMMENT_MAX_BYTES"]
CIVILITY_RATE_LIMIT_IP = ENV["CIVILITY_RATE_LIMIT_IP"]
CIVILITY_RATE_LIMIT_EMAIL = ENV["CIVILITY_RATE_LIMIT_EMAIL"]
CIVILITY_RATE_LIMIT_SAME_TEXT = ENV["CIVILITY_RATE_LIMIT_SAME_TEXT"]
CIVILITY_RATE_LIMIT_PRECHECK = ENV["CIVILITY_RATE_LIMIT_PRECHECK"]
CIVILITY_SITE_URL = ENV["CIVILITY_SITE_URL"]
CIVILITY_FORM_MAX_AGE_SECONDS = ENV["CIVILITY_FORM_MAX_AGE_SECONDS"]
CIVILITY_FORM_MIN_SECONDS = ENV["CIVILITY_FORM_MIN_SECONDS"]
CIVILITY_PROXY_COUNT = ENV["CIVILITY_PROXY_COUNT"]
CIVILITY_LOGIN_LIMIT_ACCOUNT = ENV["CIVILITY_LOGIN_LIMIT_ACCOUNT"]
CIVILITY_LOGIN_LIMIT_IP = ENV["CIVILITY_LOGIN_LIMIT_IP"]
CIVILITY_PERSPECTIVE_KEYS = ENV["CIVILITY_PERSPECTIVE_KEYS"]
CIVILITY_WEBHOOK_TIMEOUT_SECONDS = ENV["CIVILITY_WEBHOOK_TIMEOUT_SECONDS"]
CIVILITY_WEBHOOK_MAX_ATTEMPTS = ENV["CIVILITY_WEBHOOK_MAX_ATTEMPTS"]
DEFAULT_FROM_EMAIL = ENV["CIVILITY_EMAIL_FROM"]
CIVILITY_ALERT_HELD_MINUTES = ENV["CIVILITY_ALERT_HELD_MINUTES"]
CIVILITY_ALERT_EMAILS = ENV["CIVILITY_ALERT_EMAILS"]
CIVILITY_READER_JWT_SECRETS = ENV["CIVILITY_READER_JWT_SECRETS"]
CIVILITY_READER_JWT_PUBLIC_KEYS = ENV["CIVILITY_READER_JWT_PUBLIC_KEYS"]
CIVILITY_READER_JWT_ISSUER = ENV["CIVILITY_READER_JWT_ISSUER"]
CIVILITY_READER_JWT_AUDIENCE = ENV["CIVILITY_READER_JWT_AUDIENCE"]
CIVILITY_READER_TRUSTED_AFTER = ENV["CIVILITY_READER_TRUSTED_AFTER"]
CIVILITY_READER_NEW_UNTIL = ENV["CIVILITY_READER_NEW_UNTIL"]
# Dotted path to a callable returning the moderation engine (tests inject a
# fake here); None uses the real engine with the site's clause thresholds.
CIVILITY_EMAIL_REQUIRED = ENV["CIVILITY_EMAIL_REQUIRED"]
CIVILITY_REPLY_DEPTH = ENV["CIVILITY_REPLY_DEPTH"]
CIVILITY_REPORT_THRESHOLD = ENV["CIVILITY_REPORT_THRESHOLD"]
CIVILITY_REPORT_HIDE_THRESHOLD = ENV["CIVILITY_REPORT_HIDE_THRESHOLD"]
CIVILITY_RATE_LIMIT_REPORTS = ENV["CIVILITY_RATE_LIMIT_REPORTS"]
CIVILITY_RATE_LIMIT_REACTIONS = ENV["CIVILITY_RATE_LIMIT_REACTIONS"]
CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT = ENV["CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT"]
CIVILITY_REACTION_LABEL = ENV["CIVILITY_REACTION_LABEL"]
CIVILITY_COMMENTS_CLOSE_AFTER_DAYS = ENV["CIVILITY_COMMENTS_CLOSE_AFTER_DAYS"]
CIVILITY_DSA = ENV["CIVILITY_DSA"]
CIVILITY_APPEAL_DAYS = ENV["CIVILITY_APPEAL_DAYS"]
CIVILITY_ENGINE_FACTORY = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No API key in any line (web/access_log.py): a message that quotes a URL
    # with ?key= is written with the value replaced.
    "filters": {"redact_keys": {"()": "civility.web.access_log.RedactKeys"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_keys"]}},
    "loggers": {"civility": {"handlers": ["console"], "level": "INFO"}},
}
