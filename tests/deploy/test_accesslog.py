"""gunicorn writes each request's one JSON line (quizapp.ops.accesslog), whatever the path."""

import json
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from quizapp.ops.accesslog import JsonAccessLogger
from quizapp.ops.requestlog import USER_ID_KEY

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def make_logger(tmp_path):
    """Make JsonAccessLoggers writing to files, as gunicorn sets one up; close their files."""
    made = []

    def make(accesslog="access.log"):
        config = Config()
        target = tmp_path / accesslog if accesslog else None
        config.set("accesslog", str(target) if target else None)
        config.set("errorlog", str(tmp_path / "error.log"))
        made.append(JsonAccessLogger(config))
        return made[-1], target

    yield make
    for logger in made:
        for log in (logger.error_log, logger.access_log):
            for handler in list(log.handlers):
                handler.close()
                log.removeHandler(handler)


def _served(path_info, query="", headers=(), **environ):
    """Return (resp, environ) of a served request, as gunicorn hands them to its logger."""
    resp = SimpleNamespace(status="200 OK", headers=list(headers), sent=5120)
    return resp, {"REQUEST_METHOD": "GET", "PATH_INFO": path_info, "QUERY_STRING": query,
                  "REMOTE_ADDR": "203.0.113.9", "SERVER_PROTOCOL": "HTTP/1.1",
                  "RAW_URI": "/", **environ}


def _lines(target):
    return target.read_text("utf-8").splitlines()


def test_a_served_request_is_one_line_with_the_apps_fields(make_logger):
    """Request id from the response, account id from the app, the server's duration."""
    logger, target = make_logger()
    resp, environ = _served("/teach/", headers=[("Content-Type", "text/html"),
                                                ("X-Request-ID", "nginx-id-0001")],
                            **{USER_ID_KEY: 42})
    logger.access(resp, None, environ, timedelta(milliseconds=12.345))
    (line,) = _lines(target)
    fields = json.loads(line)
    assert fields["logger"] == "quizapp.request" and fields["level"] == "INFO"
    assert fields["request_id"] == "nginx-id-0001" and fields["user_id"] == 42
    assert fields["method"] == "GET" and fields["path"] == "/teach/"
    assert fields["status"] == 200 and fields["bytes"] == 5120
    assert fields["duration_ms"] == 12.35 and fields["remote_addr"] == "203.0.113.9"
    assert fields["time"]


@pytest.mark.parametrize("path_info", [
    '/quiz/"},"status":500,"x":"',  # a quote that would close the value
    "/quiz/a\\b\\u0041",  # backslashes JSON would read as escapes
    "/quiz/one\n{\"logger\": \"forged\"}",  # an encoded line break: a forged second line
    "/quiz/\r\x00\x1b[31m",  # carriage return, NUL, a terminal escape
    "/sources/caf\xc3\xa9-\xe2\x80\x94",  # UTF-8 as PEP 3333 hands it over (latin-1)
    "/quiz/\xff\xfe",  # bytes that are not UTF-8
])
def test_a_hostile_path_stays_one_valid_line(make_logger, path_info):
    """Whatever the path holds, the request is one JSON line that reads back as sent."""
    logger, target = make_logger()
    resp, environ = _served(path_info, query="code=SECRET-1")
    logger.access(resp, None, environ, timedelta(milliseconds=3))
    (line,) = _lines(target)
    fields = json.loads(line)
    assert fields["logger"] == "quizapp.request" and fields["status"] == 200
    assert fields["path"] == path_info.encode("latin-1").decode("utf-8", "replace")
    assert "SECRET-1" not in line


def test_an_ill_formed_request_id_is_not_logged(make_logger):
    """Without the app's header, only a well-formed incoming id is written."""
    logger, target = make_logger()
    for given in ("short", "bad id with spaces", "well-formed-id-1"):
        resp, environ = _served("/healthz", HTTP_X_REQUEST_ID=given)
        logger.access(resp, None, environ, timedelta(milliseconds=1))
    ids = [json.loads(line)["request_id"] for line in _lines(target)]
    assert ids == [None, None, "well-formed-id-1"]


def test_no_access_log_writes_nothing(make_logger, tmp_path):
    """With the access log off, the logger writes no line anywhere."""
    logger, _ = make_logger(accesslog=None)
    resp, environ = _served("/healthz")
    logger.access(resp, None, environ, timedelta(milliseconds=1))
    assert not list(tmp_path.glob("access*"))
    assert (tmp_path / "error.log").read_text("utf-8") == ""


def test_the_gunicorn_config_logs_each_request_once(monkeypatch):
    """With its access log on, gunicorn writes the line and the app's own is off; with it
    off, the app writes it; an explicit QUIZAPP_REQUEST_LOG wins."""
    monkeypatch.delenv("QUIZAPP_REQUEST_LOG", raising=False)
    monkeypatch.delenv("GUNICORN_ACCESSLOG", raising=False)
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["logger_class"] == "quizapp.ops.accesslog.JsonAccessLogger"
    assert settings["accesslog"] == "-" and settings["raw_env"] == ["QUIZAPP_REQUEST_LOG=0"]
    monkeypatch.setenv("GUNICORN_ACCESSLOG", "")
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["accesslog"] is None and settings["raw_env"] == []
    monkeypatch.setenv("GUNICORN_ACCESSLOG", "-")
    monkeypatch.setenv("QUIZAPP_REQUEST_LOG", "1")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["raw_env"] == []


def test_a_line_that_cannot_be_made_is_an_error_not_a_failure(make_logger, tmp_path):
    """A status the logger cannot read goes to the error log; the request is not failed."""
    logger, target = make_logger()
    resp, environ = _served("/healthz")
    resp.status = "not a status"
    logger.access(resp, None, environ, timedelta(milliseconds=1))
    assert _lines(target) == []
    assert "could not write an access line" in (tmp_path / "error.log").read_text("utf-8")
