"""Who may see and change a question set: its owner and admins; bundled sets are read-only."""

from quizapp.bank.models import QuestionSet
from quizapp.ownership import changeable_or_404, may_see, owns, seen_or_404

can_see = may_see
can_change = owns


def visible_set_or_404(set_id):
    """Return the set the current user may see; another teacher's is a 404, not a 403."""
    return seen_or_404(QuestionSet, set_id)


def changeable_set_or_404(set_id):
    """Return the set the current user may change: 404 for another's, 403 for a bundled one."""
    return changeable_or_404(QuestionSet, set_id)
