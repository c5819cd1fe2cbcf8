"""Accounts of teachers, admins and learners, and the invitations that let a teacher sign up."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.domain.accounts import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, ROLES, may_teach
from quizapp.extensions import db
from quizapp.timeutil import UTCDateTime, utcnow

ROLE_CHECK = "role IN (" + ", ".join(f"'{role}'" for role in ROLES) + ")"


class User(UserMixin, db.Model):
    """A teacher, an admin, or a learner who wants their attempts on every device."""

    __tablename__ = "user_account"
    __table_args__ = (sa.CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # As normalised by email-validator, shown back to the person.
    email: Mapped[str] = mapped_column(sa.String(EMAIL_MAX_LENGTH))
    # Lower-cased: the address is found and kept unique whatever its case.
    email_key: Mapped[str] = mapped_column(sa.String(EMAIL_MAX_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX_LENGTH))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16), default="teacher")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A learner account's learner key: logging in puts it in the session, so the attempts
    # and class memberships made under it follow the learner to any device.
    learner_key: Mapped[str | None] = mapped_column(sa.String(36), unique=True)

    @property
    def is_admin(self):
        """Tell whether this account may manage other accounts."""
        return self.role == "admin"

    @property
    def is_learner(self):
        """Tell whether this is a learner's account, which carries attempts, not teaching."""
        return self.role == "learner"

    @property
    def may_teach(self):
        """Tell whether this account may use the teacher's pages."""
        return may_teach(self.role)


class Invitation(db.Model):
    """A one-time sign-up link an admin made; only a hash of its token is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    def is_usable(self, now):
        """Tell whether a teacher may still sign up with this invitation at `now`."""
        return self.used_at is None and now < self.expires_at
