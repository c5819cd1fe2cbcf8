"""Sources, their evidence passages, question sets and versioned questions."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime, utcnow


class Source(db.Model):
    """An article: verbatim body text plus what we know about where it came from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    outlet: Mapped[str] = mapped_column(sa.String(120))
    headline: Mapped[str] = mapped_column(sa.String(300))
    published: Mapped[date | None] = mapped_column(sa.Date)
    # "day", "month" or "year": how much of `published` the text actually supports.
    date_precision: Mapped[str] = mapped_column(sa.String(10))
    date_note: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str | None] = mapped_column(sa.String(500))
    trimmed: Mapped[str] = mapped_column(sa.Text, default="")
    # What is known of the page (see quizapp.domain.provenance), beside what it claims.
    provenance: Mapped[str] = mapped_column(sa.String(20), default="unverified")
    provenance_note: Mapped[str] = mapped_column(sa.Text, default="")
    # The date the page itself shows, kept when it is not the date we use (`published`).
    stamped: Mapped[date | None] = mapped_column(sa.Date)
    body: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The teacher who added it; None for the bundled bank, which nobody owns.
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    # A cited body is never edited in place: an edit makes a new row, numbered one more
    # and pointing back here, so the evidence that cites this body keeps its offsets.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    previous_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"), index=True)


class QuestionSet(db.Model):
    """A named bank of questions, bundled with the app or owned by a teacher."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    bundled: Mapped[bool] = mapped_column(default=True)
    # The teacher who owns it; None for bundled sets, which are read-only.
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    # Only published sets can be put in a quiz by anyone but their owner.
    published: Mapped[bool] = mapped_column(default=True)

    questions: Mapped[list["Question"]] = relationship(
        back_populates="question_set", order_by="Question.position"
    )


class Question(db.Model):
    """A question's stable identity; its wording lives in versions."""

    __table_args__ = (sa.UniqueConstraint("slug", name="uq_question_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120))
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)
    current_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question_version.id", use_alter=True, name="fk_question_current_version")
    )

    question_set: Mapped[QuestionSet] = relationship(back_populates="questions")
    current_version: Mapped["QuestionVersion | None"] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class QuestionVersion(db.Model):
    """One wording of a question; attempts point here, so edits never rewrite the past."""

    __table_args__ = (sa.UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id"), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(40))
    prompt: Mapped[str] = mapped_column(sa.Text)
    # Kind-specific definition: choices, answer key, accepted answers, tolerance...
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    explanation: Mapped[str] = mapped_column(sa.Text)
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    difficulty: Mapped[int] = mapped_column(sa.SmallInteger)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    question: Mapped[Question] = relationship(foreign_keys=[question_id])
    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="question_version", order_by="Evidence.id", cascade="all, delete-orphan"
    )

    @property
    def no_evidence_yet(self):
        """Tell whether no passage supports this question yet (an import, say): teachers are
        shown "no evidence yet" and learners get no link to a source."""
        return not self.evidence


class Evidence(db.Model):
    """A verbatim passage of a source that supports a question's answer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    question_version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("question_version.id"), index=True
    )
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("source.id"), index=True)
    quote: Mapped[str] = mapped_column(sa.Text)
    start: Mapped[int]
    end: Mapped[int]

    question_version: Mapped[QuestionVersion] = relationship(back_populates="evidence")
    source: Mapped[Source] = relationship()
