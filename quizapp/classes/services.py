"""Classes as verbs: create, rename, assign, join, rename and remove learners, merge them.

Services flush; views commit.
"""

import sqlalchemy as sa

from quizapp.classes.models import RosterEntry, SchoolClass, quiz_class
from quizapp.domain.classcodes import clean_code, make_class_code
from quizapp.domain.gradebook import AttemptRow, EntryRow, QuizColumn, build_gradebook, percent
from quizapp.extensions import db
from quizapp.play import services as play
from quizapp.play.models import Attempt
from quizapp.quizzes.models import Quiz
from quizapp.timeutil import utcnow

# Codes are drawn from 25**6 (about 244 million); a handful of tries always finds a free one.
CODE_TRIES = 20


class ClassError(Exception):
    """Something asked of a class that its rules do not allow; the message says what."""


def create_class(owner, name):
    """Make a class for `owner` with a fresh join code that no quiz or class holds."""
    school_class = SchoolClass(owner_id=owner.id, name=name, join_code=_free_code())
    db.session.add(school_class)
    db.session.flush()
    return school_class


def _free_code():
    """Return a class code held by no class and no quiz (the home page takes both)."""
    for _ in range(CODE_TRIES):
        code = make_class_code()
        taken = (db.session.scalar(sa.select(SchoolClass.id).where(SchoolClass.join_code == code))
                 or db.session.scalar(sa.select(Quiz.id).where(Quiz.join_code == code)))
        if not taken:
            return code
    raise RuntimeError("no free class code found")  # pragma: no cover - 1 in 10**160


def rename_class(school_class, name):
    """Give the class a new name."""
    school_class.name = name
    db.session.flush()


def teacher_classes(user):
    """Return (class, learners on the roster) for `user`'s classes, by name."""
    learners = (sa.select(sa.func.count(RosterEntry.id))
                .where(RosterEntry.class_id == SchoolClass.id,
                       RosterEntry.merged_into_id.is_(None), RosterEntry.removed_at.is_(None))
                .correlate(SchoolClass).scalar_subquery())
    return db.session.execute(
        sa.select(SchoolClass, learners).where(SchoolClass.owner_id == user.id)
        .order_by(SchoolClass.name, SchoolClass.id)).all()


def assigned_quizzes(school_class):
    """Return the quizzes assigned to the class, by title."""
    return db.session.scalars(
        sa.select(Quiz).join(quiz_class, quiz_class.c.quiz_id == Quiz.id)
        .where(quiz_class.c.class_id == school_class.id).order_by(Quiz.title, Quiz.id)).all()


def assignable_quizzes(school_class):
    """Return the quizzes the class's teacher may assign and has not: theirs and bundled."""
    assigned = sa.select(quiz_class.c.quiz_id).where(quiz_class.c.class_id == school_class.id)
    return db.session.scalars(
        sa.select(Quiz).where(sa.or_(Quiz.owner_id.is_(None),
                                     Quiz.owner_id == school_class.owner_id),
                              Quiz.id.not_in(assigned))
        .order_by(Quiz.title, Quiz.id)).all()


def assign_quiz(school_class, quiz):
    """Assign `quiz` to the class; refuse another teacher's quiz or one assigned already."""
    if quiz not in assignable_quizzes(school_class):
        raise ClassError("That quiz cannot be assigned to this class.")
    db.session.execute(quiz_class.insert().values(quiz_id=quiz.id, class_id=school_class.id))
    db.session.flush()


def unassign_quiz(school_class, quiz_id):
    """Take a quiz off the class; attempts already made stay. Tell whether it was assigned."""
    return bool(db.session.execute(quiz_class.delete().where(
        quiz_class.c.class_id == school_class.id, quiz_class.c.quiz_id == quiz_id)).rowcount)


def roster(school_class):
    """Return the class's entries still standing (not merged away): present first, by name."""
    return db.session.scalars(
        sa.select(RosterEntry)
        .where(RosterEntry.class_id == school_class.id, RosterEntry.merged_into_id.is_(None))
        .order_by(RosterEntry.removed_at.is_not(None), RosterEntry.display_name,
                  RosterEntry.id)).all()


def entry_in_class(school_class, entry_id):
    """Return the class's standing entry `entry_id`, or None (merged away or elsewhere)."""
    return db.session.scalar(sa.select(RosterEntry).where(
        RosterEntry.id == entry_id, RosterEntry.class_id == school_class.id,
        RosterEntry.merged_into_id.is_(None)))


def rename_entry(entry, name):
    """Change the name the teacher sees for a learner."""
    entry.display_name = name
    db.session.flush()


def remove_entry(entry):
    """Take a learner off the roster; their attempts stay, marked removed."""
    if entry.removed_at is None:
        entry.removed_at = utcnow()
    db.session.flush()


def restore_entry(entry):
    """Put a removed learner back on the roster."""
    entry.removed_at = None
    db.session.flush()


def merge_entries(entry, into):
    """Fold `entry` into `into` (the same person): its attempts and devices move over."""
    if entry.id == into.id:
        raise ClassError("Choose another learner: an entry cannot be merged with itself.")
    if entry.class_id != into.class_id or into.merged_into_id is not None:
        raise ClassError("Choose a learner of this class.")
    db.session.execute(sa.update(Attempt).where(Attempt.roster_entry_id == entry.id)
                       .values(roster_entry_id=into.id)
                       .execution_options(synchronize_session=False))
    # Entries merged into this one earlier now point at the one that stays.
    db.session.execute(sa.update(RosterEntry).where(RosterEntry.merged_into_id == entry.id)
                       .values(merged_into_id=into.id)
                       .execution_options(synchronize_session=False))
    entry.merged_into_id = into.id
    db.session.flush()


def class_by_code(code):
    """Return the class with this join code (any case, spaces and dashes ignored), or None."""
    cleaned = clean_code(code)
    if not cleaned:
        return None
    return db.session.scalar(sa.select(SchoolClass).where(SchoolClass.join_code == cleaned))


def membership(school_class, learner_key):
    """Return the entry this browser stands for in the class (after merges), or None."""
    if not learner_key:
        return None
    entry = db.session.scalar(
        sa.select(RosterEntry).where(RosterEntry.class_id == school_class.id,
                                     RosterEntry.learner_key == learner_key)
        .order_by(RosterEntry.id).limit(1))
    if entry is not None and entry.merged_into_id is not None:
        entry = db.session.get(RosterEntry, entry.merged_into_id)
    return entry


def entry_for_quiz(quiz, learner_key):
    """Return this browser's standing entry in a class `quiz` is assigned to, or None.

    A member who opens an assigned quiz by its own link or code still takes it as a member,
    so its attempts count in the gradebook and against the member's allowance.
    """
    if not learner_key:
        return None
    entry = db.session.scalar(
        sa.select(RosterEntry)
        .join(quiz_class, quiz_class.c.class_id == RosterEntry.class_id)
        .where(quiz_class.c.quiz_id == quiz.id, RosterEntry.learner_key == learner_key)
        .order_by(RosterEntry.id).limit(1))
    if entry is not None and entry.merged_into_id is not None:
        entry = db.session.get(RosterEntry, entry.merged_into_id)
    return None if entry is None or entry.removed_at is not None else entry


def join_class(school_class, learner_key, display_name, user_id=None):
    """Put this browser on the class's roster, or return the entry it already has.

    `user_id` is the learner's account when they are logged in to one: the entry records it.
    """
    entry = membership(school_class, learner_key)
    if entry is not None:
        if entry.removed_at is not None:
            raise ClassError("Your teacher took you off this class's list: ask them to "
                             "put you back.")
        if user_id is not None and entry.user_id is None:
            entry.user_id = user_id
            db.session.flush()
        return entry
    entry = RosterEntry(class_id=school_class.id, display_name=display_name,
                        learner_key=learner_key, user_id=user_id)
    db.session.add(entry)
    db.session.flush()
    return entry


def claim_entries(user):
    """Record a new learner account on the roster entries its adopted learner key made."""
    db.session.execute(
        sa.update(RosterEntry)
        .where(RosterEntry.learner_key == user.learner_key, RosterEntry.user_id.is_(None))
        .values(user_id=user.id).execution_options(synchronize_session=False))


def learner_classes(learner_key, user_id=None):
    """Return the classes this browser (or account) joined and was not removed from, by name."""
    mine = []
    if learner_key:
        mine.append(RosterEntry.learner_key == learner_key)
    if user_id is not None:
        mine.append(RosterEntry.user_id == user_id)
    if not mine:
        return []
    return db.session.scalars(
        sa.select(SchoolClass).join(RosterEntry, RosterEntry.class_id == SchoolClass.id)
        .where(sa.or_(*mine), RosterEntry.removed_at.is_(None))
        .order_by(SchoolClass.name).distinct()).all()


def entry_attempts(entry):
    """Return the attempts made under `entry`, oldest first."""
    return db.session.scalars(
        sa.select(Attempt).where(Attempt.roster_entry_id == entry.id)
        .order_by(Attempt.started_at, Attempt.id)).all()


def hand_in_overdue(school_class):
    """Hand in the overdue attempts at every quiz assigned to the class; return how many."""
    assigned = sa.select(quiz_class.c.quiz_id).where(quiz_class.c.class_id == school_class.id)
    return play.hand_in_overdue(assigned)


def gradebook(school_class):
    """Return (assigned quizzes, GradebookRows) for the class in three queries."""
    quizzes = assigned_quizzes(school_class)
    entries = db.session.execute(
        sa.select(RosterEntry.id, RosterEntry.display_name, RosterEntry.removed_at,
                  RosterEntry.merged_into_id)
        .where(RosterEntry.class_id == school_class.id)).all()
    attempts = db.session.execute(
        sa.select(Attempt.roster_entry_id, Attempt.quiz_id, Attempt.score, Attempt.max_score,
                  Attempt.submitted_at)
        .join(RosterEntry, RosterEntry.id == Attempt.roster_entry_id)
        .join(quiz_class, sa.and_(quiz_class.c.quiz_id == Attempt.quiz_id,
                                  quiz_class.c.class_id == RosterEntry.class_id))
        .where(RosterEntry.class_id == school_class.id, Attempt.submitted_at.is_not(None))
    ).all()
    rows = build_gradebook(
        [EntryRow(e.id, e.display_name, e.removed_at is not None, e.merged_into_id)
         for e in entries],
        [QuizColumn(q.id, q.title, q.grading) for q in quizzes],
        [AttemptRow(a.roster_entry_id, a.quiz_id, percent(a.score, a.max_score),
                    a.submitted_at) for a in attempts])
    return quizzes, rows


def gradebook_rows(school_class):
    """Yield the class's gradebook, one GradebookRow per learner (merged entries folded in).

    Each row has `entry_id` (the roster entry), `name` (the display name the teacher
    sees), `removed` (True when the teacher took the learner off the roster; their scores
    stay) and `cells`: one counted percent (a float from 0 to 100, or None when the learner
    handed in no attempt) per quiz of `assigned_quizzes(school_class)`, in that order, by
    the quiz's grading rule. Present learners come first, each group by name.
    """
    yield from gradebook(school_class)[1]
