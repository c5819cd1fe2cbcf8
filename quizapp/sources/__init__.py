"""The source reader: each article with its evidence passages marked."""

from flask import Blueprint

bp = Blueprint("sources", __name__, url_prefix="/sources", template_folder="templates")

from quizapp.sources import routes  # noqa: E402,F401 - registers the views on bp
