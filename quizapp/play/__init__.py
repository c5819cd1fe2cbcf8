"""The learner's quiz flow: start, answer one question per page, submit, review."""

from flask import Blueprint

from quizapp.play.steps import progress_nav

bp = Blueprint("play", __name__, template_folder="templates")
bp.add_app_template_global(progress_nav)


@bp.after_request
def keep_out_of_caches(response):
    """Tell browsers and proxies never to store a page of a learner's attempt."""
    response.headers["Cache-Control"] = "no-store"
    return response


from quizapp.play import routes  # noqa: E402,F401 - registers the views on bp
