"""Which questions a new attempt gets: the quiz's pool, filtered, sampled and ordered."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Question, QuestionSet
from quizapp.domain.kinds import get_kind
from quizapp.quizzes.models import quiz_set


def question_pool(session, quiz):
    """Return the live questions a quiz may draw, in set and file order."""
    questions = session.scalars(
        sa.select(Question)
        .join(quiz_set, quiz_set.c.set_id == Question.set_id)
        .join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(quiz_set.c.quiz_id == quiz.id, Question.retired.is_(False))
        .order_by(QuestionSet.slug, Question.position)
        .options(selectinload(Question.current_version))
    ).all()
    wanted = set(quiz.tags or ())
    return [q for q in questions if not wanted or wanted & set(q.current_version.tags)]


def draw_questions(pool, count, shuffle, rng):
    """Return `count` questions (all when None) from `pool`, shuffled if asked.

    A random draw of `count` counts scored questions only and leaves descriptions out,
    as Moodle's random questions do: text between questions means nothing out of order.
    """
    if count:
        pool = [q for q in pool if get_kind(q.current_version.kind).marks]
    chosen = rng.sample(pool, count) if count and count < len(pool) else list(pool)
    if shuffle:
        rng.shuffle(chosen)
    elif count and count < len(pool):
        order = {id(q): i for i, q in enumerate(pool)}
        chosen.sort(key=lambda q: order[id(q)])
    return chosen
