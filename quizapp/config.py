"""Default configuration; the instance folder and the environment override it."""

import os

DEFAULT_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - refused in production, see create_app

DEFAULTS = {
    "SECRET_KEY": DEFAULT_SECRET_KEY,
    "SQLALCHEMY_DATABASE_URI": None,  # filled in by create_app: a SQLite file in instance/
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 60,  # a learner can come back for two months
    "WTF_CSRF_TIME_LIMIT": None,  # a quiz page may stay open for a whole lesson
    "FORCE_HTTPS": False,
    "BABEL_DEFAULT_LOCALE": "en",
}

# Environment variables read on top of the defaults and instance/config.py.
ENVIRONMENT_KEYS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
}


def from_environment(environ=os.environ):
    """Return the settings given through environment variables."""
    return {key: environ[name] for name, key in ENVIRONMENT_KEYS.items() if environ.get(name)}


def normalise_database_url(url):
    """Return a SQLAlchemy URL, accepting the postgres:// spelling hosting platforms use."""
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url
