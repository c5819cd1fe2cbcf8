"""Quizzes: playable configurations drawn from question sets."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.bank.models import QuestionSet
from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime

quiz_set = sa.Table(
    "quiz_set",
    db.metadata,
    sa.Column("quiz_id", sa.ForeignKey("quiz.id"), primary_key=True),
    sa.Column("set_id", sa.ForeignKey("question_set.id"), primary_key=True),
)


class Quiz(db.Model):
    """How many questions, from which sets, shuffled or not, and when feedback shows."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # None means every question the sets (and tag filter) offer.
    question_count: Mapped[int | None]
    # With a question_count: spread each draw evenly across the tag filter's tags (or,
    # without a filter, every tag of the pool) instead of drawing uniformly.
    balance_tags: Mapped[bool] = mapped_column(default=False)
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_choices: Mapped[bool] = mapped_column(default=True)
    time_limit_minutes: Mapped[int | None]
    attempts_allowed: Mapped[int | None]
    feedback: Mapped[str] = mapped_column(sa.String(20), default="after_submit")
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bundled: Mapped[bool] = mapped_column(default=True)
    # The teacher who runs it; None for the bundled quizzes.
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    # Listed quizzes show on the home page; the others are reached by link, code or QR code.
    listed: Mapped[bool] = mapped_column(default=True)
    # Which of a learner's attempts counts: "best", "last" or "average".
    grading: Mapped[str] = mapped_column(sa.String(10), default="best")

    sets: Mapped[list[QuestionSet]] = relationship(secondary=quiz_set, order_by=QuestionSet.id)

    def is_open(self, now):
        """Tell whether learners may start or answer this quiz at `now`."""
        if self.opens_at is not None and now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at
