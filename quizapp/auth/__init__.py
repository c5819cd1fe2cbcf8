"""Teacher and admin accounts: sign-up, invitations, log-in, log-out, passwords."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates", url_prefix="/account")


@bp.after_request
def keep_out_of_caches(response):
    """Tell browsers and proxies never to store an account page."""
    response.headers["Cache-Control"] = "no-store"
    return response


from quizapp.auth import routes  # noqa: E402,F401 - registers the views on bp
