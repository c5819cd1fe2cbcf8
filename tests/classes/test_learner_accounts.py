"""A learner account carries a learner's classes and attempts from one device to another."""

import re

import pytest
import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.classes import services
from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.classes.helpers import (
    join,
    make_class,
    make_teacher_quiz,
    snapshot,
    start_in_class,
    take,
    teacher_client,
)
from tests.factories import PASSWORD, log_in
from tests.play.helpers import answer_all, perfect_form, question_url, submit

SIGNUP = "/account/learner/signup"
RESUME = re.compile(r'href="/attempt/([0-9a-f-]{36})">Resume Own quiz')


@pytest.fixture
def world(app, bank_writer, make_user):
    """Return (teacher's client, their class with a quiz that allows two attempts)."""
    bank_writer.load()
    teacher_page, teacher = teacher_client(app, make_user)
    school_class = make_class(teacher)
    services.assign_quiz(school_class, make_teacher_quiz(teacher, attempts_allowed=2))
    db.session.commit()
    return teacher_page, school_class


def learner():
    """Return the learner's account."""
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.role == "learner"))


def sign_up(client, email="ann@example.org", name="Ann Lee"):
    """Make a learner account on `client`'s device; return the response."""
    return client.post(SIGNUP, data={"name": name, "email": email, "password": PASSWORD,
                                     "confirm": PASSWORD})


def class_page(client, school_class):
    """Return the class page `client` gets, as (status, text)."""
    response = client.get(f"/class/{school_class.id}")
    return response.status_code, response.get_data(as_text=True)


def test_an_account_takes_a_class_and_an_unfinished_attempt_to_another_device(app, world):
    """Device A joins, starts, signs up; device B logs in, resumes and finishes; the
    attempts allowed are counted on the one roster entry whatever device asks."""
    teacher_page, school_class = world
    device_a, device_b = app.test_client(), app.test_client()
    join(device_a, school_class.join_code, "Ann")
    attempt = start_in_class(device_a, school_class, slug="own-quiz")
    first = attempt.responses[0]
    assert device_a.post(question_url(attempt, 1),
                         data={**perfect_form(first), "go": "next"}).status_code == 302
    assert sign_up(device_a).status_code == 302
    user = learner()
    entry = db.session.scalar(sa.select(RosterEntry))
    assert user.learner_key == attempt.learner_key == entry.learner_key
    assert entry.user_id == user.id and entry.display_name == "Ann"

    assert log_in(device_b, email="ann@example.org").location == "/class/"
    assert "10B History" in device_b.get("/class/").get_data(as_text=True)
    status, page = class_page(device_b, school_class)
    assert status == 200 and RESUME.search(page).group(1) == attempt.public_id
    assert device_b.get(question_url(attempt, 1)).status_code == 200
    answer_all(device_b, attempt)
    assert submit(device_b, attempt).status_code == 302
    db.session.expire_all()
    assert attempt.submitted and attempt.score == attempt.max_score

    take(device_b, school_class, perfect_form, slug="own-quiz")
    assert "You have used every attempt" in class_page(device_a, school_class)[1]
    before = snapshot()
    for device in (device_a, device_b):
        refused = device.post(f"/class/{school_class.id}/quiz/own-quiz/start",
                              data={"start_token": "12345678-1234-4123-8123-123456789012"},
                              follow_redirects=True)
        assert "You have used every attempt this quiz allows." in refused.get_data(as_text=True)
    assert snapshot() == before
    assert db.session.scalars(sa.select(Attempt.roster_entry_id)).all() == [entry.id] * 2
    roster = teacher_page.get(f"/teach/classes/{school_class.id}/roster").get_data(as_text=True)
    assert "has an account" in roster


def test_logging_out_leaves_the_device_with_nothing(app, world):
    """After log-out a shared computer shows no class, no attempt, and no account."""
    _, school_class = world
    device_a, device_b = app.test_client(), app.test_client()
    join(device_a, school_class.join_code, "Ann")
    attempt = take(device_a, school_class, perfect_form, slug="own-quiz")
    sign_up(device_a)
    log_in(device_b, email="ann@example.org")
    assert class_page(device_b, school_class)[0] == 200
    assert device_b.post("/account/logout").status_code == 302
    assert class_page(device_b, school_class)[0] == 404
    assert "10B History" not in device_b.get("/class/").get_data(as_text=True)
    assert device_b.get(f"/attempt/{attempt.public_id}/result").status_code == 404
    with device_b.session_transaction() as session:
        assert "learner" not in session and "_user_id" not in session
    assert class_page(device_a, school_class)[0] == 200  # the other device is not touched


def test_a_devices_own_anonymous_attempts_are_not_merged_at_log_in(app, world, bank_writer):
    """A shared computer's earlier visitor keeps their attempts; the account does not get them."""
    _, school_class = world
    device_a, shared = app.test_client(), app.test_client()
    sign_up(device_a)
    user = learner()
    join(shared, school_class.join_code, "Someone else")
    theirs = take(shared, school_class, perfect_form, slug="own-quiz")
    log_in(shared, email="ann@example.org")
    assert class_page(shared, school_class)[0] == 404
    assert shared.get(f"/attempt/{theirs.public_id}/result").status_code == 404
    db.session.expire_all()
    assert theirs.learner_key != user.learner_key
    entries = db.session.scalars(sa.select(RosterEntry)).all()
    assert [(e.display_name, e.user_id) for e in entries] == [("Someone else", None)]


def test_joining_while_logged_in_records_the_account_and_offers_its_name(app, world):
    """The join form starts with the account's name; the roster entry records the account."""
    _, school_class = world
    client = app.test_client()
    sign_up(client)
    form = client.get(f"/class/join?code={school_class.join_code}").get_data(as_text=True)
    assert 'value="Ann Lee"' in form and "make an account" not in form
    assert join(client, school_class.join_code, "Ann Lee").status_code == 302
    entry = db.session.scalar(sa.select(RosterEntry))
    user = learner()
    assert (entry.user_id, entry.learner_key) == (user.id, user.learner_key)


def test_the_class_pages_offer_an_account_to_learners_without_one(app, world):
    """The join page and the class page link to the learner's sign-up, coming back after."""
    _, school_class = world
    client = app.test_client()
    offer = "Keep your attempts on any device: make an account"
    assert offer in client.get("/class/join").get_data(as_text=True)
    join(client, school_class.join_code, "Ann")
    page = class_page(client, school_class)[1]
    assert offer in page
    assert f"/account/learner/signup?next=/class/{school_class.id}" in page.replace("%2F", "/")


def test_a_password_changed_elsewhere_takes_the_account_off_this_device(app, world):
    """A session that loses its log-in loses the account's learner key with it."""
    _, school_class = world
    device_a, device_b = app.test_client(), app.test_client()
    join(device_a, school_class.join_code, "Ann")
    sign_up(device_a)
    log_in(device_b, email="ann@example.org")
    new = "another long passphrase"
    device_b.post("/account/password", data={"current": PASSWORD, "password": new,
                                             "confirm": new})
    assert class_page(device_b, school_class)[0] == 200
    assert class_page(device_a, school_class)[0] == 404
    assert "10B History" not in device_a.get("/").get_data(as_text=True)


def test_my_classes_lists_what_this_visitor_joined_and_offers_an_account(app, world):
    """Anonymous: this device's classes and the offer; a teacher: no learner offer at all."""
    teacher_page, school_class = world
    client = app.test_client()
    page = client.get("/class/").get_data(as_text=True)
    assert "You have not joined a class yet." in page and "make an account" in page
    join(client, school_class.join_code, "Ann")
    assert "10B History" in client.get("/class/").get_data(as_text=True)
    page = teacher_page.get("/class/").get_data(as_text=True)
    assert "10B History" not in page and "make an account" not in page
