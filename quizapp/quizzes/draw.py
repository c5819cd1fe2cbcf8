"""Which questions a new attempt gets: the quiz's pool, filtered, sampled and ordered."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Question, QuestionSet
from quizapp.domain.drawing import balanced_draw
from quizapp.domain.kinds import get_kind
from quizapp.quizzes.models import quiz_set


def sets_pool(session, set_ids, tags=()):
    """Return the live questions of these sets (ids, or a select of ids) that carry one of
    `tags` (any when empty), in set and file order."""
    questions = session.scalars(
        sa.select(Question)
        .join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(Question.set_id.in_(set_ids), Question.retired.is_(False))
        .order_by(QuestionSet.slug, Question.position)
        .options(selectinload(Question.current_version))
    ).all()
    wanted = set(tags or ())
    return [q for q in questions if not wanted or wanted & set(q.current_version.tags)]


def question_pool(session, quiz):
    """Return the live questions a quiz may draw, in set and file order."""
    set_ids = sa.select(quiz_set.c.set_id).where(quiz_set.c.quiz_id == quiz.id)
    return sets_pool(session, set_ids, quiz.tags)


def draw_questions(pool, count, shuffle, rng, balance_over=None):
    """Return `count` questions (all when None) from `pool`, shuffled if asked.

    With `balance_over` (a tuple of tags; empty means every tag of the pool) the draw is
    spread evenly across those tags rather than taken uniformly at random. A random draw
    of `count` counts scored questions only and leaves descriptions out, as Moodle's
    random questions do: text between questions means nothing out of order.
    """
    if count:
        pool = [q for q in pool if get_kind(q.current_version.kind).marks]
    sampled = count and count < len(pool)
    if sampled and balance_over is not None:
        tags_of = [set(q.current_version.tags) for q in pool]
        chosen = [pool[i] for i in balanced_draw(tags_of, count, rng, balance_over)]
    elif sampled:
        chosen = rng.sample(pool, count)
    else:
        chosen = list(pool)
    if shuffle:
        rng.shuffle(chosen)
    elif sampled:
        order = {id(q): i for i, q in enumerate(pool)}
        chosen.sort(key=lambda q: order[id(q)])
    return chosen
