"""Where a logged-in teacher works: their home page, and later their sources and sets."""

from flask import Blueprint

bp = Blueprint("teach", __name__, template_folder="templates", url_prefix="/teach")

from quizapp.teach import routes  # noqa: E402,F401 - registers the views on bp
