"""Sign-up by invitation, admin-only pages, and forged forms refused with nothing changed."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.auth.models import Invitation, User
from quizapp.extensions import db
from quizapp.timeutil import utcnow
from tests.factories import PASSWORD, log_in

LINK = re.compile(r'value="http://localhost/account/signup\?invite=([^"]+)"')
NEEDED = "Sign-up is by invitation"


def signup(client, token=None, email="grace@example.org"):
    """Post a valid sign-up form, with `token` if given; return the response."""
    data = {"name": "Grace", "email": email, "password": PASSWORD, "confirm": PASSWORD}
    if token is not None:
        data["invite"] = token
    return client.post("/account/signup", data=data)


def emails():
    """Return every account's email key."""
    db.session.expire_all()
    return db.session.scalars(sa.select(User.email_key).order_by(User.id)).all()


def make_invitation(app, make_user):
    """Log an admin in on a client of their own, make an invitation, return its token."""
    make_user(email="admin@example.org", role="admin")
    admin = app.test_client()
    log_in(admin, email="admin@example.org")
    page = admin.post("/account/invitations").get_data(as_text=True)
    return LINK.search(page).group(1)


@pytest.fixture
def invite_only(app):
    """Switch sign-up to invitation only."""
    app.config["SIGNUP"] = "invite"


def test_without_an_invitation_sign_up_is_refused_with_a_clear_page(client, invite_only):
    """No token, or a made-up one: a page says why, and no account is made."""
    for url in ("/account/signup", "/account/signup?invite=made-up"):
        response = client.get(url)
        assert response.status_code == 403 and NEEDED in response.get_data(as_text=True)
    assert signup(client).status_code == 403
    assert signup(client, token="made-up").status_code == 403
    assert emails() == []


def test_an_invitation_signs_up_one_teacher_once(app, client, make_user, invite_only):
    """The admin's link works once; the second use is refused."""
    token = make_invitation(app, make_user)
    assert f'name="invite" type="hidden" value="{token}"' in client.get(
        f"/account/signup?invite={token}").get_data(as_text=True)
    response = signup(client, token=token)
    assert response.status_code == 302 and response.location.endswith("/teach/")
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.used_at is not None and token not in invitation.token_hash
    stranger = app.test_client()
    assert signup(stranger, token=token, email="other@example.org").status_code == 403
    assert emails() == ["admin@example.org", "grace@example.org"]


def test_a_refused_sign_up_keeps_the_invitation(app, client, make_user, invite_only):
    """Bad input with a valid invitation does not spend it."""
    token = make_invitation(app, make_user)
    assert signup(client, token=token, email="not an email").status_code == 400
    assert signup(client, token=token).status_code == 302


def test_an_expired_invitation_is_refused(app, client, make_user, invite_only):
    """After INVITATION_DAYS the link no longer works."""
    token = make_invitation(app, make_user)
    invitation = db.session.scalar(sa.select(Invitation))
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert signup(client, token=token).status_code == 403
    assert emails() == ["admin@example.org"]


def test_only_admins_make_invitations(client, make_user):
    """A visitor is sent to log in; a teacher is refused; nothing is made."""
    assert client.get("/account/invitations").status_code == 302
    assert client.post("/account/invitations").status_code == 302
    make_user()
    log_in(client)
    assert client.get("/account/invitations").status_code == 403
    assert client.post("/account/invitations").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_open_sign_up_ignores_a_missing_invitation(client):
    """By default anyone may sign up."""
    assert signup(client).status_code == 302


# Forged forms: the app has CSRF protection on, and the attacker's page has no token.

def test_a_forged_log_in_is_refused(csrf_app, client, make_user):
    """A log-in form posted from another site does not log anyone in."""
    make_user()
    assert log_in(client).status_code == 400
    assert client.get("/teach/").status_code == 302


def test_a_forged_sign_up_is_refused(csrf_app, client):
    """A sign-up form posted from another site makes no account."""
    assert signup(client).status_code == 400
    assert emails() == []


def test_a_forged_log_out_is_refused(app, client, make_user):
    """Another site cannot log a teacher out."""
    make_user()
    log_in(client)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/account/logout").status_code == 400
    assert client.post("/account/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/teach/").status_code == 200


def test_a_forged_password_change_is_refused(app, client, make_user):
    """Another site cannot change a teacher's password, even knowing the current one."""
    user = make_user()
    before = user.password_hash
    log_in(client)
    app.config["WTF_CSRF_ENABLED"] = True
    new = "an attacker's password"
    response = client.post("/account/password",
                           data={"current": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == before


def test_a_forged_invitation_is_refused(app, client, make_user):
    """Another site cannot make an admin create an invitation."""
    make_user(role="admin")
    log_in(client)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/account/invitations").status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_real_forms_carry_their_token(csrf_app, client, make_user):
    """With CSRF on, the pages' own forms work."""
    make_user()
    token = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
    page = client.get("/account/login").get_data(as_text=True)
    response = log_in(client, csrf_token=token.search(page).group(1))
    assert response.status_code == 302
    page = client.get("/teach/").get_data(as_text=True)
    logout_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/account/logout", data={"csrf_token": logout_token}).status_code == 302
    assert client.get("/teach/").status_code == 302
