"""A class, its roster and the quizzes assigned to it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime, utcnow

quiz_class = sa.Table(
    "quiz_class",
    db.metadata,
    sa.Column("quiz_id", sa.ForeignKey("quiz.id"), primary_key=True),
    sa.Column("class_id", sa.ForeignKey("school_class.id"), primary_key=True),
)


class SchoolClass(db.Model):
    """A teacher's class: a name, the code its learners join with, and a roster."""

    __tablename__ = "school_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    roster: Mapped[list["RosterEntry"]] = relationship(
        back_populates="school_class", order_by="RosterEntry.display_name"
    )


class RosterEntry(db.Model):
    """One learner in one class; attempts made as a member point here."""

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("school_class.id"), index=True)
    display_name: Mapped[str] = mapped_column(sa.String(60))
    # The learner cookie of the device that joined (more devices need an account).
    learner_key: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    # A learner's own account, when they have one: it carries attempts across devices.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Removed learners keep their attempts, marked as removed in results and exports.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the teacher merged this entry into another one for the same person.
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("roster_entry.id"))

    school_class: Mapped[SchoolClass] = relationship(back_populates="roster")
