"""Default configuration; the instance folder and the environment override it."""

import os

from quizapp.domain.safefiles import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES

DEFAULT_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - refused when serving, see create_app

# A secret shorter than this (in bytes) is refused outside debug and testing.
MIN_SECRET_KEY_BYTES = 32

DEFAULTS = {
    "SECRET_KEY": DEFAULT_SECRET_KEY,
    "SQLALCHEMY_DATABASE_URI": None,  # filled in by create_app: a SQLite file in instance/
    # Passed to the engine; the DATABASE_POOL_* settings fill in its pool on PostgreSQL.
    "SQLALCHEMY_ENGINE_OPTIONS": {},
    # Seconds a pooled connection may sit idle and still be used without a check first
    # (extensions.ping_idle_connections); 0 checks before every use, as pool_pre_ping does.
    "DATABASE_PING_AFTER_IDLE": 1,
    # Connections one worker process keeps open, and how many more it may open at a peak.
    # A sync gunicorn worker uses one at a time; a threaded one up to its thread count.
    "DATABASE_POOL_SIZE": 5,
    "DATABASE_MAX_OVERFLOW": 5,
    "DATABASE_POOL_RECYCLE": 1800,  # seconds: reopen before a firewall or server drops it
    "DATABASE_POOL_TIMEOUT": 10,  # seconds a request waits for a free connection
    "DATABASE_CONNECT_TIMEOUT": 5,  # seconds to reach PostgreSQL, so /readyz answers fast
    # Redis for everything shared between app servers (rate-limit counters for now).
    "REDIS_URL": None,
    # JSON request log lines on standard output, and the level of the app's own logs.
    "REQUEST_LOG": True,
    "LOG_LEVEL": "INFO",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 60,  # a learner can come back for two months
    "WTF_CSRF_TIME_LIMIT": None,  # a quiz page may stay open for a whole lesson
    "FORCE_HTTPS": False,
    "BABEL_DEFAULT_LOCALE": "en",
    # Request size limits: a learner's form is a few kilobytes. Raise them for uploads.
    "MAX_CONTENT_LENGTH": 64 * 1024,  # bytes in one request body
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,  # bytes in one form field
    "MAX_FORM_PARTS": 200,  # fields in one form
    # Bytes in one request to a page that takes a file (an article, a question file).
    "UPLOAD_MAX_BYTES": 4 * 1024 * 1024,
    # Number of proxies in front of the app whose X-Forwarded-For/-Proto headers are trusted.
    "TRUSTED_PROXIES": 0,
    # Rate limits (Flask-Limiter); memory:// counts per worker process, use Redis with several.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": None,  # filled in by create_app: REDIS_URL, else memory://
    "RATELIMIT_KEY_PREFIX": "",  # e.g. "quizapp" for a Redis shared with other apps
    "RATELIMIT_STORAGE_OPTIONS": {},
    "RATELIMIT_STRATEGY": "fixed-window",
    "RATELIMIT_HEADERS_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,  # if Redis is down, serve learners rather than fail
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    # Wrong join codes one client may type (successful joins do not count).
    "JOIN_RATE_LIMIT": "20 per minute; 200 per hour",
    # Failed log-ins (and wrong current passwords) one client may make.
    "LOGIN_RATE_LIMIT": "10 per minute; 50 per hour",
    # Sign-up forms one client may send, successful or not.
    "SIGNUP_RATE_LIMIT": "5 per minute; 20 per hour",
    # "open": anyone may sign up as a teacher; "invite": only with an admin's one-time link.
    "SIGNUP": "open",
    "INVITATION_DAYS": 14,  # how long an invitation link stays usable
    # argon2-cffi PasswordHasher arguments; empty means the library's (RFC 9106) defaults.
    # Changing them rehashes each password at its owner's next log-in.
    "PASSWORD_HASH_PARAMETERS": {},
    # The bank loader reads no file larger than this, and no more than this in all.
    "BANK_MAX_FILE_BYTES": DEFAULT_MAX_FILE_BYTES,
    "BANK_MAX_TOTAL_BYTES": DEFAULT_MAX_TOTAL_BYTES,
    # A question file to import (GIFT, Aiken, Moodle XML, CSV, a set file): refused above
    # this many bytes before it is decoded or parsed, and above this many questions.
    "IMPORT_MAX_BYTES": 2 * 1024 * 1024,
    "IMPORT_MAX_QUESTIONS": 1000,
}

# Environment variables read on top of the defaults and instance/config.py.
ENVIRONMENT_KEYS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "QUIZAPP_SIGNUP": "SIGNUP",
    "REDIS_URL": "REDIS_URL",
    "RATELIMIT_KEY_PREFIX": "RATELIMIT_KEY_PREFIX",
    "DATABASE_POOL_SIZE": "DATABASE_POOL_SIZE",
    "DATABASE_MAX_OVERFLOW": "DATABASE_MAX_OVERFLOW",
    "DATABASE_POOL_RECYCLE": "DATABASE_POOL_RECYCLE",
    "DATABASE_POOL_TIMEOUT": "DATABASE_POOL_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT": "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_PING_AFTER_IDLE": "DATABASE_PING_AFTER_IDLE",
    "QUIZAPP_REQUEST_LOG": "REQUEST_LOG",
    "QUIZAPP_LOG_LEVEL": "LOG_LEVEL",
    "TRUSTED_PROXIES": "TRUSTED_PROXIES",
    "FORCE_HTTPS": "FORCE_HTTPS",
}

# Settings read from the environment as whole numbers or switches rather than text.
INTEGER_KEYS = {"TRUSTED_PROXIES", "DATABASE_POOL_SIZE", "DATABASE_MAX_OVERFLOW",
                "DATABASE_POOL_RECYCLE", "DATABASE_POOL_TIMEOUT", "DATABASE_CONNECT_TIMEOUT",
                "DATABASE_PING_AFTER_IDLE"}
SWITCH_KEYS = {"REQUEST_LOG", "FORCE_HTTPS"}


def from_environment(environ=os.environ):
    """Return the settings given through environment variables."""
    settings = {key: environ[name] for name, key in ENVIRONMENT_KEYS.items()
                if environ.get(name)}
    for key in INTEGER_KEYS & settings.keys():
        settings[key] = int(settings[key])
    for key in SWITCH_KEYS & settings.keys():
        settings[key] = settings[key].strip().lower() not in ("0", "false", "no", "off")
    return settings


def engine_options(settings, url):
    """Return the engine options: the configured ones, with the pool filled in for a server.

    SQLite keeps SQLAlchemy's own pool for a file; PostgreSQL gets the DATABASE_POOL_*
    sizes and a connect timeout, unless SQLALCHEMY_ENGINE_OPTIONS names them itself.
    """
    options = dict(settings.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if url.startswith("sqlite"):
        return options
    options.setdefault("pool_size", int(settings["DATABASE_POOL_SIZE"]))
    options.setdefault("max_overflow", int(settings["DATABASE_MAX_OVERFLOW"]))
    options.setdefault("pool_recycle", int(settings["DATABASE_POOL_RECYCLE"]))
    options.setdefault("pool_timeout", int(settings["DATABASE_POOL_TIMEOUT"]))
    if url.startswith("postgresql"):
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("connect_timeout", int(settings["DATABASE_CONNECT_TIMEOUT"]))
        options["connect_args"] = connect_args
    return options


def normalise_database_url(url):
    """Return a SQLAlchemy URL, accepting the postgres:// spelling hosting platforms use."""
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url
