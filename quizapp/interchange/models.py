"""A question file read and checked, kept on the server between its preview and confirm."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime, utcnow


class ImportUpload(db.Model):
    """The questions of one uploaded file, waiting for its teacher to confirm the import.

    The browser only ever holds this row's id: what is imported on confirm is what was
    read and shown in the preview, never content sent back by the client.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    # The set to add to, or None for a new set named `title`.
    set_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    filename: Mapped[str] = mapped_column(sa.String(200), default="")
    format: Mapped[str] = mapped_column(sa.String(20))
    # Bank-format question mappings, checked; and what the format could not carry.
    questions: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
    notes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
