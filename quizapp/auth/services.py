"""Account operations: create, authenticate, log in, change passwords, invite."""

import hashlib
import secrets
import uuid
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, session
from flask_login import current_user, login_user, logout_user

from quizapp.auth.models import Invitation, User
from quizapp.domain.accounts import SIGNUP_MODES, email_key
from quizapp.extensions import db, login_manager

# Verified against when the email is unknown, so both failures take as long.
_DUMMY_PASSWORD = "not a password anyone has"  # noqa: S105 - only ever compared against
_DUMMY_HASHES = {}
# Marks a session whose learner key is a learner account's, lent while logged in.
LENT_KEY = "learner_from_account"


def hasher():
    """Return the argon2 hasher with the configured parameters (argon2-cffi's by default)."""
    return PasswordHasher(**current_app.config["PASSWORD_HASH_PARAMETERS"])


def hash_password(password):
    """Return the argon2 hash of `password`."""
    return hasher().hash(password)


def password_matches(user, password):
    """Tell whether `password` is the user's, rehashing it when the parameters changed."""
    ph = hasher()
    try:
        ph.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if ph.check_needs_rehash(user.password_hash):
        user.password_hash = ph.hash(password)
        db.session.flush()
    return True


def user_by_email(address):
    """Return the account with this address, whatever its case, or None."""
    return db.session.scalar(sa.select(User).where(User.email_key == email_key(address)))


def key_is_free(learner_key):
    """Tell whether no account carries `learner_key`, so a new account may adopt it."""
    return db.session.scalar(sa.select(User.id).where(User.learner_key == learner_key)) is None


def authenticate(address, password):
    """Return the account these credentials open, or None, taking as long either way."""
    user = user_by_email(address)
    if user is None:
        _spend_one_hash(password)
        return None
    return user if password_matches(user, password) else None


def _spend_one_hash(password):
    """Verify against a throwaway hash so an unknown email is not told apart by timing."""
    ph = hasher()
    try:
        ph.verify(_dummy_hash(ph), password)
    except VerificationError:
        pass


def _dummy_hash(ph):
    """Return a hash made with `ph`'s parameters, computed once per set of parameters."""
    key = (ph.time_cost, ph.memory_cost, ph.parallelism, ph.hash_len, ph.salt_len, ph.type)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = ph.hash(_DUMMY_PASSWORD)
    return _DUMMY_HASHES[key]


def create_user(email, name, password, role="teacher", learner_key=None):
    """Add an account for a normalised Email; the caller has checked it is free.

    A learner's account carries `learner_key` (a fresh one when None): the key of the
    device it was made on, so what the learner did there is theirs on every device.
    """
    if role == "learner" and learner_key is None:
        learner_key = str(uuid.uuid4())
    user = User(email=email.address, email_key=email.key, name=name,
                password_hash=hash_password(password), role=role, learner_key=learner_key)
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user, password):
    """Give the user a new password; sessions opened with the old one end."""
    user.password_hash = hash_password(password)
    db.session.flush()


def session_stamp(user):
    """Return a short value that changes whenever the user's password does."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def log_in(user):
    """Start a fresh session for the user, so a session planted before log-in is useless.

    A learner's session takes the account's learner key, so their attempts and classes
    follow them; what this device did anonymously stays behind (it may be shared).
    """
    session.clear()
    login_user(user)
    session["auth_stamp"] = session_stamp(user)
    if user.learner_key:
        session["learner"] = user.learner_key
        session[LENT_KEY] = True


def forget_lent_key():
    """Drop the learner key an account lent this session once the session lost its log-in.

    A log-in ends without log-out when the password changed elsewhere or session
    protection tripped; the account's attempts must not stay reachable from this device.
    """
    if session.get(LENT_KEY) and not current_user.is_authenticated:
        session.pop("learner", None)
        session.pop(LENT_KEY, None)


def log_out():
    """End the session and forget everything it held."""
    logout_user()
    session.clear()


def refresh_stamp(user):
    """Keep this session valid after the user changed their own password."""
    session["auth_stamp"] = session_stamp(user)


@login_manager.user_loader
def load_user(user_id):
    """Return the logged-in account, or None when it is gone or its password changed."""
    try:
        user = db.session.get(User, int(user_id))
    except ValueError:
        return None
    if user is None or session.get("auth_stamp") != session_stamp(user):
        return None
    return user


def signup_mode():
    """Return "open" or "invite", as the operator set QUIZAPP_SIGNUP."""
    mode = current_app.config["SIGNUP"]
    if mode not in SIGNUP_MODES:
        raise RuntimeError(f"SIGNUP must be one of {', '.join(SIGNUP_MODES)}, not {mode!r}")
    return mode


def _token_hash(token):
    """Return the stored form of an invitation token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(admin, now):
    """Add an invitation and return it with its token, which is shown only this once."""
    token = secrets.token_urlsafe(32)
    days = current_app.config["INVITATION_DAYS"]
    invitation = Invitation(token_hash=_token_hash(token), created_by_id=admin.id,
                            created_at=now, expires_at=now + timedelta(days=days))
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def usable_invitation(token, now):
    """Return the unused, unexpired invitation with this token, or None."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == _token_hash(token)))
    return invitation if invitation is not None and invitation.is_usable(now) else None


def use_invitation(invitation, user, now):
    """Spend the invitation on `user`; False when another sign-up spent it first."""
    spent = db.session.execute(
        sa.update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now, used_by_id=user.id))
    return spent.rowcount == 1


def open_invitations(now):
    """Return the invitations that can still be used, newest first."""
    return db.session.scalars(
        sa.select(Invitation).where(Invitation.used_at.is_(None), Invitation.expires_at > now)
        .order_by(Invitation.created_at.desc())).all()


def all_users():
    """Return every account, by email."""
    return db.session.scalars(sa.select(User).order_by(User.email_key)).all()
