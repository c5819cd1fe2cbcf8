"""Health checks, request ids and logs, static URLs and production settings, in process."""

import json
import uuid

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from quizapp import MIGRATIONS_DIR, config, create_app
from quizapp.extensions import db


def _app(url, **settings):
    """Return an app on `url` with testing switched on."""
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                       "SQLALCHEMY_DATABASE_URI": url, **settings})


def _request_lines(output):
    """Return the JSON request log lines in captured standard output."""
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("logger") == "quizapp.request"]


def test_healthz_answers_without_a_database_or_a_cookie(tmp_path):
    """/healthz says ok even when the database cannot be reached, and sets no cookie."""
    app = _app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_ok_at_head_and_sets_no_cookie(app):
    """On the migrated test database /readyz says ok and names the head revision."""
    response = app.test_client().get("/readyz")
    assert response.status_code == 200, response.json
    assert response.json["status"] == "ok"
    assert response.json["database_revision"] == response.json["head_revision"]
    assert "Set-Cookie" not in response.headers


def test_readyz_is_503_when_the_database_is_unreachable():
    """Nothing listening on the database port: 503 with a reason, quickly."""
    app = _app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["reason"].startswith("database unreachable")


def test_readyz_is_503_until_the_database_reaches_the_newest_migration(tmp_path):
    """A database one migration behind is not ready; after the upgrade it is."""
    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(settings).get_current_head()
    previous = ScriptDirectory.from_config(settings).get_revision(head).down_revision
    app = _app(f"sqlite:///{tmp_path / 'behind.sqlite'}")
    with app.app_context():
        upgrade(revision=previous)
        behind = app.test_client().get("/readyz")
        upgrade()
        ready = app.test_client().get("/readyz")
        db.engine.dispose()
    assert behind.status_code == 503
    assert "newest migration" in behind.json["reason"]
    assert behind.json["database_revision"] == [previous]
    assert behind.json["head_revision"] == [head]
    assert ready.status_code == 200


def test_health_checks_are_never_rate_limited_nor_sent_to_https(database_url):
    """A load balancer polling over plain HTTP is never throttled nor redirected."""
    app = _app(database_url, RATELIMIT_DEFAULT="2 per minute", RATELIMIT_STORAGE_URI="memory://",
               FORCE_HTTPS=True)
    client = app.test_client()
    assert [client.get("/", base_url="https://localhost").status_code
            for _ in range(3)] == [200, 200, 429]
    # Over plain HTTP, as a balancer polls: no 429, no redirect to HTTPS.
    statuses = {client.get(path).status_code for path in ["/healthz", "/readyz"] * 5}
    assert statuses == {200}
    with app.app_context():
        db.engine.dispose()


def test_one_apps_default_limit_does_not_throttle_the_next_app(database_url):
    """Limits are read from each app's own settings: an app made after one with a tight
    default limit serves page after page."""
    throttled = _app(database_url, RATELIMIT_DEFAULT="1 per minute", RATELIMIT_STORAGE_URI="memory://")
    assert [throttled.test_client().get("/").status_code for _ in range(2)] == [200, 429]
    later = _app(database_url, RATELIMIT_STORAGE_URI="memory://")
    assert {later.test_client().get("/").status_code for _ in range(5)} == {200}
    for app in (throttled, later):
        with app.app_context():
            db.engine.dispose()


def test_the_apps_own_messages_are_json_lines_with_the_request_id(capsys):
    """A server that is not ready says why in a JSON line carrying the request's id."""
    unreachable = _app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = unreachable.test_client().get("/readyz", headers={"X-Request-ID": "ready-1234"})
    assert response.status_code == 503
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    (warning,) = [line for line in lines if line["logger"] == "quizapp"]
    assert warning["level"] == "WARNING" and warning["request_id"] == "ready-1234"
    assert warning["message"].startswith("not ready: database unreachable")


@pytest.mark.parametrize("given, kept", [
    ("abcdef12-3456-7890", True),
    ("nginx-" + "a" * 32, True),
    ("short", False),
    ("has space in it", False),
    ("x" * 129, False),
    ("bad\"quote'here", False),
])
def test_request_ids_are_kept_only_when_well_formed(app, capsys, given, kept):
    """A well-formed incoming X-Request-ID is echoed and logged; any other is replaced."""
    response = app.test_client().get("/healthz", headers={"X-Request-ID": given})
    sent_back = response.headers["X-Request-ID"]
    assert (sent_back == given) is kept
    if not kept:
        assert len(sent_back) == 32 and uuid.UUID(sent_back)
    (line,) = _request_lines(capsys.readouterr().out)
    assert line["request_id"] == sent_back


def test_a_request_log_line_says_what_happened_but_nothing_typed(app, bank_writer, capsys):
    """The line has method, path, status, time, address; no query string, form or cookie."""
    bank_writer.load()
    client = app.test_client()
    client.get("/quiz/test-quiz")
    client.post("/join?code=TEST01", data={"code": "SECRET-CODE-1"},
                environ_base={"REMOTE_ADDR": "192.0.2.7"})
    output = capsys.readouterr().out
    lines = _request_lines(output)
    join = lines[-1]
    assert join["method"] == "POST" and join["path"] == "/join"
    assert join["status"] == 400 and join["remote_addr"] == "192.0.2.7"
    assert isinstance(join["duration_ms"], float) and join["user_id"] is None
    assert join["level"] == "INFO" and join["time"]
    assert "SECRET-CODE-1" not in output and "TEST01" not in output
    assert "session" not in output.lower()


def test_a_teachers_request_logs_their_account_id(app, make_user, capsys):
    """When the page loads the account, its id is in the line."""
    from tests.factories import log_in

    user = make_user()
    client = app.test_client()
    log_in(client)
    capsys.readouterr()
    client.get("/teach/")
    (line,) = _request_lines(capsys.readouterr().out)
    assert line["path"] == "/teach/" and line["user_id"] == user.id


def test_the_account_id_is_left_for_the_servers_line(app, make_user, capsys):
    """With the app's own line off (under gunicorn), the account id is still handed on, in
    the WSGI environ the server logs from; a visitor without an account hands on none."""
    from quizapp.ops.requestlog import USER_ID_KEY
    from tests.factories import log_in

    app.config["REQUEST_LOG"] = False
    served, inner = [], app.wsgi_app

    def server_side(environ, start_response):
        served.append(environ)
        return inner(environ, start_response)

    app.wsgi_app = server_side
    user = make_user()
    client = app.test_client()
    client.get("/healthz")
    assert USER_ID_KEY not in served[-1]
    log_in(client)
    client.get("/teach/")
    assert served[-1][USER_ID_KEY] == user.id
    assert _request_lines(capsys.readouterr().out) == []


def test_the_request_log_can_be_switched_off(app, capsys):
    """REQUEST_LOG off: no lines, but the id is still sent back."""
    app.config["REQUEST_LOG"] = False
    response = app.test_client().get("/healthz")
    assert response.headers["X-Request-ID"]
    assert _request_lines(capsys.readouterr().out) == []


def test_static_urls_carry_a_hash_of_the_file(app):
    """Pages link static files with ?v=<content hash>; a changed file gets a new URL."""
    page = app.test_client().get("/").get_data(as_text=True)
    assert "/static/quizapp.css?v=" in page and "/static/quizapp.js?v=" in page
    with app.test_client().get("/static/quizapp.css?v=anything") as response:
        assert response.status_code == 200


def test_production_settings_come_from_the_environment(monkeypatch):
    """Redis, pool sizes, proxies and the log switch are read from the environment."""
    for name, value in {"REDIS_URL": "redis://cache.internal:6379/2", "DATABASE_POOL_SIZE": "7",
                        "DATABASE_MAX_OVERFLOW": "3", "DATABASE_POOL_RECYCLE": "600",
                        "DATABASE_PING_AFTER_IDLE": "2",
                        "TRUSTED_PROXIES": "2", "QUIZAPP_REQUEST_LOG": "off",
                        "FORCE_HTTPS": "0", "DATABASE_URL": "postgres://u@db/quizapp"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/2"
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_size"] == 7 and options["max_overflow"] == 3
    assert options["pool_recycle"] == 600 and app.config["DATABASE_PING_AFTER_IDLE"] == 2
    assert options["connect_args"] == {"connect_timeout": 5}
    assert app.config["TRUSTED_PROXIES"] == 2
    assert app.config["REQUEST_LOG"] is False and app.config["FORCE_HTTPS"] is False


def test_an_explicit_storage_wins_over_redis_url_and_sqlite_keeps_its_pool(monkeypatch):
    """RATELIMIT_STORAGE_URI beats REDIS_URL; SQLite gets no server pool settings."""
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")
    app = create_app({"TESTING": True, "RATELIMIT_STORAGE_URI": "memory://",
                      "SQLALCHEMY_DATABASE_URI": "sqlite:///x.sqlite"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == config.DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"]
