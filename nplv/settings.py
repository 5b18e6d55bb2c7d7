"""Settings for the NPLV case-management app.

Every setting that differs between a laptop and production is read from the environment here, and
only here. The defaults work on a bare machine: SQLite under ``var/``, Celery running tasks eagerly,
e-mail to the console. Production sets at least ``DJANGO_DEBUG=0``, ``DJANGO_SECRET_KEY``,
``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL`` and ``REDIS_URL``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NPLV_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key() -> str:
    """Generate a key once into the ignored ``var/secret_key`` so that none lives in the repo."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


# DJANGO_DEBUG: 1 on a laptop (the default), 0 in production.
DEBUG = env_bool("DJANGO_DEBUG", True)
# DJANGO_SECRET_KEY: required when DEBUG is off; a development key is generated otherwise.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (development_secret_key() if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
# DJANGO_ALLOWED_HOSTS: comma-separated host names served in production.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
# DJANGO_CSRF_TRUSTED_ORIGINS: e.g. https://nplv.example.nl, when behind a proxy.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "axes",
    "csp",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "areas",
    "accounts",
    "monitoring",
    "alliances",
    "interventions",
    "funding",
    "reports",
    "nplv",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nplv.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nplv.middleware.DutchUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "nplv.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nplv.middleware.SessionIdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "nplv.middleware.WorklistCountMiddleware",
    # django-axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nplv.urls"
WSGI_APPLICATION = "nplv.wsgi.application"
ASGI_APPLICATION = "nplv.asgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "nplv.context_processors.worklist",
            ],
        },
    },
]

# DATABASE_URL: e.g. postgres://postgres@127.0.0.1:5432/nplv; SQLite under var/ when unset.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'nplv.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: a page's queries read a few rows each, but a list with per-row subqueries has
    # a high estimated cost, and PostgreSQL then spends ~100 ms compiling it (the national home: 34 ms
    # without JIT, 200 ms with). PG_JIT=on turns it back on, e.g. for a reporting connection.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit={os.environ.get('PG_JIT', 'off')}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_URL_PATH = "/inloggen/"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# NPLV_REQUIRE_2FA: reviewers, the national team and admins confirm each login with a TOTP code
# (django-otp). On by default whenever DEBUG is off; `make run` and the tests leave it off.
NPLV_REQUIRE_2FA = env_bool("NPLV_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "NPLV"

# django-axes: lock an account after AXES_FAILURE_LIMIT failed logins for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "30")) / 60
# One list inside the list: a lockout counts failures of a username AND client address together, so
# an attacker cannot lock out every user (by username alone) nor a whole office (by address alone).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# NPLV_TRUSTED_PROXY_COUNT: the number of reverse proxies in front of the app that append to
# X-Forwarded-For (1 behind the documented TLS proxy). 0 (the default) ignores the header.
NPLV_TRUSTED_PROXY_COUNT = int(os.environ.get("NPLV_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "nplv.middleware.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# Uploaded and generated files are private: they live outside the static tree and are only served
# through views that check the user's access to the area. NPLV_MEDIA_ROOT moves them elsewhere.
MEDIA_ROOT = Path(os.environ.get("NPLV_MEDIA_ROOT", VAR_DIR / "private"))
MEDIA_URL = "/private-files-are-served-by-views/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Security. The production values apply whenever DEBUG is off; `manage.py check --deploy` is clean.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# NPLV_SESSION_IDLE_MINUTES: a session also ends after this long without a request.
NPLV_SESSION_IDLE_MINUTES = int(os.environ.get("NPLV_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# django-csp 4: no inline script or style; htmx and our own files come from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# E-mail: console in development; EMAIL_URL-style settings for production.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "NPLV <noreply@nplv.localhost>")

# Celery. REDIS_URL (e.g. redis://127.0.0.1:6379/0) selects a real broker; without it every task
# runs eagerly in the web process, which is what `make run` and the test suite use.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only when it has finished, and given back when its worker dies, so that a
# killed worker loses nothing; one message at a time per worker process.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# CELERY_SOFT_TIME_LIMIT / CELERY_TIME_LIMIT: seconds before a task is asked to stop, then killed.
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_SOFT_TIME_LIMIT", str(10 * 60)))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TIME_LIMIT", str(12 * 60)))
# CELERY_VISIBILITY_TIMEOUT: seconds after which Redis hands an unacknowledged task to another
# worker. It must stay above the hard time limit, or a long task would run twice at once; the
# service tests lower both to see a killed worker's task delivered again within seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(2 * 60 * 60))),
}
# CELERY_QUEUE: the queue tasks go to and workers read by default (the service tests use their own).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
# Schedules live in the database (django-celery-beat), editable in the admin by the national team;
# reports/migrations creates them. Run beat as `celery -A nplv beat -S django` (see the README, "Reports and periodic jobs").
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Fixed in code (the outbox is plumbing, not a report): e-mails whose hand-over failed, or due again.
CELERY_BEAT_SCHEDULE: dict = {
    "outbox-retry-due": {"task": "core.tasks.outbox_retry_due", "schedule": 5 * 60},
}
DJANGO_CELERY_BEAT_TZ_AWARE = True
# NPLV_BEAT_MAX_SILENCE_MINUTES: `manage.py check_beat` fails when beat's heartbeat is older.
NPLV_BEAT_MAX_SILENCE_MINUTES = int(os.environ.get("NPLV_BEAT_MAX_SILENCE_MINUTES", "10"))
# NPLV_REPORT_FILE_DAYS: generated report files are removed this many days after they were made.
NPLV_REPORT_FILE_DAYS = int(os.environ.get("NPLV_REPORT_FILE_DAYS", "365"))
# NPLV_REPORT_STEP_DELAY: seconds to pause after each step of a report. Only the service tests set
# it, to kill a worker in the middle of a task.
NPLV_REPORT_STEP_DELAY = float(os.environ.get("NPLV_REPORT_STEP_DELAY", "0"))

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered fragments that are a pure function of what they show (the monitor's trend charts, keyed by
    # a digest of their figures): per process, so a deployment never serves a fragment of older code.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "nplv-fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# With Redis, sessions are read from the shared cache and written through to the database, so a page
# does not query the session table; without it (one process, SQLite) they stay in the database only,
# because a per-process cache would not see a logout in another worker.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

REST_FRAMEWORK = {
    # Token first: its `WWW-Authenticate: Token` header makes an unauthenticated call a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "nplv.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NPLV API",
    "DESCRIPTION": "API van de NPLV-zaakapplicatie: gebieden, allianties, interventies en SPUK-middelen.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation pages are for signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per shared choice set, so that generated clients get one enum, not several.
    "ENUM_NAME_OVERRIDES": {
        "MinistryEnum": "accounts.models.Ministry",
        "PlanStatusEnum": "alliances.models.PlanStatus",
        "BottleneckStatusEnum": "alliances.models.BottleneckStatus",
        "InterventionStatusEnum": "interventions.models.InterventionStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
