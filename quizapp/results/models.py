"""The record of every answer a teacher accepted after the fact, and what it changed."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime, utcnow


class AnswerAcceptance(db.Model):
    """A typed answer a teacher accepted: the new question version it made, who and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id"), index=True)
    from_version_id: Mapped[int] = mapped_column(sa.ForeignKey("question_version.id"))
    to_version_id: Mapped[int] = mapped_column(sa.ForeignKey("question_version.id"))
    answer: Mapped[str] = mapped_column(sa.Text)
    accepted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # How many submitted responses it rescored.
    rescored: Mapped[int] = mapped_column(default=0)

    changes: Mapped[list["ScoreChange"]] = relationship(
        back_populates="acceptance", order_by="ScoreChange.id")


class ScoreChange(db.Model):
    """One response's score before and after an accepted answer rescored it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    acceptance_id: Mapped[int] = mapped_column(sa.ForeignKey("answer_acceptance.id"),
                                               index=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("response.id"), index=True)
    old_score: Mapped[float]
    new_score: Mapped[float]

    acceptance: Mapped[AnswerAcceptance] = relationship(back_populates="changes")
