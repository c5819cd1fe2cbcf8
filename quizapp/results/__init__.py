"""What a teacher learns from a quiz: its attempts, item analysis and score exports."""

from flask import Blueprint

bp = Blueprint("results", __name__, template_folder="templates", url_prefix="/teach")

from quizapp.results import routes  # noqa: E402,F401 - registers the views on bp
