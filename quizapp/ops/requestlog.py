"""One JSON line per request on standard output, tied together by a request id.

The id comes from the proxy's `X-Request-ID` when it is well formed (nginx makes one),
else it is made here; it is sent back in the response's `X-Request-ID`. A line holds the
method, the path without its query string (a join code may sit there), the status, the
time taken, the client's address (as ProxyFix sees it) and the account id when the view
loaded one. Bodies, cookies and headers are never logged.

Under gunicorn the line is written by the server once the response is sent (see
`quizapp.ops.accesslog`), and gunicorn.conf.py switches the app's own line off
(REQUEST_LOG), so that each request is logged once. The app hands the server what only it
knows, the account id, in the WSGI environ (`USER_ID_KEY`).
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import current_app, g, has_request_context, request
from flask.logging import default_handler

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and - _ . : only, so an id can never break a log line or a header.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
LOGGER_NAME = "quizapp.request"
# Where the app leaves the account id of a request for a server that writes the line.
USER_ID_KEY = "quizapp.user_id"
# What every LogRecord holds; anything else on a record came as `extra` and is logged.
_RECORD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime",
                                                                   "taskName"}


class JsonLineFormatter(logging.Formatter):
    """Format a record as one JSON line: level, logger, message, its extra fields, time.

    Written for the request log, which formats a line per request: a few dictionary
    operations and one json.dumps, where a general-purpose JSON formatter took several
    times as long.
    """

    def format(self, record):
        """Return the record as a JSON object on one line."""
        line = {"level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS:
                line[key] = value
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        line["time"] = datetime.fromtimestamp(record.created, UTC).isoformat()
        return json.dumps(line, default=str)


class StdoutHandler(logging.StreamHandler):
    """Write to whatever `sys.stdout` is at the time, so a replaced stdout still works."""

    @property
    def stream(self):
        """Return the current standard output."""
        return sys.stdout

    @stream.setter
    def stream(self, value):
        """Ignore the stream StreamHandler would fix at creation."""


def json_handler():
    """Return a handler writing JSON lines to standard output, tagged with the request id."""
    handler = StdoutHandler()
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(_with_request_id)
    return handler


def _with_request_id(record):
    """Tag a record made during a request with that request's id."""
    if not hasattr(record, "request_id") and has_request_context():
        record.request_id = g.get("request_id")
    return True


def request_logger():
    """Return the request logger, whose level (LOG_LEVEL) says whether request lines are
    written; `write_request_line` writes them."""
    return logging.getLogger(LOGGER_NAME)


def init_app(app):
    """Log as JSON lines; give every request an id, and log each one when REQUEST_LOG is on."""
    request_logger().setLevel(app.config["LOG_LEVEL"])
    # The app's own messages (a server not ready, an error's traceback) as JSON lines too.
    app.logger.removeHandler(default_handler)
    if not any(isinstance(handler, StdoutHandler) for handler in app.logger.handlers):
        app.logger.addHandler(json_handler())
    app.logger.setLevel(app.config["LOG_LEVEL"])
    # First in line, so that a request refused by the edge checks still has its id.
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)
    app.after_request(finish_request)


def start_request():
    """Note when the request began and which id it goes by."""
    g.request_started = time.perf_counter()
    g.request_id = incoming_request_id() or uuid.uuid4().hex


def incoming_request_id(environ=None):
    """Return the proxy's request id when it is well formed, else None; from `environ`
    when given, else from the current request."""
    given = (environ.get("HTTP_X_REQUEST_ID", "") if environ is not None
             else request.headers.get(REQUEST_ID_HEADER, ""))
    return given if WELL_FORMED_ID.fullmatch(given) else None


def finish_request(response):
    """Send the request id back and write the request's log line."""
    request_id = g.get("request_id") or incoming_request_id() or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    user_id = logged_user_id()
    if user_id is not None:
        request.environ[USER_ID_KEY] = user_id
    if current_app.config["REQUEST_LOG"]:
        started = g.get("request_started")
        duration = (time.perf_counter() - started) * 1000 if started is not None else None
        if request_logger().isEnabledFor(logging.INFO):
            write_request_line(request_fields(request_id, response, duration, user_id))
    return response


def logged_user_id():
    """Return the id of the account this request's view loaded, or None.

    Only an account the view already loaded: logging must not cost a query.
    """
    user = g.get("_login_user")
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def request_line(fields):
    """Return a request's log line: level, logger, message, the fields, time; one JSON
    object without a line break, whatever the fields hold."""
    line = {"level": "INFO", "logger": LOGGER_NAME, "message": "request", **fields,
            "time": datetime.now(UTC).isoformat()}
    return json.dumps(line, default=str)


def write_request_line(fields):
    """Write a request's line as the request logger's handler would, in one write.

    A line per request through logging's records, filters, locks and formatter cost as
    much as a learner's page's query. The line is the same: level, logger, message, the
    fields, time.
    """
    stream = sys.stdout
    stream.write(request_line(fields) + "\n")
    stream.flush()


def request_fields(request_id, response, duration_ms, user_id):
    """Return what a request's log line says: nothing a learner typed but the path."""
    return {
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": _rounded(duration_ms),
        "remote_addr": request.remote_addr,
        "user_id": user_id,
    }


def server_fields(environ, status, headers, duration_ms):
    """Return the fields of `request_fields` as a WSGI server sees them after the response.

    `environ` is the request's, as the app left it (ProxyFix has put the client's address
    in it, `finish_request` the account id); `headers` are the response's (name, value)
    pairs, where the app put the request id. Needs no request context.
    """
    request_id = next((value for name, value in headers
                       if name.lower() == REQUEST_ID_HEADER.lower()), None)
    if request_id is None:
        request_id = incoming_request_id(environ)
    status_code = int(str(status).split(None, 1)[0]) if status else None
    return {
        "request_id": request_id,
        "method": environ.get("REQUEST_METHOD"),
        "path": _text_path(environ.get("PATH_INFO", "")),
        "status": status_code,
        "duration_ms": _rounded(duration_ms),
        "remote_addr": environ.get("REMOTE_ADDR"),
        "user_id": environ.get(USER_ID_KEY),
    }


def _rounded(duration_ms):
    """Return a duration in milliseconds to two decimals, or None when unknown."""
    return round(duration_ms, 2) if duration_ms is not None else None


def _text_path(path_info):
    """Return a WSGI path (bytes as latin-1, by PEP 3333) as the text the client sent."""
    try:
        return path_info.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return path_info
