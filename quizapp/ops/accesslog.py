"""gunicorn's access log, written as the app's request line: one JSON line per request.

gunicorn.conf.py names `JsonAccessLogger` as gunicorn's logger class and switches the app's
own line off, so each request is logged once, by the server, after its response is sent:
the same fields as `quizapp.ops.requestlog` writes without gunicorn, plus the bytes sent.
The duration is the server's, from reading the request to sending the last byte.

gunicorn's own access_log_format puts values into the line as they come, so a path with a
quote, a backslash or an encoded line break would break the JSON or start a new line; here
every value goes through json.dumps. Files, reopening on SIGUSR1 and syslog are still
gunicorn's: only the line is made here.
"""

from gunicorn.glogging import Logger

from quizapp.ops.requestlog import request_line, server_fields


class JsonAccessLogger(Logger):
    """gunicorn's logger, with access lines in the app's JSON request-line format."""

    def access(self, resp, req, environ, request_time):
        """Write the access line of one request (gunicorn calls this after the response)."""
        if not self.access_log_enabled:
            return
        try:
            fields = server_fields(environ, resp.status, resp.headers,
                                   request_time.total_seconds() * 1000)
            fields["bytes"] = getattr(resp, "sent", None)
            self.access_log.info(request_line(fields))
        except Exception:  # noqa: BLE001 - a log line must never fail a served request
            self.exception("could not write an access line")
