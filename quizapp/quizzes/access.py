"""Who may see and change a quiz: its owner and admins; bundled quizzes are read-only."""

from quizapp.ownership import changeable_or_404, may_see, owns, seen_or_404
from quizapp.quizzes.models import Quiz

can_see = may_see


def can_change(quiz, user):
    """Tell whether `user` may change `quiz`: bundled quizzes change only by the bank files."""
    return not quiz.bundled and owns(quiz, user)


def visible_quiz_or_404(quiz_id):
    """Return the quiz the current user may see; another teacher's is a 404, not a 403."""
    return seen_or_404(Quiz, quiz_id)


def changeable_quiz_or_404(quiz_id):
    """Return the quiz the current user may change: 404 for another's, 403 for a bundled one."""
    return changeable_or_404(Quiz, quiz_id, may_change=can_change)
