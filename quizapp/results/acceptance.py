"""Accepting a fair answer after the fact: a new question version, and a rescore."""

import sqlalchemy as sa

from quizapp.authoring.question_services import draft_of, revise_question
from quizapp.bank.models import Question, QuestionVersion
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.results.models import AnswerAcceptance, ScoreChange
from quizapp.timeutil import utcnow


class AcceptError(Exception):
    """An answer that cannot be accepted; its message says why."""


def accept_answer(question: Question, answer, user):
    """Accept `answer` as right: make a new version, rescore submitted attempts.

    Responses of attempts still in progress move to the new version, so they are scored
    with it when handed in. Every score that changes is recorded. Returns the
    AnswerAcceptance.
    """
    current = question.current_version
    kind = get_kind(current.kind)
    data = kind.accept(current.data, answer)
    if data is None:
        raise AcceptError("That answer cannot be added to this question's accepted answers.")
    version = revise_question(question, draft_of(current, data=data), unchanged_hashes=())
    acceptance = AnswerAcceptance(question_id=question.id, from_version_id=current.id,
                                  to_version_id=version.id, answer=answer,
                                  accepted_by_id=user.id, accepted_at=utcnow())
    db.session.add(acceptance)
    responses = db.session.execute(
        sa.select(Response, Attempt.submitted_at).join(Attempt)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(QuestionVersion.question_id == question.id)).all()
    touched = set()
    for response, submitted_at in responses:
        if submitted_at is None:
            response.question_version_id = version.id
            continue
        new_score = kind.score(data, response.answer)
        if response.score is not None and new_score > response.score:
            acceptance.changes.append(ScoreChange(response_id=response.id,
                                                  old_score=response.score,
                                                  new_score=new_score))
            response.score = new_score
            touched.add(response.attempt_id)
    acceptance.rescored = len(acceptance.changes)
    db.session.flush()
    _rescore_attempts(touched)
    return acceptance


def _rescore_attempts(attempt_ids):
    """Set each attempt's score to the sum of its responses' scores."""
    if not attempt_ids:
        return
    total = (sa.select(sa.func.coalesce(sa.func.sum(Response.score), 0))
             .where(Response.attempt_id == Attempt.id).scalar_subquery())
    db.session.execute(sa.update(Attempt).where(Attempt.id.in_(attempt_ids))
                       .values(score=total).execution_options(synchronize_session=False))
    db.session.expire_all()
