"""A learner's own sign-up: an account that carries their attempts and classes to any device.

It is open whatever QUIZAPP_SIGNUP says (invitations are for teachers), and counts against
the same sign-up budget as the teachers' form.
"""

import uuid

from flask import flash, redirect, render_template, request, session
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth import bp, services
from quizapp.auth.access import home_url
from quizapp.auth.forms import LearnerSignupForm
from quizapp.auth.routes import create_account, signup_limit
from quizapp.classes import services as classes
from quizapp.domain.accounts import PASSWORD_MIN_LENGTH, local_path


def _device_key():
    """Return the key the new account adopts: this device's, unless an account has it."""
    key = session.get("learner")
    if key and services.key_is_free(key):
        return key
    return str(uuid.uuid4())


@bp.route("/learner/signup", methods=["GET", "POST"])
@signup_limit
def learner_signup():
    """Create a learner account that keeps what this device did, and log it in."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LearnerSignupForm()
    if request.method == "GET":
        form.next.data = local_path(request.args.get("next")) or ""
    if form.validate_on_submit():
        user = create_account(form, "learner", then=classes.claim_entries,
                              learner_key=_device_key())
        if user is not None:
            services.log_in(user)
            flash(_("Welcome, %(name)s. Your attempts and classes now follow you: log in "
                    "on any device to find them.", name=user.name), "success")
            return redirect(local_path(form.next.data) or home_url(user))
    return render_template("auth/learner_signup.html", form=form,
                           min_length=PASSWORD_MIN_LENGTH), 400 if form.is_submitted() else 200
