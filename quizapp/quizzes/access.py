"""Who may see and change a quiz: its owner and admins; bundled quizzes are read-only."""

from flask import abort
from flask_login import current_user

from quizapp.extensions import db
from quizapp.quizzes.models import Quiz


def can_see(quiz, user):
    """Tell whether `user` may see `quiz` as a teacher: bundled, their own, or they are admin."""
    if quiz.owner_id is None:
        return True
    return user.is_admin or quiz.owner_id == user.id


def can_change(quiz, user):
    """Tell whether `user` may change `quiz`: bundled quizzes change only by the bank files."""
    if quiz.bundled or quiz.owner_id is None:
        return False
    return user.is_admin or quiz.owner_id == user.id


def visible_quiz_or_404(quiz_id):
    """Return the quiz the current user may see; another teacher's is a 404, not a 403."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not can_see(quiz, current_user):
        abort(404)
    return quiz


def changeable_quiz_or_404(quiz_id):
    """Return the quiz the current user may change: 404 for another's, 403 for a bundled one."""
    quiz = visible_quiz_or_404(quiz_id)
    if not can_change(quiz, current_user):
        abort(403)
    return quiz
