"""Pooled connections are checked when they sat idle, and replaced when the server dropped
them; a busy one is trusted, and a drop between busy requests fails one request."""

import pytest
import sqlalchemy as sa

from quizapp import create_app
from quizapp.extensions import db


def _app_checking_after(database_url, seconds):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                       "SECRET_KEY": "test-secret", "RATELIMIT_STORAGE_URI": "memory://",
                       "DATABASE_PING_AFTER_IDLE": seconds})


def _drop_pooled_connections(app):
    """Close every connection waiting in the pool behind its back, as a restarted server
    or a firewall does."""
    with app.app_context():
        pooled = list(db.engine.pool._pool.queue)  # noqa: SLF001 - listed nowhere else
        assert pooled, "the request before left its connection in the pool"
        for record in pooled:
            record.dbapi_connection.close()


def _dispose(app):
    with app.app_context():
        db.engine.dispose()


def test_a_connection_dropped_while_idle_is_replaced_before_use(database_url):
    """A connection idle past DATABASE_PING_AFTER_IDLE is checked first: a dropped one is
    replaced and the learner sees the page."""
    app = _app_checking_after(database_url, 0)
    client = app.test_client()
    assert client.get("/").status_code == 200
    _drop_pooled_connections(app)
    assert client.get("/").status_code == 200
    _dispose(app)


def test_a_connection_dropped_between_busy_requests_fails_one_request(database_url):
    """A connection used moments ago is not checked: if the server dropped it meanwhile,
    that one request fails, and the pool's connections are all replaced for the next."""
    app = _app_checking_after(database_url, 3600)
    client = app.test_client()
    assert client.get("/").status_code == 200
    _drop_pooled_connections(app)
    with pytest.raises(sa.exc.DBAPIError) as failed:
        client.get("/")
    assert failed.value.connection_invalidated
    assert client.get("/").status_code == 200
    _dispose(app)
