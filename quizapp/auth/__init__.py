"""Accounts of teachers, admins and learners: sign-up, invitations, log-in, log-out, passwords."""

from flask import Blueprint

from quizapp.auth import services

bp = Blueprint("auth", __name__, template_folder="templates", url_prefix="/account")


@bp.after_request
def keep_out_of_caches(response):
    """Tell browsers and proxies never to store an account page."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.before_app_request
def forget_lent_key():
    """Keep a learner account's key out of any session that is no longer logged in to it."""
    services.forget_lent_key()


from quizapp.auth import learners, routes  # noqa: E402,F401 - registers the views on bp
