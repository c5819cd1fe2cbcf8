"""Who may see and change a question set: its owner and admins; bundled sets are read-only."""

from flask import abort
from flask_login import current_user

from quizapp.bank.models import QuestionSet
from quizapp.extensions import db


def can_see(question_set, user):
    """Tell whether `user` may see `question_set`: bundled, their own, or they are admin."""
    if question_set.owner_id is None:
        return True
    return user.is_admin or question_set.owner_id == user.id


def can_change(question_set, user):
    """Tell whether `user` may change `question_set`: bundled sets change only by files."""
    if question_set.owner_id is None:
        return False
    return user.is_admin or question_set.owner_id == user.id


def visible_set_or_404(set_id):
    """Return the set the current user may see; another teacher's is a 404, not a 403."""
    question_set = db.get_or_404(QuestionSet, set_id)
    if not can_see(question_set, current_user):
        abort(404)
    return question_set


def changeable_set_or_404(set_id):
    """Return the set the current user may change: 404 for another's, 403 for a bundled one."""
    question_set = visible_set_or_404(set_id)
    if not can_change(question_set, current_user):
        abort(403)
    return question_set
