"""Who may read and change a source: bundled ones are public and read-only; a teacher's
are theirs (and admins'), and readable by a learner whose attempt cites them."""

from flask_login import current_user

from quizapp.bank.models import Source
from quizapp.ownership import changeable_or_404, owns, seen_or_404
from quizapp.play.learner import learner_key
from quizapp.sources import services


def may_read(source):
    """Tell whether the current visitor may open `source` in the reader."""
    if source.owner_id is None or owns(source, current_user):
        return True
    learner = learner_key(create=False)
    return learner is not None and services.cited_in_attempt(source, learner)


def visible_source_or_404(source_id):
    """Return a source a teacher may look at: bundled or their own; another's is a 404."""
    return seen_or_404(Source, source_id)


def changeable_source_or_404(source_id):
    """Return a source the teacher may change: 404 for another's, 403 for a bundled one."""
    return changeable_or_404(Source, source_id)
