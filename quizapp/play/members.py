"""Attempts made as class members: counted per roster entry, whatever device made them."""

import sqlalchemy as sa

from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.play.models import Attempt


def hold_entry(entry):
    """Write the roster entry's row, so starts of one class member queue one behind another.

    The write is held until the commit (a row lock on PostgreSQL, the write lock on
    SQLite): two devices of a member starting at once cannot both take the last attempt.
    """
    db.session.execute(
        sa.update(RosterEntry).where(RosterEntry.id == entry.id)
        .values(display_name=RosterEntry.display_name)
        .execution_options(synchronize_session=False))


def entry_attempts_at(quiz, entry):
    """Return the attempts at `quiz` made as class member `entry`, oldest first."""
    return db.session.scalars(
        sa.select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.roster_entry_id == entry.id)
        .order_by(Attempt.started_at, Attempt.id)
        .execution_options(populate_existing=True)
    ).all()
