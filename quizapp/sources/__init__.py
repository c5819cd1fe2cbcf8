"""Sources: the reader learners use, and a teacher's own articles under /teach/sources."""

from flask import Blueprint

bp = Blueprint("sources", __name__, url_prefix="/sources", template_folder="templates")
teach_bp = Blueprint("teach_sources", __name__, url_prefix="/teach/sources",
                     template_folder="templates")

from quizapp.sources import routes, teach  # noqa: E402,F401 - registers the views
