"""A teacher's quizzes as verbs: create, update, close, delete. Services flush; views commit."""

import random

import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet, QuestionVersion
from quizapp.classes.models import quiz_class
from quizapp.domain.sharing import new_join_code, new_slug
from quizapp.extensions import db
from quizapp.play.models import Attempt
from quizapp.quizzes.draw import sets_pool
from quizapp.quizzes.models import Quiz

# What a teacher sets in the quiz form, beside its sets.
SETTINGS = ("title", "description", "question_count", "balance_tags", "tags",
            "shuffle_questions", "shuffle_choices", "time_limit_minutes", "attempts_allowed",
            "grading", "feedback", "opens_at", "closes_at", "listed")
# Tries at a fresh join code or slug before giving up: with a billion codes, one suffices.
FRESH_TRIES = 20


class QuizInUse(Exception):
    """A quiz that learners have attempted cannot be deleted: their attempts point at it."""


def usable_sets(user):
    """Return the sets `user` may build a quiz from: bundled ones and their own (admins: all)."""
    query = sa.select(QuestionSet).order_by(QuestionSet.owner_id.is_not(None), QuestionSet.title)
    if not user.is_admin:
        query = query.where(sa.or_(QuestionSet.owner_id.is_(None),
                                   QuestionSet.owner_id == user.id))
    return db.session.scalars(query).all()


def set_tags(set_ids):
    """Return the tags of the live questions of these sets, sorted."""
    rows = db.session.scalars(
        sa.select(QuestionVersion.tags)
        .join(Question, Question.current_version_id == QuestionVersion.id)
        .where(Question.set_id.in_(list(set_ids)), Question.retired.is_(False))
    )
    return sorted({tag for tags in rows for tag in tags or ()})


def pool_size(set_ids, tags=()):
    """Return how many questions a quiz of these sets, filtered by `tags`, may draw."""
    return len(sets_pool(db.session, list(set_ids), tags))


def _fresh(make, column):
    """Return a value from `make()` that no quiz holds in `column` yet."""
    for _ in range(FRESH_TRIES):
        value = make()
        if db.session.scalar(sa.select(Quiz.id).where(column == value)) is None:
            return value
    raise RuntimeError(f"no free value for {column} after {FRESH_TRIES} tries")


def create_quiz(owner, sets, values, rng=None):
    """Add a teacher's quiz over `sets` with the form's `values`; return it."""
    rng = rng or random.SystemRandom()
    quiz = Quiz(owner_id=owner.id, bundled=False,
                slug=_fresh(lambda: new_slug(values["title"], rng), Quiz.slug),
                join_code=_fresh(lambda: new_join_code(rng), Quiz.join_code))
    update_quiz(quiz, sets, values)
    db.session.add(quiz)
    db.session.flush()
    return quiz


def update_quiz(quiz, sets, values):
    """Change a quiz's sets and settings; its slug and join code stay, so links keep working.

    Attempts already made keep what they drew and the feedback rule they started under.
    """
    for name in SETTINGS:
        setattr(quiz, name, values[name])
    quiz.sets = list(sets)
    db.session.flush()
    return quiz


def attempt_count(quiz):
    """Return how many attempts learners have made at `quiz`."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Attempt).where(Attempt.quiz_id == quiz.id))


def delete_quiz(quiz):
    """Delete a quiz nobody has attempted; raise QuizInUse otherwise."""
    if attempt_count(quiz):
        raise QuizInUse(quiz.slug)
    quiz.sets = []
    db.session.execute(sa.delete(quiz_class).where(quiz_class.c.quiz_id == quiz.id))
    db.session.delete(quiz)
    db.session.flush()


def close_quiz(quiz, now):
    """Close a quiz now: no new attempt starts, and attempts in progress are handed in."""
    if quiz.closes_at is None or quiz.closes_at > now:
        quiz.closes_at = now
    if quiz.opens_at is not None and quiz.opens_at > quiz.closes_at:
        quiz.opens_at = None  # it never opened; an opening after the close means nothing
    db.session.flush()


def teacher_quizzes(user):
    """Return (the quizzes `user` runs, the bundled ones), by title; admins get everyone's."""
    query = sa.select(Quiz).where(Quiz.owner_id.is_not(None)).order_by(Quiz.title)
    if not user.is_admin:
        query = query.where(Quiz.owner_id == user.id)
    bundled = sa.select(Quiz).where(Quiz.owner_id.is_(None)).order_by(Quiz.title)
    return db.session.scalars(query).all(), db.session.scalars(bundled).all()
