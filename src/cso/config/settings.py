"""Settings for the web system, read from the environment.

The defaults are for the demo on one machine only: an SQLite file, DEBUG on, a fixed key. A
production server sets DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS; `cso serve` refuses to start
on the demo key.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CSO_DATA_DIR", Path.cwd() / "var"))

DEMO_SECRET_KEY = "demo-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "cso.accounts",
    "cso.audit",
    "cso.units",
    "cso.calls",
    "cso.dispatch",
    "cso.analyses",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cso.audit.request_id.RequestIdMiddleware",
    "cso.config.api_errors.ApiMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "cso.config.urls"
WSGI_APPLICATION = "cso.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cso.accounts.context.role",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'cso.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one failing with
    # "database is locked" when it upgrades a read lock mid-transaction.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests run on a file, not the in-memory default: only a file gives concurrent connections
    # real locks, which the race tests need (shared-cache memory fails them at once instead).
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"cso-test-{os.getpid()}.sqlite3")
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("CSO_TIME_ZONE", "America/New_York")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
# Static files are served by WhiteNoise straight from the package (no collectstatic step).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The agency: which policy profile triages calls, and how often a lone CSO on scene checks in.
CSO_PROFILE = os.environ.get("CSO_PROFILE", "streator")
CSO_CHECK_IN_MINUTES = int(os.environ.get("CSO_CHECK_IN_MINUTES", "15"))
# Where the shared public data sets are, for the Analytics page's demo choices.
CSO_SHARED_DIR = os.environ.get("CSO_SHARED_DIR", str(Path.cwd().parent / "shared"))
# Live pages ask for changes this often; the bound is two seconds.
CSO_LIVE_POLL_SECONDS = float(os.environ.get("CSO_LIVE_POLL_SECONDS", "1"))

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step
STATICFILES_DIRS = [BASE_DIR / "static"]
# Exports uploaded to the Analytics page are streamed to disk past this size, up to the cap.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
