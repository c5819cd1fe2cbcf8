"""Classes: a teacher's groups of learners, joined by code, with quizzes assigned to them.

Teachers' pages live in `teacher.py` under /teach/classes, learners' pages in `learner.py`
under /class; both are views on one blueprint.
"""

from flask import Blueprint

bp = Blueprint("classes", __name__, template_folder="templates")

from quizapp.classes import learner, roster, teacher  # noqa: E402,F401 - registers the views on bp
