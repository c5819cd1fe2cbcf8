"""The learner's quiz flow: start, answer one question per page, submit, review."""

from flask import Blueprint

bp = Blueprint("play", __name__, template_folder="templates")

from quizapp.play import routes  # noqa: E402,F401 - registers the views on bp
