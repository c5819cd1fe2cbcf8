"""The home page, joining by code, and the error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from quizapp.main import routes  # noqa: E402,F401 - registers the views on bp
