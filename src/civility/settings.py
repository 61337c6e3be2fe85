"""The one settings module. Everything comes from the environment; defaults need nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from civility.env import env_bool, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CIVILITY_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Anonymous story pages carry no token (a CDN may serve them): see core/views.csrf_failure.
CSRF_FAILURE_VIEW = "civility.core.views.csrf_failure"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "civility.core",
    "civility.accounts",
    "civility.stories",
    "civility.discussion",
    "civility.moderation",
    "civility.classifier",
    "civility.sanctions",
    "civility.imports",
    "civility.webhooks",
    "civility.notifications",
    "civility.feeds",
    "ninja",  # serves its Swagger UI files locally instead of from a CDN
    "civility.api",
    "civility.live",
    "civility.embed",
    "civility.sso",
]

MIDDLEWARE = [
    # Outermost: a lost database becomes a quick 503 with Retry-After wherever it is noticed.
    "civility.core.middleware.DatabaseUnavailableMiddleware",
    # ETag and Cache-Control for cacheable pages, seeing every cookie set on the way out.
    "civility.core.page_cache.CacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "civility.core.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "civility.embed.middleware.EmbedTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "civility.core.middleware.ClientAddressMiddleware",
    # After auth: whether to read from the replica and whether to answer from the page cache.
    "civility.core.middleware.ReadRoutingMiddleware",
    "civility.core.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "civility.urls"
WSGI_APPLICATION = "civility.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in the data folder by default; DATABASE_URL switches to PostgreSQL.
_database_url = env_str("DATABASE_URL")


def _server_database(url: str) -> dict[str, Any]:
    """A PostgreSQL alias: reused connections, a short connect timeout, a statement timeout."""
    config: dict[str, Any] = dict(
        dj_database_url.parse(
            url,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    )
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        # A lost database fails a request in seconds (a 503, see core.middleware), never hangs it.
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=1))
        # JIT costs 75-130 ms per query once a big thread's cost estimate crosses jit_above_cost,
        # far more than it saves on these short, indexed queries.
        server_options = ["-c jit=off"]
        statement_ms = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000, minimum=0)
        if statement_ms:
            server_options.append(f"-c statement_timeout={statement_ms}")
        options["options"] = " ".join(server_options)
    return config


if _database_url:
    DATABASES = {"default": _server_database(_database_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "civility.sqlite3"),
            # Kept between requests too: opening one (Django's SQL functions, the PRAGMAs, the
            # schema read) cost ~3 ms of CPU, more than a 300-comment API page.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
                # instead of failing with "database is locked" halfway through.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
TEST_DATABASE_NAME = env_str("TEST_DATABASE_NAME")
if TEST_DATABASE_NAME:
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE_NAME}

# Optional read replica for thread pages and API reads (core.db_router); a reader who has just
# written reads from the primary for DATABASE_REPLICA_PIN_SECONDS, so they see their own post.
_replica_url = env_str("DATABASE_REPLICA_URL")
if _replica_url:
    DATABASES["replica"] = _server_database(_replica_url)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
CIVILITY_READ_REPLICA = "replica" if _replica_url else ""
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 15, minimum=0)
DATABASE_ROUTERS = ["civility.core.db_router.ReplicaRouter"]

# Redis (REDIS_URL) holds the cache, cached sessions and rate-limit counters; unset, a per-process
# memory cache does, as in a one-process install. Redis errors never fail a request: the cache
# reads as empty (core.cache) and rate limits count in the database instead (core.ratelimit).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "civility.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "civility"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Sessions read from Redis and fall back to the database, so Redis down logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rendered thread pages and API reads for anonymous readers (core.page_cache): kept this many
# seconds in the cache (purged at once when a comment on the story changes), and how long a CDN
# in front may keep them (s-maxage; 0 leaves it out). Browsers always revalidate (ETag, 304).
# Off without Redis: a purge in one process cannot reach another process's memory cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120 if REDIS_URL else 0, minimum=0)
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 0, minimum=0)
# Seconds between a story page's checks for new comments (civility.live); hidden tabs wait 8x.
LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 15, minimum=1)
# Seconds a client is told to wait (Retry-After) when the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = env_int("DATABASE_RETRY_AFTER_SECONDS", 10, minimum=1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# whitenoise warns on every request while this is missing (before the first collectstatic).
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names after collectstatic, plain names before (served via the finders).
        "BACKEND": "civility.core.static_storage.CollectedOrFoundStaticStorage"
        if env_bool("CIVILITY_MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve collected files and fall back to app static dirs, so `serve` works without collectstatic.
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = env_bool("CIVILITY_SERVE_MEDIA", True)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "civility@localhost")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every page refuses framing except the embed's thread pages, which name each site's allowed
# origins in CSP frame-ancestors instead (civility.embed).
X_FRAME_OPTIONS = "DENY"
# Third-party frames only get cookies marked SameSite=None, which browsers accept only with
# Secure, so this follows SECURE_COOKIES. SSO readers in the embed need no cookie at all.
EMBED_THIRD_PARTY_COOKIES = SESSION_COOKIE_SECURE and env_bool("EMBED_THIRD_PARTY_COOKIES", True)
if EMBED_THIRD_PARTY_COOKIES:
    SESSION_COOKIE_SAMESITE = "None"
    CSRF_COOKIE_SAMESITE = "None"
# How long the embed token that keeps an SSO reader signed in inside the frame lasts.
EMBED_TOKEN_SECONDS = env_int("EMBED_TOKEN_SECONDS", 2 * 60 * 60, minimum=60)
# Stories the embed may start (anyone can load it, with any URL under an allowed prefix), per
# client address and per site, each in an hour.
EMBED_NEW_STORIES_PER_ADDRESS = env_int("EMBED_NEW_STORIES_PER_ADDRESS", 30, minimum=1)
EMBED_NEW_STORIES_PER_SITE = env_int("EMBED_NEW_STORIES_PER_SITE", 1000, minimum=1)
# Publishers' SSO tokens: the longest exp - iat accepted, and the clock skew forgiven.
SSO_MAX_TOKEN_SECONDS = env_int("SSO_MAX_TOKEN_SECONDS", 60 * 60, minimum=30)
SSO_CLOCK_LEEWAY_SECONDS = env_int("SSO_CLOCK_LEEWAY_SECONDS", 30, minimum=0)

# OpenID Connect login (mozilla-django-oidc): off unless the provider is configured.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
        )
        if not globals()[name]
    ]
    if OIDC_RP_SIGN_ALGO.startswith("RS") and not OIDC_OP_JWKS_ENDPOINT:
        _missing.append("OIDC_OP_JWKS_ENDPOINT")
    if _missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so OpenID Connect needs " + ", ".join(_missing)
        )
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("civility.sso.oidc.CivilityOIDCBackend")
# Content-Security-Policy for HTML pages (core.security_headers); empty keeps the strict default.
CONTENT_SECURITY_POLICY = env_str("CONTENT_SECURITY_POLICY")
# HSTS: sent by SecurityMiddleware on https responses only; set once TLS works for good.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Log-in and password-reset throttles (accounts.throttle): attempts per window, in seconds.
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
PASSWORD_RESETS_PER_EMAIL = env_int("PASSWORD_RESETS_PER_EMAIL", 3, minimum=1)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10, minimum=1)
PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 60 * 60, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=1024)

# API write limits, "count/seconds", per token and per client address.
API_TOKEN_WRITE_RATE = env_str("API_TOKEN_WRITE_RATE", "120/60")
API_ADDRESS_WRITE_RATE = env_str("API_ADDRESS_WRITE_RATE", "60/60")

# Client addresses: the socket address, unless the request came from one of these proxies.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# Discussion rules.
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 5000, minimum=1)
COMMENT_EDIT_WINDOW_SECONDS = env_int("COMMENT_EDIT_WINDOW_SECONDS", 15 * 60, minimum=0)
AVATAR_MAX_BYTES = env_int("AVATAR_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
AVATAR_SIZE = 128
# Indentation stops here on screen; storage depth is unlimited.
THREAD_MAX_INDENT = env_int("THREAD_MAX_INDENT", 6, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# classifier: scorer backends (averaged when several), per-label threshold overrides, backend options.
CIVILITY_SCORER_BACKENDS = env_list("CIVILITY_SCORER_BACKENDS", ["linear"])
CIVILITY_SCORER_THRESHOLDS: dict[str, float] = {}
CIVILITY_SCORER_OPTIONS: dict[str, dict] = {
    "http": {
        "url": env_str("CIVILITY_SCORER_HTTP_URL"),
        "timeout": env_int("CIVILITY_SCORER_HTTP_TIMEOUT_MS", 2000, minimum=1) / 1000,
    },
    "detoxify": {
        "checkpoint": env_str("CIVILITY_DETOXIFY_CHECKPOINT"),
        "config_dir": env_str("CIVILITY_DETOXIFY_CONFIG_DIR"),
    },
}

# Background work (core.tasks): with no broker, tasks run inline after commit in the web process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only when it has finished, so a worker killed mid-task leaves it queued
# for another worker; tasks are written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Several installs (or a load test) can share one broker by naming their own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "civility")
# Periodic work, run by `civility worker --beat` (one such worker per install).
CELERY_BEAT_SCHEDULE = {
    "prune-task-runs-and-counters": {"task": "civility.core.tasks.prune", "schedule": 3600.0},
}
# Task-run keys (core.tasks.once) are kept this long, longer than any broker redelivers a task.
TASK_RUN_KEEP_DAYS = env_int("TASK_RUN_KEEP_DAYS", 7, minimum=1)

# Webhooks (docs/webhooks.md): one attempt per task with a short timeout; failures wait
# base * 4^(n-1) seconds (capped) for the sweep, then give up after WEBHOOK_MAX_ATTEMPTS.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5, minimum=1)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30, minimum=1)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 12 * 3600, minimum=1)
# Off by default: webhooks may not reach loopback, private or link-local addresses (SSRF).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
# Delivered and given-up deliveries (and their attempts) are deleted after this many days.
WEBHOOK_KEEP_DAYS = env_int("WEBHOOK_KEEP_DAYS", 30, minimum=1)
CELERY_BEAT_SCHEDULE["deliver-due-webhooks"] = {
    "task": "civility.webhooks.deliver_due",
    "schedule": 60.0,
}

# E-mail notifications (docs/notifications.md): readers' default mode ("immediate", "digest" or
# "off"), whether they follow their own comments unless they change it, and when digests go out.
NOTIFICATIONS_DEFAULT_MODE = env_str("NOTIFICATIONS_DEFAULT_MODE", "immediate")
NOTIFICATIONS_FOLLOW_OWN_COMMENTS = env_bool("NOTIFICATIONS_FOLLOW_OWN_COMMENTS", True)
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 7, minimum=0)
CELERY_BEAT_SCHEDULE["send-digests"] = {
    "task": "civility.notifications.send_digests",
    "schedule": crontab(minute=0, hour=NOTIFICATIONS_DIGEST_HOUR),
}
