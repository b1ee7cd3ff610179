"""Django settings, built from the one settings table in ``config.py``.

Nothing here reads the environment directly: add a setting to
``config.SETTINGS`` (and docs/settings.md) instead.
"""

from __future__ import annotations

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
    "civility.comments",
    "civility.moderators",
    "civility.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after security: static files are answered before sessions are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

MAILERS = {"default": {"BACKEND": ENV["CIVILITY_EMAIL_BACKEND"]}}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Civility ---------------------------------------------------------------
CIVILITY_COMMENT_MAX_CHARS = ENV["CIVILITY_COMMENT_MAX_CHARS"]
CIVILITY_API_TOKEN = ENV["CIVILITY_API_TOKEN"]
CIVILITY_IP_HASH_KEY = ENV["CIVILITY_IP_HASH_KEY"]
CIVILITY_IP_RETENTION_DAYS = ENV["CIVILITY_IP_RETENTION_DAYS"]
# Dotted path to a callable returning the moderation engine (tests inject a
# fake here); None uses the real engine with the site's clause thresholds.
CIVILITY_ENGINE_FACTORY = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"civility": {"handlers": ["console"], "level": "INFO"}},
}
