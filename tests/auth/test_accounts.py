"""Sign-up, log-in, log-out, password changes and the teacher home, through the client."""

import pytest
import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.extensions import db
from tests.factories import PASSWORD, log_in


def users():
    """Return every account's email key."""
    db.session.expire_all()
    return db.session.scalars(sa.select(User.email_key).order_by(User.id)).all()


def signup_form(**overrides):
    """Return a valid sign-up form with `overrides`."""
    return {"name": "Grace Hopper", "email": "Grace@Example.org", "password": PASSWORD,
            "confirm": PASSWORD, **overrides}


def test_a_teacher_signs_up_and_lands_on_their_home(client):
    """Sign-up creates a teacher, logs them in and shows their name in the header."""
    assert client.get("/account/signup").status_code == 200
    response = client.post("/account/signup", data=signup_form())
    assert response.status_code == 302 and response.location.endswith("/teach/")
    user = db.session.scalar(sa.select(User))
    assert (user.email, user.email_key, user.role) == ("Grace@example.org", "grace@example.org",
                                                       "teacher")
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    page = client.get("/teach/").get_data(as_text=True)
    assert "Welcome, Grace Hopper" in page and "Log out" in page


@pytest.mark.parametrize(("overrides", "message"), [
    ({"name": "x" * 81}, "Keep your name under 80 characters."),
    ({"name": "\u200b \u202e"}, "Type the name learners and colleagues will see."),
    ({"email": "not an email"}, "That is not a valid email address."),
    ({"email": "a@b"}, "That is not a valid email address."),
    ({"email": "a" * 250 + "@example.org"}, "An email address is at most 254 characters."),
    ({"email": ""}, "Type your email address."),
    ({"password": "short", "confirm": "short"}, "Use at least 10 characters."),
    ({"password": "p" * 129, "confirm": "p" * 129}, "Use at most 128 characters."),
    ({"confirm": PASSWORD + "!"}, "The two passwords are not the same."),
])
def test_sign_up_refuses_bad_input_and_creates_nothing(client, overrides, message):
    """Each bad field gets its message beside it; no account is made."""
    response = client.post("/account/signup", data=signup_form(**overrides))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert users() == []
    assert client.get("/teach/").status_code == 302


def test_sign_up_with_a_taken_email_in_another_case_is_refused(client, make_user):
    """An address differing only in case is the same account."""
    make_user(email="grace@example.org")
    response = client.post("/account/signup", data=signup_form(email="GRACE@EXAMPLE.ORG"))
    assert response.status_code == 400
    assert "That email cannot be used to sign up" in response.get_data(as_text=True)
    assert users() == ["grace@example.org"]


def test_emails_are_unique_whatever_their_case_in_the_database(app, make_user):
    """The unique index is on the lower-cased address."""
    make_user(email="grace@example.org")
    db.session.add(User(email="GRACE@example.org", email_key="grace@example.org", name="G",
                        password_hash="x", role="teacher"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_log_in_is_case_insensitive_and_log_out_ends_the_session(client, make_user):
    """Log in with the address in capitals, then log out with the header's button."""
    make_user(email="ada@example.org")
    response = log_in(client, email="  ADA@Example.ORG ")
    assert response.status_code == 302 and response.location.endswith("/teach/")
    assert client.get("/teach/").status_code == 200
    response = client.post("/account/logout")
    assert response.status_code == 302
    assert client.get("/teach/").status_code == 302
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_log_out_is_not_a_link(client, make_user):
    """A GET (an image or a link on another site) cannot log anyone out."""
    make_user()
    log_in(client)
    assert client.get("/account/logout").status_code == 405
    assert client.get("/teach/").status_code == 200


@pytest.mark.parametrize("email", ["nobody@example.org", "ada@example.org"])
def test_log_in_failure_says_the_same_for_unknown_email_and_wrong_password(client, make_user,
                                                                            email):
    """Nobody learns from the log-in form whether an address has an account."""
    make_user()
    response = log_in(client, email=email, password="wrong password!")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Email or password is wrong." in page
    assert "nobody" not in page.split("<form", 1)[0]
    assert client.get("/teach/").status_code == 302


def test_log_in_refuses_over_long_fields(client, make_user):
    """An over-long password or address is refused like a wrong one, without hashing it."""
    make_user()
    for data in ({"password": "p" * 5000}, {"email": "a" * 5000 + "@example.org"}):
        response = log_in(client, **data)
        assert response.status_code == 400
    assert client.get("/teach/").status_code == 302


def test_log_in_goes_to_the_local_page_it_was_asked_for(client, make_user):
    """A teacher sent to log in comes back to the page they wanted."""
    make_user()
    response = client.get("/teach/")
    assert response.status_code == 302 and "/account/login?next=%2Fteach%2F" in response.location
    page = client.get("/account/login?next=/sources/").get_data(as_text=True)
    assert 'value="/sources/"' in page
    response = log_in(client, next="/sources/?a=1")
    assert response.location == "/sources/?a=1"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example",
    "javascript:alert(1)", "http:/evil.example", "/\t/evil.example", " //evil.example",
    "evil.example", "/%0a/evil", "x" * 600,
])
def test_log_in_never_redirects_off_site(client, make_user, target):
    """A "next" that leaves the site (however spelled) is ignored for the teacher home."""
    make_user()
    response = log_in(client, next=target)
    assert response.status_code == 302
    location = response.location
    assert location.endswith("/teach/") or location == target and location.startswith("/%0a")


def test_the_teacher_home_needs_a_log_in(client):
    """An anonymous visitor is sent to the log-in page."""
    response = client.get("/teach/")
    assert response.status_code == 302 and "/account/login" in response.location
    assert client.get("/account/password").status_code == 302


def test_change_password_asks_the_current_one(client, make_user):
    """A wrong current password changes nothing; the right one changes it."""
    make_user()
    log_in(client)
    new = "a brand new passphrase"
    response = client.post("/account/password",
                           data={"current": "not it at all", "password": new, "confirm": new})
    assert response.status_code == 400
    assert "That is not your current password." in response.get_data(as_text=True)
    for bad, message in [({"confirm": new + "x"}, "The two passwords are not the same."),
                         ({"password": "short", "confirm": "short"}, "at least 10")]:
        data = {"current": PASSWORD, "password": new, "confirm": new, **bad}
        response = client.post("/account/password", data=data)
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    client.post("/account/logout")
    assert log_in(client).status_code == 302
    response = client.post("/account/password",
                           data={"current": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 302
    assert client.get("/teach/").status_code == 200  # this session stays logged in
    client.post("/account/logout")
    assert log_in(client).status_code == 400
    assert log_in(client, password=new).status_code == 302


def test_changing_the_password_ends_other_sessions(app, make_user):
    """A session opened (or copied) before the change no longer logs anyone in."""
    make_user()
    mine, other = app.test_client(), app.test_client()
    log_in(mine)
    log_in(other)
    new = "a brand new passphrase"
    mine.post("/account/password", data={"current": PASSWORD, "password": new, "confirm": new})
    assert mine.get("/teach/").status_code == 200
    assert other.get("/teach/").status_code == 302


def test_log_in_rotates_the_session(app, make_user):
    """Whatever the browser held before log-in is dropped, and its old cookie logs nobody in."""
    make_user()
    client = app.test_client()
    with client.session_transaction() as session:
        session["learner"] = "planted-by-an-attacker"
    before = client.get_cookie("session").value
    log_in(client)
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "learner" not in session and session.get("_user_id")
    attacker = app.test_client()
    attacker.set_cookie("session", before)
    assert attacker.get("/teach/").status_code == 302


def test_a_rehash_follows_changed_hash_parameters(app, client, make_user):
    """Stronger argon2 settings take effect at each teacher's next log-in."""
    user = make_user()
    old_hash = user.password_hash
    app.config["PASSWORD_HASH_PARAMETERS"] = {"time_cost": 2, "memory_cost": 16, "parallelism": 1}
    assert log_in(client).status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.password_hash != old_hash and "m=16,t=2,p=1" in user.password_hash
    client.post("/account/logout")
    assert log_in(client).status_code == 302


def test_the_header_offers_log_in_or_the_teachers_name(client, make_user):
    """Anonymous visitors see a log-in link; a teacher sees their name and a log-out button."""
    page = client.get("/").get_data(as_text=True)
    assert 'href="/account/login"' in page and "Log out" not in page
    make_user(name="Ada Lovelace")
    log_in(client)
    page = client.get("/").get_data(as_text=True)
    assert "Ada Lovelace" in page and 'action="/account/logout"' in page


def test_rate_limits_stop_log_in_and_sign_up_guessing(app, client, make_user):
    """Failed log-ins and sign-up forms per client are limited; a right log-in is not counted."""
    make_user()
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    app.config["SIGNUP_RATE_LIMIT"] = "2 per minute"
    assert log_in(client).status_code == 302
    client.post("/account/logout")
    assert log_in(client, password="wrong password").status_code == 400
    assert log_in(client, password="wrong password").status_code == 400
    assert log_in(client).status_code == 429
    for _ in range(2):
        assert client.post("/account/signup", data=signup_form(email="x")).status_code == 400
    assert client.post("/account/signup", data=signup_form()).status_code == 429
    assert users() == ["ada@example.org"]


def test_an_unknown_signup_mode_is_refused_at_start(database_url):
    """A mistyped QUIZAPP_SIGNUP stops the app rather than leaving sign-up open."""
    from quizapp import create_app

    with pytest.raises(RuntimeError, match="QUIZAPP_SIGNUP"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                    "SIGNUP": "invitation"})


def test_a_session_used_from_another_browser_loses_its_log_in(client, make_user):
    """Strong session protection: a copied cookie sent by another browser logs nobody in."""
    make_user()
    log_in(client)
    assert client.get("/teach/").status_code == 200
    response = client.get("/teach/", headers={"User-Agent": "Another browser/1.0"})
    assert response.status_code == 302
