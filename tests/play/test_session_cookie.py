"""The learner's cookie keeps moving its expiry without being re-sent on every page."""

from datetime import timedelta

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
