"""Forged forms change nothing, names hide nothing, and responses carry security headers."""

import re

import pytest
import sqlalchemy as sa
from flask import request
from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import ImmutableMultiDict

from quizapp import create_app
from quizapp.extensions import db
from quizapp.play.forms import answer_token_valid
from quizapp.play.models import Attempt
from tests.conftest import clear_database
from tests.play.helpers import START_TOKEN, perfect_form, question_url, start, submit


def test_start_without_csrf_token_is_refused(csrf_app, bank_writer):
    """A start form without its CSRF token is refused and makes no attempt."""
    bank_writer.load()
    client = csrf_app.test_client()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": "Ann", "start_token": "11111111-2222-3333-4444-555555555555"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def test_an_answer_needs_the_pages_csrf_token(csrf_app, bank_writer):
    """An answer posted without the question page's CSRF token is refused and not saved;
    with the token the page rendered, it is saved."""
    bank_writer.load()
    client = csrf_app.test_client()
    page = client.get("/quiz/test-quiz").get_data(as_text=True)
    client.post("/quiz/test-quiz/start", data={
        "csrf_token": CSRF_FIELD.search(page).group(1), "display_name": "Ann",
        "start_token": START_TOKEN.search(page).group(1)})
    attempt = db.session.scalar(sa.select(Attempt))
    form = perfect_form(attempt.responses[0])
    refused = client.post(question_url(attempt, 1), data={**form, "go": "next"})
    assert refused.status_code == 400
    db.session.expire_all()
    assert attempt.responses[0].answer is None
    token = CSRF_FIELD.search(client.get(question_url(attempt, 1)).get_data(as_text=True))
    saved = client.post(question_url(attempt, 1),
                        data={**form, "csrf_token": token.group(1), "go": "next"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert attempt.responses[0].answer is not None


def test_the_answer_token_is_checked_when_csrfprotect_did_not(csrf_app):
    """The question view checks the token itself when CSRFProtect has not marked it valid."""
    with csrf_app.test_request_context("/", method="POST", data={"csrf_token": "forged"}):
        assert not answer_token_valid()
    with csrf_app.test_request_context("/", method="POST"):
        request.form = ImmutableMultiDict({"csrf_token": generate_csrf()})
        assert answer_token_valid()


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


@pytest.mark.parametrize(("typed", "stored"), [
    ("\u202eAnn\u202c", "Ann"),
    ("A\u200bnn\u200d \u00a0Lee\n", "Ann Lee"),
    ("\uff21nn\u2066", "Ann"),
])
def test_display_names_are_stored_without_invisible_characters(client, bank_writer, typed,
                                                               stored):
    """Bidi overrides, zero-width and other format characters never reach the teacher."""
    bank_writer.load()
    attempt = start(client, name=typed)
    assert attempt.display_name == stored
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert f"· {stored}</p>" in page


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\u202e\u202c", "\u3164", " \n "])
def test_a_name_of_only_invisible_characters_is_refused(client, bank_writer, typed):
    """A name that cleans to nothing gets the name message and makes no attempt."""
    bank_writer.load()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": typed, "start_token": "11111111-2222-3333-4444-555555555555"})
    assert response.status_code == 400
    assert "Type the name your teacher will see" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


def test_a_name_that_normalises_over_the_limit_is_refused(client, bank_writer):
    """The length limit applies to the name as shown, after normalisation widens it."""
    bank_writer.load()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": "\ufdfa" * 4, "start_token": "11111111-2222-3333-4444-555555555555"})
    assert response.status_code == 400
    assert "Keep your name under 60 characters" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


def test_every_page_of_an_attempt_is_kept_out_of_caches(client, bank_writer):
    """Quiz, question, review and result pages (and their redirects) say no-store."""
    bank_writer.load()
    attempt = start(client)
    base = f"/attempt/{attempt.public_id}"
    urls = ["/quiz/test-quiz", base, question_url(attempt, 1), f"{base}/review"]
    for url in urls:
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    answered = client.post(question_url(attempt, 1), data=perfect_form(attempt.responses[0]))
    assert answered.headers["Cache-Control"] == "no-store"
    assert submit(client, attempt).headers["Cache-Control"] == "no-store"
    result = client.get(f"{base}/result")
    assert result.status_code == 200 and result.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only_and_same_site_lax_over_http(client, bank_writer):
    """The learner cookie cannot be read by scripts nor sent by other sites' forms."""
    bank_writer.load()
    start(client)
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.fixture
def https_app(database_url):
    """Return an app configured for TLS, as behind a production proxy."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test-secret",
                      "FORCE_HTTPS": True, "TRUSTED_PROXIES": 1,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        yield app
        clear_database()
        db.engine.dispose()


def test_with_force_https_cookie_is_secure_and_hsts_is_sent(https_app, bank_writer):
    """Over HTTPS the cookie is Secure and HSTS is sent; plain HTTP is redirected."""
    bank_writer.load()
    client = https_app.test_client()
    plain = client.get("/quiz/test-quiz")
    assert plain.status_code == 302 and plain.location.startswith("https://")
    secure = https_app.test_client()
    page = secure.get("/quiz/test-quiz", base_url="https://localhost")
    assert "max-age=" in page.headers["Strict-Transport-Security"]
    token = START_TOKEN.search(page.get_data(as_text=True)).group(1)
    secure.post("/quiz/test-quiz/start", base_url="https://localhost",
                data={"display_name": "Ann", "start_token": token})
    cookie = secure.get_cookie("session", domain="localhost")
    assert cookie.secure and cookie.http_only and cookie.same_site == "Lax"


def test_behind_a_trusted_proxy_forwarded_https_counts_as_https(https_app, bank_writer):
    """With TRUSTED_PROXIES, a proxy's X-Forwarded-Proto: https is served, not redirected."""
    bank_writer.load()
    response = https_app.test_client().get("/quiz/test-quiz",
                                           headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def _learner_with_token(csrf_app, name):
    """Start an attempt in a new browser; return the client, the attempt and its page token."""
    client = csrf_app.test_client()
    page = client.get("/quiz/test-quiz").get_data(as_text=True)
    started = client.post("/quiz/test-quiz/start", data={
        "csrf_token": CSRF_FIELD.search(page).group(1), "display_name": name,
        "start_token": START_TOKEN.search(page).group(1)})
    public_id = started.headers["Location"].rsplit("/", 1)[-1]
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
    page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    return client, attempt, CSRF_FIELD.search(page).group(1)


def _first_answer(attempt):
    db.session.expire_all()
    return attempt.responses[0].answer


def test_an_accepted_token_counts_only_for_its_own_session(csrf_app, bank_writer):
    """A token the server has checked once still belongs to one session: posted from
    another browser, or altered, it is refused and nothing is saved."""
    bank_writer.load()
    ann, ann_attempt, ann_token = _learner_with_token(csrf_app, "Ann")
    bob, bob_attempt, _bob_token = _learner_with_token(csrf_app, "Bob")
    form = {**perfect_form(ann_attempt.responses[0]), "go": "next"}
    assert ann.post(question_url(ann_attempt, 1),
                    data={**form, "csrf_token": ann_token}).status_code == 302
    stolen = bob.post(question_url(bob_attempt, 1), data={**form, "csrf_token": ann_token})
    assert stolen.status_code == 400
    assert _first_answer(bob_attempt) is None
    saved = _first_answer(ann_attempt)
    # The signature's first character: its last may carry only padding bits.
    payload, signature = ann_token.rsplit(".", 1)
    altered = f"{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    changed = ann.post(question_url(ann_attempt, 1), data={"csrf_token": altered, "go": "next"})
    assert changed.status_code == 400
    assert _first_answer(ann_attempt) == saved is not None


def test_accepted_tokens_are_forgotten_with_their_key(csrf_app, bank_writer):
    """Once the CSRF key changes, a token signed with the old one is refused, however
    often it was accepted before."""
    bank_writer.load()
    client, attempt, token = _learner_with_token(csrf_app, "Ann")
    form = {**perfect_form(attempt.responses[0]), "go": "next", "csrf_token": token}
    assert client.post(question_url(attempt, 1), data=form).status_code == 302
    csrf_app.config["WTF_CSRF_SECRET_KEY"] = "a-new-key-for-csrf-tokens-only-0123456789"
    try:
        assert client.post(question_url(attempt, 1), data=form).status_code == 400
    finally:
        del csrf_app.config["WTF_CSRF_SECRET_KEY"]


def test_a_token_signed_elsewhere_is_checked_then_accepted(csrf_app, bank_writer):
    """A token another app server signed is checked in full, and accepted when valid."""
    bank_writer.load()
    client, attempt, token = _learner_with_token(csrf_app, "Ann")
    csrf_app.extensions.pop("quizapp_csrf_tokens", None)  # as in a process that never saw it
    form = {**perfect_form(attempt.responses[0]), "go": "next", "csrf_token": token}
    assert client.post(question_url(attempt, 1), data=form).status_code == 302
    assert _first_answer(attempt) is not None


def test_over_https_a_known_token_still_needs_a_same_site_referrer(csrf_app, bank_writer):
    """Over HTTPS, a token the server knows is refused without a referrer from the same
    site, as Flask-WTF refuses any token."""
    bank_writer.load()
    client, attempt, token = _learner_with_token(csrf_app, "Ann")
    form = {**perfect_form(attempt.responses[0]), "go": "next", "csrf_token": token}
    url = question_url(attempt, 1)
    https = {"base_url": "https://localhost"}
    for referrer in (None, "https://elsewhere.example/page"):
        headers = {"Referer": referrer} if referrer else {}
        assert client.post(url, data=form, headers=headers, **https).status_code == 400
    assert _first_answer(attempt) is None
    same_site = {"Referer": "https://localhost/attempt"}
    assert client.post(url, data=form, headers=same_site, **https).status_code == 302
    assert _first_answer(attempt) is not None
