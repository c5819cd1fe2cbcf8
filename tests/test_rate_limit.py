"""Guessing join codes is rate-limited per client, in memory or in Redis.

The Redis tests need a server at 127.0.0.1:6379 (QUIZAPP_REDIS_URL names another). Without
one they are skipped, unless QUIZAPP_REQUIRE_REDIS=1 (as in CI), when they fail. Each run
counts under a key prefix of its own and deletes only its own keys, so runs in parallel
(or a production Redis) are never touched.
"""

import os
import uuid

import pytest
import redis

from quizapp import create_app
from quizapp.extensions import db, limiter
from tests.conftest import clear_database
from tests.play.helpers import question_url, start

REDIS_URL = os.environ.get("QUIZAPP_REDIS_URL", "redis://127.0.0.1:6379")
LIMIT = "3 per minute"


def _redis_or_skip():
    """Skip (or fail in CI) when no Redis answers."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        message = f"REDIS TESTS: no Redis at {REDIS_URL} ({error})"
        if os.environ.get("QUIZAPP_REQUIRE_REDIS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def _make_app(database_url, storage, prefix=None, redis_url=REDIS_URL):
    """Return an app whose join limit is LIMIT, counting in `storage`."""
    settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test-secret",
                "JOIN_RATE_LIMIT": LIMIT, "RATELIMIT_STORAGE_URI": "memory://"}
    if storage == "redis":
        settings["RATELIMIT_STORAGE_URI"] = redis_url
        # A prefix of this run's own: parallel runs never share (nor delete) counters.
        settings["RATELIMIT_STORAGE_OPTIONS"] = {
            "key_prefix": prefix or f"quizapp-test-{uuid.uuid4().hex}",
            "socket_connect_timeout": 1}
    return create_app(settings)


@pytest.fixture(params=["memory", "redis"])
def storage(request):
    """Name the rate-limit storage under test."""
    if request.param == "redis":
        _redis_or_skip()
    return request.param


@pytest.fixture
def limited_app(database_url, storage):
    """Return an app with a small join limit; its Redis keys are deleted afterwards."""
    app = _make_app(database_url, storage)
    with app.app_context():
        yield app
        limiter.reset()  # on Redis this deletes this run's prefixed keys only
        clear_database()
        db.engine.dispose()


def _guess(client, code="NOPE99", address="192.0.2.1"):
    """Type a join code from a client address."""
    return client.post("/join", data={"code": code}, environ_base={"REMOTE_ADDR": address})


def test_wrong_codes_are_limited_with_a_friendly_page(limited_app, bank_writer):
    """After the limit, a client gets a 429 page in the layout with Retry-After."""
    bank_writer.load()
    client = limited_app.test_client()
    for _ in range(3):
        assert _guess(client).status_code == 400
    response = _guess(client)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many tries" in page and "Wait a minute" in page and "Skip to content" in page
    assert int(response.headers["Retry-After"]) > 0
    assert _guess(client, code="TEST01").status_code == 429


def test_the_limit_is_per_client(limited_app, bank_writer):
    """Another address still joins while one is throttled."""
    bank_writer.load()
    client = limited_app.test_client()
    for _ in range(4):
        _guess(client)
    assert _guess(client, address="192.0.2.1").status_code == 429
    assert _guess(client, code="TEST01", address="192.0.2.2").status_code == 302


def test_right_codes_do_not_count(limited_app, bank_writer):
    """A class behind one address joining with the right code is never throttled."""
    bank_writer.load()
    client = limited_app.test_client()
    for _ in range(10):
        assert _guess(client, code="test01").status_code == 302
    assert _guess(client).status_code == 400


def test_only_join_is_limited(limited_app, bank_writer):
    """Once join codes are throttled, the rest of the site still works for that client."""
    bank_writer.load()
    client = limited_app.test_client()
    for _ in range(4):
        _guess(client)
    for url in ("/", "/quiz/test-quiz", "/sources/"):
        assert client.get(url, environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200


def test_redis_counts_are_shared_between_workers(database_url, bank_writer):
    """Two app instances on one Redis (two workers) share the count; memory ones do not."""
    _redis_or_skip()
    counts = {}
    for storage in ("memory", "redis"):
        prefix = f"quizapp-test-{uuid.uuid4().hex}"
        first = _make_app(database_url, storage, prefix)
        with first.app_context():
            bank_writer.load()
            for _ in range(3):
                _guess(first.test_client())
            db.session.remove()
            db.engine.dispose()
        second = _make_app(database_url, storage, prefix)
        with second.app_context():
            counts[storage] = _guess(second.test_client()).status_code
            limiter.reset()
            clear_database()
            db.engine.dispose()
    assert counts == {"memory": 400, "redis": 429}


def test_an_unreachable_redis_does_not_stop_learners(database_url, bank_writer):
    """With the limit store down, joining still works (counted in memory meanwhile)."""
    app = _make_app(database_url, "redis", redis_url="redis://127.0.0.1:1")
    with app.app_context():
        bank_writer.load()
        client = app.test_client()
        assert _guess(client, code="TEST01").status_code == 302
        statuses = [_guess(client).status_code for _ in range(5)]
        clear_database()
        db.engine.dispose()
    assert set(statuses) <= {400, 429} and statuses[0] == 400


def test_a_default_limit_still_covers_the_question_page(database_url, bank_writer):
    """The question page skips the limiter's work only while no default limit is set."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test-secret",
                      "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_DEFAULT": "3 per minute"})
    with app.app_context():
        try:
            bank_writer.load()
            client = app.test_client()
            attempt = start(client)
            pages = [client.get(question_url(attempt, 1)).status_code for _ in range(4)]
            assert pages == [200, 200, 200, 429]
        finally:
            limiter.reset()
            clear_database()
            db.engine.dispose()
