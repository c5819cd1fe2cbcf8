"""The learner's cookie keeps moving its expiry without being re-sent on every page."""

from datetime import timedelta

from flask import session

from quizapp import sessions
from quizapp.timeutil import utcnow
from tests.play.helpers import question_url, start


def test_learner_cookie_is_sent_when_it_changes_and_once_a_day(client, bank_writer, monkeypatch):
    """Pages of one day send no new cookie; the first page of the next day renews it."""
    bank_writer.load()
    attempt = start(client)
    client.get(question_url(attempt, 1))
    assert "Set-Cookie" not in client.get(question_url(attempt, 1)).headers
    tomorrow = utcnow() + timedelta(days=1)
    monkeypatch.setattr(sessions, "utcnow", lambda: tomorrow)
    renewed = client.get(question_url(attempt, 1)).headers.get("Set-Cookie", "")
    assert renewed.startswith("session=") and "Expires=" in renewed
    assert "Set-Cookie" not in client.get(question_url(attempt, 2)).headers


def test_a_remembered_cookie_is_refused_once_too_old_or_the_key_changes(app, monkeypatch):
    """A cookie whose signature was checked once still expires, and a new key refuses it."""
    interface = app.session_interface
    with app.test_request_context("/"):
        session["learner"] = "someone"
        response = app.make_response("")
        session.modified = True
        interface.save_session(app, session, response)
    cookie = response.headers["Set-Cookie"].split(";", 1)[0].split("=", 1)[1]

    def opened():
        with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}) as ctx:
            return dict(interface.open_session(app, ctx.request))

    assert opened()["learner"] == "someone"
    assert opened()["learner"] == "someone"  # remembered, not checked again
    later = sessions.time.time() + app.permanent_session_lifetime.total_seconds() + 1
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    assert opened() == {}
    monkeypatch.undo()
    app.secret_key = "another key, long enough to be a real one"
    assert opened() == {}
