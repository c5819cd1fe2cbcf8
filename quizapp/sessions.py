"""The session cookie, re-sent when it changes and once a day rather than on every response."""

from flask.sessions import SecureCookieSessionInterface

from quizapp.timeutil import utcnow


class DailyRefreshSessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions whose permanent cookies are refreshed at most once a day.

    Flask re-signs and re-sends a permanent session on every response so that its expiry
    keeps moving; on a learner's every page and answer that costs more than the page's own
    queries. Noting the day in the session moves the expiry just as well, a day at a time.
    """

    def save_session(self, app, session, response):
        """Note today in a permanent session (changing it once a day), then save as Flask does."""
        if session.permanent and session.get("_day") != (today := utcnow().date().isoformat()):
            session["_day"] = today
        super().save_session(app, session, response)

    def should_set_cookie(self, app, session):
        """Send the cookie only when the session changed (which it does once a day)."""
        return session.modified
