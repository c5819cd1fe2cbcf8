"""Verbs over question sets a teacher owns: create, change, duplicate, publish, delete.

Each flushes and leaves the commit to the view. Bundled sets are never changed here:
they change only through `flask bank load`.
"""

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion
from quizapp.domain.setslugs import first_free, slug_base
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz, quiz_set

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
# Room for "-<n>" after the set's slug in its questions' slugs, within the bank's 80.
SET_SLUG_MAX_LENGTH = 64


class SetInUse(Exception):
    """The set cannot be deleted: learners have answered its questions."""


def _taken(model, base):
    """Return the slugs of `model` that start with `base`."""
    return set(db.session.scalars(sa.select(model.slug).where(model.slug.startswith(base))))


def new_set_slug(title):
    """Return a slug for a set called `title` that no set has."""
    base = slug_base(title, fallback="set", max_length=SET_SLUG_MAX_LENGTH)
    return first_free(base, _taken(QuestionSet, base))


def new_question_slug(question_set):
    """Return a slug for a new question of `question_set` that no question has."""
    base = f"{question_set.slug}-{len(question_set.questions) + 1}"
    return first_free(base, _taken(Question, question_set.slug))


def create_set(owner, title, description=""):
    """Add an unpublished set owned by `owner` and return it."""
    question_set = QuestionSet(slug=new_set_slug(title), title=title, description=description,
                               bundled=False, owner_id=owner.id, published=False)
    db.session.add(question_set)
    db.session.flush()
    return question_set


def update_set(question_set, title, description):
    """Change a set's title and description (its slug stays, so links keep working)."""
    question_set.title = title
    question_set.description = description
    db.session.flush()


def set_published(question_set, published):
    """Publish or unpublish a set."""
    question_set.published = published
    db.session.flush()


def live_questions(question_set):
    """Return the set's questions that are not retired, in order, with their versions."""
    return db.session.scalars(
        sa.select(Question).where(Question.set_id == question_set.id,
                                  Question.retired.is_(False))
        .options(selectinload(Question.current_version)
                 .selectinload(QuestionVersion.evidence))
        .order_by(Question.position, Question.id)).all()


def copy_title(title):
    """Return the title of a copy of a set called `title`, within the length allowed."""
    suffix = gettext(" (copy)")
    return title[:TITLE_MAX_LENGTH - len(suffix)] + suffix


def _copy_version(version, question):
    """Return version 1 of `question`: the same wording, key, tags and evidence as `version`."""
    copy = QuestionVersion(
        question=question, number=1, kind=version.kind, prompt=version.prompt,
        data=version.data, explanation=version.explanation, tags=list(version.tags),
        difficulty=version.difficulty, content_hash=version.content_hash)
    copy.evidence = [Evidence(source_id=e.source_id, quote=e.quote, start=e.start, end=e.end)
                     for e in version.evidence]
    return copy


def duplicate_set(question_set, owner):
    """Copy a set and the current version of each live question into a new set of `owner`."""
    copy = create_set(owner, copy_title(question_set.title), question_set.description)
    taken = _taken(Question, copy.slug)
    for position, original in enumerate(live_questions(question_set), 1):
        slug = first_free(f"{copy.slug}-{position}", taken)
        taken.add(slug)
        question = Question(slug=slug, question_set=copy, position=position)
        db.session.add(question)
        question.current_version = _copy_version(original.current_version, question)
    db.session.flush()
    return copy


def retire_question(question):
    """Take a question out of its set; attempts keep the version their learner saw."""
    question.retired = True
    db.session.flush()


def quizzes_using(question_set):
    """Return the quizzes drawn from `question_set`, by title."""
    return db.session.scalars(
        sa.select(Quiz).join(quiz_set, quiz_set.c.quiz_id == Quiz.id)
        .where(quiz_set.c.set_id == question_set.id).order_by(Quiz.title)).all()


def _versions_of(question_set):
    """Return a select of the ids of every version of every question of `question_set`."""
    return (sa.select(QuestionVersion.id).join(Question, QuestionVersion.question_id == Question.id)
            .where(Question.set_id == question_set.id))


def why_not_deletable(question_set):
    """Return why learners' work keeps `question_set` from being deleted, or None."""
    taken = db.session.scalar(
        sa.select(Quiz.title).join(quiz_set, quiz_set.c.quiz_id == Quiz.id)
        .join(Attempt, Attempt.quiz_id == Quiz.id)
        .where(quiz_set.c.set_id == question_set.id).limit(1))
    if taken is not None:
        return gettext("Learners have taken the quiz “%(quiz)s”, which uses this set. "
                       "Unpublish the set instead, or remove questions one by one.",
                       quiz=taken)
    answered = db.session.scalar(sa.select(Response.id).where(
        Response.question_version_id.in_(_versions_of(question_set))).limit(1))
    if answered is not None:
        return gettext("Learners have answered questions of this set in a quiz. "
                       "Unpublish the set instead, or remove questions one by one.")
    return None


def delete_set(question_set):
    """Delete a set nobody has answered: its questions, their versions and evidence.

    Quizzes that drew from it no longer do. Raise SetInUse when learners' attempts hold it.
    """
    reason = why_not_deletable(question_set)
    if reason is not None:
        raise SetInUse(reason)
    versions = _versions_of(question_set)
    questions = sa.select(Question.id).where(Question.set_id == question_set.id)
    session = db.session
    # The question → current version link is a cycle: break it before deleting either side.
    session.execute(sa.update(Question).where(Question.set_id == question_set.id)
                    .values(current_version_id=None))
    session.execute(sa.delete(Evidence).where(Evidence.question_version_id.in_(versions)))
    session.execute(sa.delete(QuestionVersion).where(QuestionVersion.question_id.in_(questions)))
    session.execute(sa.delete(Question).where(Question.set_id == question_set.id))
    session.execute(sa.delete(quiz_set).where(quiz_set.c.set_id == question_set.id))
    session.expire_all()
    session.delete(session.get(QuestionSet, question_set.id))
    session.flush()


def sets_for(user):
    """Return (the user's own sets, bundled sets, other teachers' sets) as the user may see.

    Only admins see other teachers' sets.
    """
    rows = db.session.scalars(sa.select(QuestionSet).order_by(QuestionSet.title)).all()
    own = [s for s in rows if s.owner_id == user.id]
    bundled = [s for s in rows if s.owner_id is None]
    others = [s for s in rows if user.is_admin and s.owner_id not in (None, user.id)]
    return own, bundled, others


def question_counts():
    """Return {set id: number of live questions}."""
    return dict(db.session.execute(
        sa.select(Question.set_id, sa.func.count()).where(Question.retired.is_(False))
        .group_by(Question.set_id)).all())
