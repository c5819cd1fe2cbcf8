"""Views of signing up, logging in and out, changing a password and inviting teachers.

A learner's own sign-up is in `learners.py`.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from quizapp.auth import bp, services
from quizapp.auth.access import home_url
from quizapp.auth.forms import (
    ChangePasswordForm,
    InvitationForm,
    LoginForm,
    LogoutForm,
    SignupForm,
)
from quizapp.domain.accounts import PASSWORD_MIN_LENGTH, local_path
from quizapp.extensions import db, limiter
from quizapp.timeutil import utcnow

# Said for an unknown email and for a wrong password alike: nobody learns who has an account.
LOGIN_FAILED = "Email or password is wrong."


def _login_limit():
    """Return the configured limit on failed log-ins per client."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def _signup_limit():
    """Return the configured limit on sign-up attempts per client."""
    return current_app.config["SIGNUP_RATE_LIMIT"]


# Teachers' and learners' sign-up forms are sent against one budget per client.
signup_limit = limiter.shared_limit(_signup_limit, scope="sign-up", methods=["POST"])


def _failed(response):
    """Tell whether a form was refused, so that only failures count against the limit."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def login():
    """Log an account in, then go where they were heading if that is on this site."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = local_path(request.args.get("next")) or ""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(local_path(form.next.data) or home_url(current_user))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            services.log_in(user)
            db.session.commit()  # a rehashed password is kept
            flash(_("You are logged in."), "success")
            return redirect(local_path(form.next.data) or home_url(user))
    if request.method == "POST":
        form.form_errors.append(_(LOGIN_FAILED))
    return render_template("auth/login.html", form=form), 400 if form.is_submitted() else 200


@bp.route("/signup", methods=["GET", "POST"])
@signup_limit
def signup():
    """Create a teacher account (with a valid invitation when sign-up is by invitation)."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    invitation = None
    token = request.values.get("invite", "")
    if services.signup_mode() == "invite":
        invitation = services.usable_invitation(token, utcnow())
        if invitation is None:
            return render_template("auth/invitation_needed.html"), 403
    form = SignupForm()
    if request.method == "GET":
        form.invite.data = token
    if form.validate_on_submit():
        user = create_account(form, "teacher", then=_spend(invitation))
        if user is not None:
            services.log_in(user)
            flash(_("Welcome, %(name)s. Your teacher account is ready.", name=user.name),
                  "success")
            return redirect(home_url(user))
    return render_template("auth/signup.html", form=form,
                           min_length=PASSWORD_MIN_LENGTH), 400 if form.is_submitted() else 200


def _spend(invitation):
    """Return what to do with a new teacher before it is committed: spend the invitation."""

    def spend(user):
        if invitation is not None and not services.use_invitation(invitation, user, utcnow()):
            db.session.rollback()
            abort(403)

    return spend


def create_account(form, role, then=None, learner_key=None):
    """Commit an account of `role` from the form; None (with an error on the form) if refused.

    `then(user)` runs on the new account before the commit. The role never comes from
    the form: each sign-up page fixes its own.
    """
    # Saying the address is taken tells a stranger it has an account; every try counts
    # against the sign-up limit, and the log-in page never says it.
    taken = _("That email cannot be used to sign up. If it is yours, log in instead.")
    email = form.email.email
    if services.user_by_email(email.address) is not None:
        form.email.errors.append(taken)
        return None
    user = services.create_user(email, form.name.data, form.password.data, role=role,
                                learner_key=learner_key)
    if then is not None:
        then(user)
    try:
        db.session.commit()
    except IntegrityError:  # the same address signed up a moment ago
        db.session.rollback()
        form.email.errors.append(taken)
        return None
    return user


@bp.post("/logout")
def logout():
    """End the session; a plain link (or a forged form) cannot do it."""
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    services.log_out()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def change_password():
    """Change the password after checking the current one."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if services.password_matches(current_user, form.current.data):
            services.set_password(current_user, form.password.data)
            services.refresh_stamp(current_user)
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(home_url(current_user))
        form.current.errors.append(_("That is not your current password."))
    return render_template("auth/password.html", form=form,
                           min_length=PASSWORD_MIN_LENGTH), 400 if form.is_submitted() else 200


@bp.route("/invitations", methods=["GET", "POST"])
@login_required
def invitations():
    """Let an admin make a one-time sign-up link for a teacher."""
    if not current_user.is_admin:
        abort(403)
    form = InvitationForm()
    link = None
    if form.validate_on_submit():
        invitation, token = services.create_invitation(current_user, utcnow())
        db.session.commit()
        link = url_for("auth.signup", invite=token, _external=True)
    elif form.is_submitted():
        abort(400)
    return render_template("auth/invitations.html", form=form, link=link,
                           mode=services.signup_mode(),
                           days=current_app.config["INVITATION_DAYS"],
                           open_invitations=services.open_invitations(utcnow()))
