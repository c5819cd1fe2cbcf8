"""Marking by hand: a teacher gives each essay of a handed-in attempt its mark.

A minimal page until the results views (another area) show it among a quiz's attempts.
"""

from flask import Blueprint

bp = Blueprint("marking", __name__, template_folder="templates", url_prefix="/teach/attempts")

from quizapp.marking import routes  # noqa: E402,F401 - registers the views on bp
