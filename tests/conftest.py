"""Shared fixtures: an app per test on a migrated database (SQLite, or PostgreSQL when
DATABASE_URL says so), emptied after every test, and a writer for small test banks."""

import contextlib
import os

import pytest
import sqlalchemy as sa
from flask import g
from flask_migrate import upgrade

from quizapp import BUNDLED_BANK_DIR, create_app
from quizapp.auth import services
from quizapp.bank.loader import load_bank
from quizapp.domain.accounts import normalise_email
from quizapp.domain.bankfiles import read_bank
from quizapp.extensions import db, limiter
from tests.factories import CHEAP_HASHES, PASSWORD, BankWriter


def _database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Return the test database's URL, migrated to head once per session."""
    url = _database_url(tmp_path_factory)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE"))
                connection.execute(sa.text("CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return url


def clear_database():
    """Delete every row, children first, breaking the question/version cycle."""
    db.session.rollback()
    db.session.execute(sa.text("UPDATE question SET current_version_id = NULL"))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def reset_counters():
    """Forget every rate-limit counter; a test that points the limiter at a dead Redis
    has nothing to forget."""
    with contextlib.suppress(Exception):
        limiter.reset()


@pytest.fixture
def app(database_url, tmp_path):
    """Return an app on the test database; every row is deleted afterwards."""
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        # Counters live in this app alone, so no test is throttled by another's requests
        # (nor by a RATELIMIT_STORAGE_URI in the developer's environment).
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    with app.app_context():
        # Counters must not pass from one test to the next, whatever storage keeps them.
        reset_counters()
        yield app
        reset_counters()
        clear_database()
        db.engine.dispose()


@pytest.fixture
def csrf_app(app):
    """Return the app with CSRF protection switched on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture(scope="session")
def bundled_bank():
    """Return the bundled bank, read and validated once per session."""
    return read_bank(BUNDLED_BANK_DIR)


@pytest.fixture
def bank(app, bundled_bank):
    """Load the bundled bank into the test database."""
    load_bank(db.session, bundled_bank)
    db.session.commit()
    return bundled_bank


@pytest.fixture
def bank_writer(tmp_path):
    """Return a BankWriter in a temporary folder."""
    return BankWriter(tmp_path / "bank")


@pytest.fixture
def runner(app):
    """Return a CLI runner for the app's commands."""
    return app.test_cli_runner()


@pytest.fixture(autouse=True)
def cheap_hashes(app):
    """Hash passwords with the cheapest argon2 parameters: tests hash hundreds of them."""
    app.config["PASSWORD_HASH_PARAMETERS"] = dict(CHEAP_HASHES)


@pytest.fixture(autouse=True)
def user_per_request(app):
    """Make every request load its user and CSRF token afresh, as a served app does.

    The app fixture's application context outlives requests, so what Flask-Login and
    Flask-WTF cache on `g` would otherwise pass from one request (and client) to the next.
    It runs first, before any of the app's own hooks can look at the user.
    """

    def forget_cached_user():
        g.pop("_login_user", None)
        g.pop("csrf_token", None)

    app.before_request_funcs.setdefault(None, []).insert(0, forget_cached_user)


@pytest.fixture
def make_user(app, cheap_hashes):
    """Return a function that commits an account and returns it."""

    def make(email="ada@example.org", password=PASSWORD, role="teacher", name="Ada"):
        user = services.create_user(normalise_email(email), name, password, role=role)
        db.session.commit()
        return user

    return make
