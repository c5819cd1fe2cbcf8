"""Teacher authoring: question sets and the questions in them, written in forms.

Sets and their pages live in `sets.py`, the question editor in `questions.py`; both are
views on one blueprint under /teach/sets.
"""

from flask import Blueprint

bp = Blueprint("authoring", __name__, template_folder="templates", url_prefix="/teach/sets")

from quizapp.authoring import questions, sets  # noqa: E402,F401 - registers the views on bp
