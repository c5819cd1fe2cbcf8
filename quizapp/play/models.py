"""Attempts and the responses inside them."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.bank.models import QuestionVersion
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from quizapp.timeutil import UTCDateTime, utcnow


class Attempt(db.Model):
    """One learner's run through a quiz; scored once on submission, then immutable."""

    __table_args__ = (
        # At most one unfinished attempt per learner and quiz, whatever races the starts.
        sa.Index("uq_attempt_unsubmitted_quiz_id_learner_key", "quiz_id", "learner_key",
                 unique=True, sqlite_where=sa.text("submitted_at IS NULL"),
                 postgresql_where=sa.text("submitted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    # The start form's one-time token: a double-clicked start makes one attempt, not two.
    start_token: Mapped[str] = mapped_column(sa.String(36), unique=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id"), index=True)
    learner_key: Mapped[str] = mapped_column(sa.String(36), index=True)
    display_name: Mapped[str] = mapped_column(sa.String(60))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # No longer written: saves used to write it to hold the attempt against a submit; they
    # now lock the row they read (PostgreSQL) or the database from BEGIN (SQLite).
    last_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None]
    max_score: Mapped[int]
    # The quiz's feedback rule when the attempt started: a later edit of the quiz must not
    # show (or hide) this attempt's key differently from what its learner was promised.
    feedback: Mapped[str] = mapped_column(sa.String(20))
    # Answered essays still waiting for a teacher's mark; the score is provisional until 0.
    # Only a server default, so rows written by older code (and migrations) get 0 too.
    unmarked: Mapped[int] = mapped_column(server_default="0")
    # The class membership the attempt was made under, if any.
    roster_entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("roster_entry.id"), index=True)

    quiz: Mapped[Quiz] = relationship()
    responses: Mapped[list["Response"]] = relationship(
        back_populates="attempt", order_by="Response.position"
    )

    @property
    def hand_in_by(self):
        """Return when the attempt is handed in: its own deadline, or the quiz's close if sooner.

        Closing a quiz (say, "close now") is the one change that reaches an attempt in
        progress: answers are not taken after the quiz has closed.
        """
        limits = [t for t in (self.deadline, self.quiz.closes_at) if t is not None]
        return min(limits) if limits else None

    @property
    def submitted(self):
        """Tell whether the attempt has been scored."""
        return self.submitted_at is not None

    @property
    def provisional(self):
        """Tell whether the score may still rise: some answers wait for a teacher's mark."""
        return self.unmarked > 0


class Response(db.Model):
    """A learner's answer to one drawn question; created empty when the attempt starts."""

    __table_args__ = (sa.UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempt.id"))
    position: Mapped[int]
    question_version_id: Mapped[int] = mapped_column(sa.ForeignKey("question_version.id"))
    # What the learner was shown: choice order, item order.
    layout: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    answer: Mapped[Any | None] = mapped_column(sa.JSON(none_as_null=True))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # With immediate feedback, an answer is final once its feedback has been shown.
    locked: Mapped[bool] = mapped_column(default=False)
    # None until scored, and for an answer only a teacher can mark until they do.
    score: Mapped[float | None]
    # Who marked it by hand (an essay), and when; None for answers scored by their kind.
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question_version: Mapped[QuestionVersion] = relationship()
