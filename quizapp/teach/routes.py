"""The teacher's home page."""

from flask import render_template

from quizapp.auth.access import teacher_required
from quizapp.teach import bp


@bp.get("/")
@teacher_required
def home():
    """Show a teacher what they can do with their account."""
    return render_template("teach/home.html")
