"""The edge: oversize requests, control characters and malformed ids are refused before any
view or database sees them, with readable pages, and nothing is written."""

import io

import pytest
import sqlalchemy as sa
from flask import abort

from quizapp.domain.bankfiles import SLUG
from quizapp.edge import SlugConverter
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from tests.play.helpers import question_url, start

LAYOUT = ("Skip to content", "Back to the quizzes")


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body of an oversize request was read")


def _counts():
    """Return (attempts, answered responses) in the database."""
    db.session.expire_all()
    return (db.session.scalar(sa.select(sa.func.count(Attempt.id))),
            db.session.scalar(sa.select(sa.func.count(Response.id))
                              .where(Response.answered_at.is_not(None))))


def _post_urls(attempt):
    """Return every URL that takes a POST, for an attempt in progress."""
    return ["/join", "/quiz/test-quiz/start", question_url(attempt, 1),
            f"/attempt/{attempt.public_id}/review"]


def _assert_page(response, status, *texts):
    """Check a refused request got a page in the site's layout that explains itself."""
    assert response.status_code == status
    page = response.get_data(as_text=True)
    for text in (*LAYOUT, *texts):
        assert text in page
    assert "<title>" in page and "Werkzeug" not in page


def test_oversize_body_is_refused_at_once_without_reading_it(client, bank_writer):
    """A body announced as larger than MAX_CONTENT_LENGTH gets 413 before a byte is read."""
    bank_writer.load()
    attempt = start(client)
    before = _counts()
    for url in _post_urls(attempt):
        response = client.post(url, environ_overrides={
            "wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(10**9),
            "CONTENT_TYPE": "application/x-www-form-urlencoded"})
        _assert_page(response, 413, "too much to send", "Nothing was saved")
    assert _counts() == before


class EndlessBody(io.RawIOBase):
    """A chunked request body that never ends; counts what was read of it."""

    def __init__(self):
        self.taken = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.taken += len(buffer)
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_streamed_oversize_body_is_refused(client, bank_writer):
    """A body with no Content-Length (chunked) is read only up to the limit, then refused."""
    bank_writer.load()
    attempt = start(client)
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    for url in _post_urls(attempt):
        body = EndlessBody()
        response = client.post(url, environ_overrides={
            "wsgi.input": body, "wsgi.input_terminated": True,
            "CONTENT_TYPE": "application/x-www-form-urlencoded"})
        _assert_page(response, 413, "too much to send")
        assert body.taken <= limit + 64 * 1024
    assert _counts() == (1, 0)


def test_a_megabyte_form_to_join_is_refused(client, bank_writer):
    """The review's attack in small: a large form to /join gets 413, not a parse."""
    bank_writer.load()
    response = client.post("/join", data={"code": "A" * 1_000_000})
    _assert_page(response, 413, "too much to send")


@pytest.mark.parametrize("multipart", [False, True])
def test_too_many_form_fields_are_refused(client, bank_writer, multipart):
    """More fields than MAX_FORM_PARTS get 413, url-encoded or multipart alike."""
    bank_writer.load()
    attempt = start(client)
    parts = client.application.config["MAX_FORM_PARTS"]
    data = {f"f{i}": "1" for i in range(parts + 1)}
    kwargs = {"content_type": "multipart/form-data"} if multipart else {}
    response = client.post(question_url(attempt, 1), data=data, **kwargs)
    _assert_page(response, 413, "too much to send")
    assert _counts() == (1, 0)


def test_one_oversize_field_is_refused_and_operators_can_raise_the_limits(app, bank_writer):
    """A field over MAX_FORM_MEMORY_SIZE gets 413; raised limits let the same form through."""
    bank_writer.load()
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client = app.test_client()
    data = {"code": "A" * 100_000}
    response = client.post("/join", data=data, content_type="multipart/form-data")
    _assert_page(response, 413, "too much to send")
    app.config["MAX_FORM_MEMORY_SIZE"] = 1024 * 1024
    response = client.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Join codes are at most 12 characters" in response.get_data(as_text=True)


NUL_PATHS = ["/quiz/a%00b", "/quiz/a%00b/start", "/sources/a%00b", "/attempt/%00",
             "/attempt/%00/q/1", "/attempt/%00/review", "/attempt/%00/result",
             "/static/a%00b.css", "/a%00b", "/quiz/%1b%5b31m", "/quiz/tab%09"]


@pytest.mark.parametrize("path", NUL_PATHS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_control_characters_in_the_path_are_refused(client, bank_writer, path, method):
    """A NUL or escape in a path segment gets a 400 or 404 page, never a database error."""
    bank_writer.load()
    response = client.open(path, method=method, data={"code": "TEST01"})
    assert response.status_code in (400, 404, 405)
    assert "Skip to content" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["hl=1%00-2", "x=%00", "%00=1", "hl=%1b", "x=%c2%85"])
def test_control_characters_in_the_query_are_refused(client, bank_writer, query):
    """A control character anywhere in the query string gets the 400 page."""
    bank_writer.load()
    response = client.get("/sources/test-source?" + query)
    _assert_page(response, 400, "cannot be typed")


@pytest.mark.parametrize("value", ["TEST\x0001", "\x00", "TEST01\x1b[2J", "TEST01\x7f",
                                   "TEST\x8501"])
def test_control_characters_in_a_join_code_are_refused(client, bank_writer, value):
    """A join code with a NUL or another control character gets the 400 page."""
    bank_writer.load()
    response = client.post("/join", data={"code": value})
    _assert_page(response, 400, "cannot be typed")


@pytest.mark.parametrize("field", ["display_name", "start_token", "csrf_token", "n\x00me"])
def test_control_characters_in_the_start_form_create_nothing(client, bank_writer, field):
    """A NUL in any field of the start form (or in a field's name) is refused; no attempt."""
    bank_writer.load()
    data = {"display_name": "Ann", "start_token": "11111111-2222-3333-4444-555555555555"}
    data[field] = data.get(field, "x") + "\x00"
    response = client.post("/quiz/test-quiz/start", data=data)
    _assert_page(response, 400, "cannot be typed", "Nothing was saved")
    assert _counts() == (0, 0)


def test_control_characters_in_an_answer_save_nothing(client, bank_writer):
    """A NUL in an answer, or in a field the kind does not read, saves nothing."""
    bank_writer.load(quizzes=[{"id": "test-quiz", "title": "Test quiz", "sets": ["test-set"],
                               "join_code": "TEST01", "shuffle_questions": False}])
    attempt = start(client)
    for data in ({"answer": "Ott\x00awa"}, {"answer": "Ottawa", "go": "next\x00"},
                 {"answer": ["3", "1\x002"]}, {"match-0": "\x00"}, {"position-0": "1\x00"}):
        for position in range(1, len(attempt.responses) + 1):
            response = client.post(question_url(attempt, position), data=data)
            _assert_page(response, 400, "cannot be typed")
    assert _counts() == (1, 0)


def test_line_breaks_and_tabs_in_form_values_are_accepted(client, bank_writer):
    """Typed text may hold tabs and line breaks: only the other control characters are refused."""
    bank_writer.load()
    response = client.post("/join", data={"code": "\tTEST01\r\n"})
    assert response.status_code == 302


@pytest.mark.parametrize("position", ["0", "10001", "99999999999999999999", "-1", "1.5",
                                      "1e3", "%2B1", "٣"])
def test_out_of_range_positions_are_404s(client, bank_writer, position):
    """A position outside 1..10,000 (or not a number) is a plain 404 on every database."""
    bank_writer.load()
    attempt = start(client)
    for method in ("GET", "POST"):
        response = client.open(f"/attempt/{attempt.public_id}/q/{position}", method=method,
                               data={"answer": "Ottawa"})
        _assert_page(response, 404, "There is no page at this address")
    assert _counts() == (1, 0)


@pytest.mark.parametrize("public_id", ["nope", "1" * 1000, "11111111-2222-3333-4444-55555555555",
                                       "11111111-2222-3333-4444-55555555555G",
                                       "11111111-2222-3333-4444-5555555555555",
                                       "11111111222233334444555555555555"])
def test_malformed_attempt_ids_are_404s(client, public_id):
    """An attempt id that is not a UUID never reaches the database."""
    for suffix in ("", "/q/1", "/review", "/result"):
        response = client.get(f"/attempt/{public_id}{suffix}")
        _assert_page(response, 404, "There is no page at this address")


@pytest.mark.parametrize("slug", ["A", "-a", "a" * 81, "a_b", "a.b", "é"])
def test_malformed_slugs_are_404s(client, slug):
    """Quiz and source slugs outside the bank's slug rule are 404s."""
    for url in (f"/quiz/{slug}", f"/sources/{slug}"):
        _assert_page(client.get(url), 404, "There is no page at this address")


def test_wrong_method_gets_a_readable_405(client):
    """A GET to a POST-only address gets the layout's page, keeping the Allow header."""
    response = client.get("/join")
    _assert_page(response, 405, "does not work here")
    assert "POST" in response.headers["Allow"]


def test_slug_urls_follow_the_bank_slug_rule():
    """The URL converter accepts exactly the slugs the bank loader accepts."""
    assert SLUG.pattern == rf"\A{SlugConverter.regex}\Z"


def test_other_refusals_get_the_layout_too(app, client):
    """Any other HTTP error a view raises is explained in the layout, with its own status."""
    @app.route("/teapot-test")
    def teapot():
        abort(418)

    @app.route("/unavailable-test")
    def unavailable():
        abort(503)

    _assert_page(client.get("/teapot-test"), 418, "could not be read")
    _assert_page(client.get("/unavailable-test"), 503, "Something went wrong")


def test_only_a_view_that_takes_a_file_accepts_an_upload_sized_body(app):
    """A file page takes up to UPLOAD_MAX_BYTES; every other page keeps the small limit."""
    from flask import request

    from quizapp.edge import accepts_upload

    @accepts_upload
    def take_file():
        return str(len(request.files["file"].read()))

    app.add_url_rule("/test-upload", view_func=take_file, methods=["POST"])
    app.add_url_rule("/test-form", "test_form", view_func=lambda: "taken", methods=["POST"])
    client = app.test_client()
    body = b"x" * (300 * 1024)

    def send(path):
        return client.post(path, data={"file": (io.BytesIO(body), "page.html")})

    assert send("/test-upload").get_data(as_text=True) == str(len(body))
    assert send("/test-form").status_code == 413
    app.config["UPLOAD_MAX_BYTES"] = 200 * 1024
    assert send("/test-upload").status_code == 413
