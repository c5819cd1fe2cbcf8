"""Which questions' keys are hidden everywhere right now: one query, decided by the domain."""

import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionVersion
from quizapp.domain.feedback import HIDING_RULES, QuizUse, embargoed
from quizapp.quizzes.models import Quiz, quiz_set


def embargoed_questions(session, now, question_ids):
    """Return the ids among `question_ids` (a list or a select of ids) whose key is embargoed."""
    rows = session.execute(
        sa.select(Question.id, QuestionVersion.tags, Quiz.tags, Quiz.feedback, Quiz.closes_at)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(quiz_set, quiz_set.c.set_id == Question.set_id)
        .join(Quiz, Quiz.id == quiz_set.c.quiz_id)
        # Only quizzes whose rule may hide answers can embargo: fetch no other rows.
        .where(Question.id.in_(question_ids), Quiz.feedback.in_(HIDING_RULES))
    ).all()
    return embargoed(
        [QuizUse(question_id, tuple(question_tags or ()), tuple(quiz_tags or ()), rule, closes)
         for question_id, question_tags, quiz_tags, rule, closes in rows],
        now,
    )
