"""Account fixtures: cheap password hashes, and a maker of accounts."""

import pytest
from flask import g

from quizapp.auth import services
from quizapp.domain.accounts import normalise_email
from quizapp.extensions import db

# The smallest argon2 parameters: tests hash hundreds of passwords.
CHEAP_HASHES = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(app):
    """Hash passwords with the cheapest argon2 parameters."""
    app.config["PASSWORD_HASH_PARAMETERS"] = dict(CHEAP_HASHES)


@pytest.fixture(autouse=True)
def user_per_request(app):
    """Make every request load its user and CSRF token afresh, as a served app does.

    The app fixture's application context outlives requests, so what Flask-Login and
    Flask-WTF cache on `g` would otherwise pass from one request (and client) to the next.
    """

    @app.before_request
    def forget_cached_user():
        g.pop("_login_user", None)
        g.pop("csrf_token", None)


@pytest.fixture
def make_user(app, cheap_hashes):
    """Return a function that commits an account and returns it."""

    def make(email="ada@example.org", password=PASSWORD, role="teacher", name="Ada"):
        user = services.create_user(normalise_email(email), name, password, role=role)
        db.session.commit()
        return user

    return make


def log_in(client, email="ada@example.org", password=PASSWORD, **extra):
    """Post the log-in form; return the response."""
    return client.post("/account/login", data={"email": email, "password": password, **extra})
