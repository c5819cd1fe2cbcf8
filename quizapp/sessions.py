"""The session cookie, re-sent when it changes and once a day rather than on every response."""

import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from quizapp.timeutil import utcnow

# Values a session may hold and still be shared, copied shallowly, between requests.
_IMMUTABLE = (str, int, float, bool, type(None))
# Cookies remembered per process; past this many, the oldest half is forgotten.
OPENED_CACHE_SIZE = 4096


class DailyRefreshSessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions whose permanent cookies are refreshed at most once a day.

    Flask re-signs and re-sends a permanent session on every response so that its expiry
    keeps moving; on a learner's every page and answer that costs more than the page's own
    queries. Noting the day in the session moves the expiry just as well, a day at a time.

    A learner sends the same cookie on every page of a day: its signature is checked
    once, and what it holds is remembered (in this process) until the cookie's age would
    refuse it, exactly as Flask would then.
    """

    def __init__(self):
        super().__init__()
        self._opened = {}  # (keys, cookie) -> (session data, time the cookie expires)

    def open_session(self, app, request):
        """Return the request's session, checking each cookie's signature only once."""
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()), value)
        found = self._opened.get(key)
        if found is not None and time.time() < found[1]:
            return self.session_class(found[0])
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = self.get_signing_serializer(app).loads(
                value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(item, _IMMUTABLE) for item in data.values()):
            if len(self._opened) >= OPENED_CACHE_SIZE:
                for old in list(self._opened)[:OPENED_CACHE_SIZE // 2]:
                    self._opened.pop(old, None)  # another thread may have dropped it
            self._opened[key] = (data, signed_at.timestamp() + max_age)
        return self.session_class(data)

    def save_session(self, app, session, response):
        """Note today in a permanent session (changing it once a day), then save as Flask does."""
        if session.permanent and session.get("_day") != (today := utcnow().date().isoformat()):
            session["_day"] = today
        super().save_session(app, session, response)

    def should_set_cookie(self, app, session):
        """Send the cookie only when the session changed (which it does once a day)."""
        return session.modified
