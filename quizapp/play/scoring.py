"""An attempt's score from its responses, and the marks teachers give by hand (essays)."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Response
from quizapp.timeutil import utcnow


def total_score(attempt, responses):
    """Set the attempt's score from its responses, and count the answers awaiting a mark."""
    attempt.score = sum(r.score for r in responses if r.score is not None)
    attempt.unmarked = sum(1 for r in responses if r.score is None
                           and get_kind(r.question_version.kind).marked_by_teacher)


class MarkError(ValueError):
    """A mark that cannot be given; its message says why."""


def mark_response(response, fraction, marker):
    """Give a hand-marked answer (an essay) `fraction` of its mark; recompute the attempt.

    A mark may be changed later; the attempt's score is provisional while any answer of
    a kind that teachers mark is still unmarked.
    """
    attempt = response.attempt
    if not attempt.submitted:
        raise MarkError("This attempt is not handed in yet.")
    if not get_kind(response.question_version.kind).marked_by_teacher:
        raise MarkError("This answer is scored automatically.")
    if response.answer is None:
        raise MarkError("This question was not answered: it scores 0.")
    if not 0 <= fraction <= 1:
        raise MarkError("Give a mark from 0 to 1.")
    response.score = float(fraction)
    response.marked_by_id = marker.id
    response.marked_at = utcnow()
    responses = db.session.scalars(
        sa.select(Response).where(Response.attempt_id == attempt.id)
        .options(joinedload(Response.question_version))).all()
    total_score(attempt, responses)
    db.session.flush()
