"""Accounts and their server-side login sessions."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.models import EMAIL_CHOICES, EMAIL_DEFAULT, TimestampMixin
from ...core.permissions import Role
from ...core.sql import check_constraint
from ...extensions import db

ROLE_VALUES = tuple(role.value for role in Role)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user"
    __table_args__ = (
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLE_VALUES) + ")", name="role_known"
        ),
        CheckConstraint("locale IN ('fr', 'en')", name="locale_known"),
        CheckConstraint(check_constraint("email_notifications", EMAIL_CHOICES),
                        name="email_notifications_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique index makes e-mail case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Whether notifications reach the user by e-mail too (core.notifications), and when the
    # last such e-mail left: the next waits an hour.
    email_notifications: Mapped[str] = mapped_column(String(10), default=EMAIL_DEFAULT)
    notifications_emailed_at: Mapped[datetime | None]
    # A partner acts for one organisation of the network (and may edit that one only).
    # The one allowed mention of a higher area in auth: the foreign key names the
    # network's table by string, without importing it (the import contract holds);
    # the form lists organisations through core's choice registry.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )

    sessions: Mapped[list[LoginSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )

    # The token of the login session this object was loaded for (not a column).
    session_token = None  # str | None; not annotated, so the ORM leaves it alone
    # Unread notifications counted when the signed-in user was loaded (not a column).
    unread_notifications = None  # int | None

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        return self.session_token

    def __repr__(self) -> str:
        return f"<User {self.email} ({self.role})>"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginSession(db.Model):
    """One signed-in browser. Deleting the row signs that browser out."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Only a hash is stored: a copy of the database does not yield live sessions.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The last request seen with this session (to the minute): idle sessions end.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship(back_populates="sessions", lazy="raise")
