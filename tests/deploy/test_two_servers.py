"""Two gunicorn servers behind a real nginx share PostgreSQL and Redis: nothing is lost.

The servers run with the project's gunicorn.conf.py and nginx with
deploy/nginx.conf.template, as README "Deploying" says; see tests/deploy/stack.py.
"""

import hashlib
import re
import secrets
import time
import uuid

import pytest
import redis
import sqlalchemy as sa

from tests.deploy.stack import (
    NGINX,
    REDIS_URL,
    ROOT,
    Browser,
    Stack,
    check_prerequisites,
    database_name,
    free_port,
    nginx_main_config,
    render_nginx,
    server_environment,
    server_url,
)
from tests.factories import BankWriter, make_question, make_quiz

QUESTIONS = 6
RIGHT = "Ada Lovelace"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
START_TOKEN = re.compile(r'name="start_token" type="hidden" value="([^"]+)"')


def _bank(folder):
    """Write a bank of QUESTIONS single-choice questions in one quiz."""
    questions = [make_question("single_choice", id=f"two-{n}",
                               prompt=f"Question {n}: who is the minister?")
                 for n in range(1, QUESTIONS + 1)]
    return BankWriter(folder).write(questions=questions, quizzes=[make_quiz()])


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """Start PostgreSQL-backed app servers on two ports and nginx in front of them."""
    check_prerequisites()
    folder = tmp_path_factory.mktemp("stack")
    name, server = database_name(), sa.engine.make_url(server_url())
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    prefix = f"quizapp-two-{uuid.uuid4().hex}"
    url = server.set(database=name).render_as_string(hide_password=False)
    running = Stack(folder, server_environment(url, prefix), url)
    try:
        running.run("flask", "--app", "quizapp", "db", "upgrade")
        running.run("flask", "--app", "quizapp", "bank", "load", str(_bank(folder / "bank")))
        for n in (1, 2):
            port = free_port()
            running.env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
            running.apps.append(f"http://127.0.0.1:{port}")
            running.start(f"app{n}", ["gunicorn", "-c", "gunicorn.conf.py",
                                      "quizapp:create_app()"], running.apps[-1] + "/healthz")
        _start_nginx(running)
        yield running
    finally:
        running.stop()
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _start_nginx(running):
    """Render the project's nginx template for the two servers and start nginx."""
    port = free_port()
    include = running.folder / "quizapp.conf"
    include.write_text(render_nginx({
        "QUIZAPP_LISTEN": f"127.0.0.1:{port}",
        "QUIZAPP_APP_1": running.apps[0].removeprefix("http://"),
        "QUIZAPP_APP_2": running.apps[1].removeprefix("http://"),
        "QUIZAPP_STATIC_ROOT": ROOT / "quizapp" / "static",
    }))
    main = running.folder / "nginx.conf"
    main.write_text(nginx_main_config(running.folder, include))
    running.nginx = f"http://127.0.0.1:{port}"
    running.start("nginx", [NGINX, "-p", str(running.folder), "-c", str(main),
                            "-e", str(running.folder / "error.log")],
                  running.nginx + "/healthz")


def _rotation(stack):
    """Return the servers a learner's requests go to, in turn: app 1, app 2, nginx."""
    return [*stack.apps, stack.nginx]


def _query(stack, sql, **params):
    """Return the rows of a query on the servers' database."""
    engine = sa.create_engine(stack.database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql), params).all()
    finally:
        engine.dispose()


def test_a_learner_alternating_between_servers_loses_nothing(stack):
    """Every request goes to the next server; every answer is stored once and counted."""
    browser, turn = Browser(), iter(_rotation(stack) * 100)
    status, _, page = browser.send(next(turn) + "/quiz/test-quiz")
    assert status == 200
    status, headers, _ = browser.send(next(turn) + "/quiz/test-quiz/start", {
        "display_name": "Ann", "start_token": START_TOKEN.search(page).group(1),
        "csrf_token": CSRF.search(page).group(1)})
    assert status == 302, "start"
    public_id = headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    for position in range(1, QUESTIONS + 1):
        question = f"/attempt/{public_id}/q/{position}"
        status, _, page = browser.send(next(turn) + question)
        assert status == 200 and f'value="{RIGHT}"' in page
        answer = {"answer": RIGHT, "go": "next", "csrf_token": CSRF.search(page).group(1)}
        assert browser.send(next(turn) + question, answer)[0] == 302
        if position == 1:  # the learner's retry lands on the other server: still one answer
            assert browser.send(next(turn) + question, answer)[0] == 302
    status, _, page = browser.send(next(turn) + f"/attempt/{public_id}/review")
    assert status == 200
    review = {"csrf_token": CSRF.search(page).group(1)}
    assert browser.send(next(turn) + f"/attempt/{public_id}/review", review)[0] == 302
    status, _, page = browser.send(next(turn) + f"/attempt/{public_id}/result")
    assert status == 200
    (attempt,) = _query(stack, "SELECT id, score, max_score, submitted_at FROM attempt "
                               "WHERE public_id = :p", p=public_id)
    assert attempt.submitted_at is not None
    assert (attempt.score, attempt.max_score) == (QUESTIONS, QUESTIONS)
    rows = _query(stack, "SELECT position, answer, answered_at, score FROM response "
                         "WHERE attempt_id = :a ORDER BY position", a=attempt.id)
    assert [row.position for row in rows] == list(range(1, QUESTIONS + 1))
    assert all(row.answer == RIGHT and row.answered_at and row.score == 1 for row in rows)


def test_rate_limit_counts_are_shared_through_redis(stack):
    """Wrong join codes sent to either server (or through nginx) share one count."""
    browser, turn = Browser(), iter(_rotation(stack) * 10)
    token = CSRF.search(browser.send(stack.nginx + "/")[2]).group(1)
    statuses = [browser.send(next(turn) + "/join", {"code": "NOPE99", "csrf_token": token})[0]
                for _ in range(21)]
    # The default JOIN_RATE_LIMIT allows 20 a minute: counted per process, four worker
    # processes would each have seen about five and let all 21 through.
    assert statuses == [400] * 20 + [429]


def test_static_files_come_from_nginx_with_long_cache_headers(stack):
    """A page's static URL is served by nginx itself, cacheable for a year."""
    page = Browser().send(stack.nginx + "/")[2]
    url = re.search(r'href="(/static/quizapp\.css\?v=([0-9a-f]+))"', page)
    css = (ROOT / "quizapp" / "static" / "quizapp.css").read_bytes()
    assert url.group(2) == hashlib.sha256(css).hexdigest()[: len(url.group(2))]
    status, headers, body = Browser().send(stack.nginx + url.group(1))
    assert status == 200 and body.encode() == css
    cache = headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache
    assert "X-Request-ID" not in headers  # the app never saw it
    assert not [line for name in ("app1", "app2") for line in stack.log_lines(name)
                if line.get("path", "").startswith("/static/")]


def test_nginx_caps_request_bodies(stack):
    """A body over the upload size is refused by nginx before any app server reads it."""
    big = {"code": "x" * (5 * 1024 * 1024)}
    assert Browser().send(stack.nginx + "/join", big)[0] == 413


def test_health_checks_on_every_server(stack):
    """/healthz and /readyz answer 200 on both servers and through nginx, without cookies."""
    for base in _rotation(stack):
        for path in ("/healthz", "/readyz"):
            browser = Browser()
            status, _, body = browser.send(base + path)
            assert status == 200 and '"ok"' in body, (base, path, body)
            assert len(browser.cookies) == 0


def once_logged(read, done, seconds=5.0):
    """Return `read()` as soon as `done` holds for it, or as it is after `seconds`: servers
    write a request's log line after its response, so a test may read before it lands."""
    deadline = time.monotonic() + seconds
    while True:
        found = read()
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_request_ids_run_from_nginx_through_the_app_logs(stack):
    """The client's request id is echoed, and the same id is in nginx's JSON and in the one
    JSON line the app server writes for the request."""
    given = f"deploy-{secrets.token_hex(8)}"
    status, headers, _ = Browser().send(stack.nginx + "/quiz/test-quiz",
                                        headers={"X-Request-ID": given})
    assert status == 200 and headers["X-Request-ID"] == given
    made = Browser().send(stack.nginx + "/healthz")[1]["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)  # nginx's own $request_id, kept by the app
    # gunicorn writes the line after the response, and the app would write its own first.
    app_lines = once_logged(
        lambda: [line for name in ("app1", "app2") for line in stack.log_lines(name)
                 if line.get("request_id") == given],
        bool)
    (line,) = app_lines
    assert line["logger"] == "quizapp.request"
    assert line["path"] == "/quiz/test-quiz" and line["status"] == 200
    assert line["method"] == "GET" and line["duration_ms"] >= 0 and line["bytes"] > 0
    assert line["remote_addr"] == "127.0.0.1"
    nginx_ids = once_logged(lambda: {line["request_id"] for line in stack.log_lines("nginx")},
                            lambda ids: {given, made} <= ids)
    assert {given, made} <= nginx_ids


def test_a_hostile_path_is_logged_as_one_line(stack):
    """An encoded line break, quote and backslash in the path: the app server still writes
    one JSON line for the request (log_lines reads every line as JSON), and no query."""
    given = f"hostile-{secrets.token_hex(8)}"
    status = Browser().send(stack.nginx + '/quiz/a%0A%7B%22x%22%3A1%7D%22%5C?code=SECRET-9',
                            headers={"X-Request-ID": given})[0]
    assert status in (400, 404)
    lines = once_logged(
        lambda: [line for name in ("app1", "app2") for line in stack.log_lines(name)
                 if line.get("request_id") == given],
        bool)
    (line,) = lines
    assert line["path"] == '/quiz/a\n{"x":1}"\\' and line["status"] == status
    assert not any("SECRET-9" in stack.logs[name].read_text("utf-8") for name in ("app1", "app2"))


def test_the_app_believes_one_proxy(stack):
    """With TRUSTED_PROXIES=1 the address logged is the one the proxy reports."""
    given = f"proxy-{secrets.token_hex(8)}"
    Browser().send(stack.apps[0] + "/healthz",
                   headers={"X-Request-ID": given, "X-Forwarded-For": "198.51.100.4"})
    lines = once_logged(
        lambda: [line for line in stack.log_lines("app1")
                 if line.get("request_id") == given and line["logger"] == "quizapp.request"],
        bool)
    (line,) = lines
    assert line["remote_addr"] == "198.51.100.4"


def test_readyz_is_503_on_a_live_server_while_the_database_is_behind(stack):
    """Downgrade one migration under the running servers: not ready until upgraded again."""
    stack.run("flask", "--app", "quizapp", "db", "downgrade")
    try:
        status, _, body = Browser().send(stack.apps[1] + "/readyz")
        assert status == 503 and "newest migration" in body
        assert Browser().send(stack.apps[1] + "/healthz")[0] == 200
    finally:
        stack.run("flask", "--app", "quizapp", "db", "upgrade")
    assert Browser().send(stack.apps[1] + "/readyz")[0] == 200
