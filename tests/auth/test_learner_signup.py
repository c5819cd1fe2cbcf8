"""Learner accounts: their sign-up, where they land, and the teacher's pages they are refused."""

import pytest
import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.extensions import db
from tests.factories import PASSWORD, log_in

SIGNUP = "/account/learner/signup"
TEACHER_PAGES = ["/teach/", "/teach/classes/", "/teach/quizzes/", "/teach/quizzes/new",
                 "/teach/sets/", "/teach/sets/new", "/teach/sets/import", "/teach/sources/",
                 "/teach/sources/new"]


def learner_form(**overrides):
    """Return a valid learner sign-up form with `overrides`."""
    return {"name": "Ann Lee", "email": "ann@example.org", "password": PASSWORD,
            "confirm": PASSWORD, **overrides}


def accounts():
    """Return (email key, role, learner key is set) of every account, oldest first."""
    db.session.expire_all()
    return [(email, role, key is not None) for email, role, key in db.session.execute(
        sa.select(User.email_key, User.role, User.learner_key).order_by(User.id)).all()]


def test_a_learner_signs_up_and_lands_on_their_classes(client):
    """The account is a learner's with a learner key; the header offers My classes, not Teach."""
    assert client.get(SIGNUP).status_code == 200
    response = client.post(SIGNUP, data=learner_form())
    assert response.status_code == 302 and response.location == "/class/"
    assert accounts() == [("ann@example.org", "learner", True)]
    page = client.get("/class/").get_data(as_text=True)
    assert "My classes" in page and "Logged in as ann@example.org" in page
    assert "Your sources" not in page and "Log out" in page


def test_sign_up_goes_back_to_the_page_it_was_offered_on_but_never_off_the_site(client):
    """`next` is followed when it is a path on this site, ignored otherwise."""
    response = client.post(SIGNUP, data=learner_form(next="/class/join"))
    assert response.location == "/class/join"
    other = client.application.test_client()
    response = other.post(SIGNUP, data=learner_form(email="bo@example.org",
                                                    next="//evil.example/"))
    assert response.location == "/class/"


@pytest.mark.parametrize("url", TEACHER_PAGES)
def test_a_learner_account_is_refused_on_every_teacher_page(client, make_user, url):
    """403 with a page that says why, not the log-in page (they are logged in)."""
    make_user(email="ann@example.org", role="learner")
    log_in(client, email="ann@example.org")
    response = client.get(url)
    assert response.status_code == 403
    assert "This page is for teachers" in response.get_data(as_text=True)


def test_log_in_sends_a_learner_to_their_classes(client, make_user):
    """A learner account lands on My classes; a teacher page as `next` is still refused."""
    make_user(email="ann@example.org", role="learner")
    response = log_in(client, email="ann@example.org")
    assert response.location == "/class/"
    assert client.get("/account/login").location == "/class/"
    assert client.get("/account/signup").location == "/class/"
    assert client.get(SIGNUP).location == "/class/"


@pytest.mark.parametrize("forged", [{"role": "teacher"}, {"role": "admin"},
                                    {"invite": "x", "role": "admin"}])
def test_the_learner_form_cannot_make_a_teacher(client, forged):
    """The role is fixed by the page, whatever the form sends."""
    response = client.post(SIGNUP, data=learner_form(**forged))
    assert response.status_code == 302
    assert accounts() == [("ann@example.org", "learner", True)]
    assert client.get("/teach/").status_code == 403


def test_invite_mode_still_lets_learners_sign_up_but_not_teachers(app, client):
    """Invitations are for teachers: the learner's form stays open."""
    app.config["SIGNUP"] = "invite"
    teacher = {**learner_form(email="t@example.org")}
    assert client.post("/account/signup", data=teacher).status_code == 403
    assert client.get(SIGNUP).status_code == 200
    assert client.post(SIGNUP, data=learner_form()).status_code == 302
    assert accounts() == [("ann@example.org", "learner", True)]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"name": ""}, "Type the name your teachers will see."),
    ({"name": "x" * 81}, "Keep your name under 80 characters."),
    ({"email": "not an email"}, "That is not a valid email address."),
    ({"password": "short", "confirm": "short"}, "Use at least 10 characters."),
    ({"confirm": PASSWORD + "!"}, "The two passwords are not the same."),
    ({"email": "TESS@example.org"}, "That email cannot be used to sign up."),
])
def test_bad_input_changes_nothing(client, make_user, overrides, message):
    """Each bad field gets its message; no account is made and nobody is logged in."""
    make_user(email="tess@example.org", name="Tess")
    with client.session_transaction() as session:
        session["learner"] = "device-key"
    response = client.post(SIGNUP, data=learner_form(**overrides))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert accounts() == [("tess@example.org", "teacher", False)]
    with client.session_transaction() as session:
        assert session["learner"] == "device-key" and "_user_id" not in session


def test_a_key_another_account_holds_is_not_adopted(client, make_user):
    """A device still holding an account's key (as it might after a crash) gets a fresh one."""
    ann = make_user(email="ann@example.org", role="learner")
    with client.session_transaction() as session:
        session["learner"] = ann.learner_key
    assert client.post(SIGNUP, data=learner_form(email="bo@example.org")).status_code == 302
    bo = db.session.scalar(sa.select(User).where(User.email_key == "bo@example.org"))
    assert bo.learner_key not in (None, ann.learner_key)


def test_teacher_and_learner_sign_ups_share_one_budget(app, client):
    """Sign-up tries count against SIGNUP_RATE_LIMIT whichever form they are sent to."""
    app.config["SIGNUP_RATE_LIMIT"] = "2 per minute"
    assert client.post("/account/signup", data={"email": "x"}).status_code == 400
    assert client.post(SIGNUP, data={"email": "x"}).status_code == 400
    assert client.post(SIGNUP, data=learner_form()).status_code == 429
    assert accounts() == []


def test_a_learner_changes_their_password_and_stays_on_their_classes(client, make_user):
    """The account page works for a learner and brings them back to My classes."""
    make_user(email="ann@example.org", role="learner")
    log_in(client, email="ann@example.org")
    new = "a brand new passphrase"
    response = client.post("/account/password", data={
        "current": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 302 and response.location == "/class/"
