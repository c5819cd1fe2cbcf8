"""Forged forms change nothing, and responses carry security headers."""

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt


def test_start_without_csrf_token_is_refused(csrf_app, bank_writer):
    """A start form without its CSRF token is refused and makes no attempt."""
    bank_writer.load()
    client = csrf_app.test_client()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": "Ann", "start_token": "11111111-2222-3333-4444-555555555555"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


def test_pages_carry_security_headers(client, bank_writer):
    """Every page sends a content security policy and refuses framing."""
    bank_writer.load()
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unknown_pages_are_friendly_404s(client):
    """A wrong address gets a page that says so."""
    response = client.get("/attempt/nope/q/1")
    assert response.status_code == 404
    assert "There is no page at this address" in response.get_data(as_text=True)
