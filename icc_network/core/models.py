"""Shared kernel models: districts, the audit log, the scheduler's job status and claims."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .clock import utcnow
from .i18n import lazy_gettext as _l
from .translatable import TranslatableText

if TYPE_CHECKING:
    from ..auth.models import User


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class District(TimestampMixin, db.Model):
    """One of the city's neighbourhoods."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    # Its outline on the map: a GeoJSON Polygon or MultiPolygon (longitude, latitude),
    # imported by an administrator; a district without one is listed beside the map only.
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), deferred=True)

    def __repr__(self) -> str:
        return f"<District {self.code}>"


class AuditLog(db.Model):
    """Who changed what, and who viewed personal data."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id"),
        # One person's entries in order, newest first, without sorting the log (its filter by
        # actor); it also serves the foreign key's look-ups when an account is deleted.
        Index("ix_audit_log_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship(lazy="raise")


class JobStatus(db.Model):
    """What the scheduler last did with each job (read by the admin status page)."""

    __tablename__ = "job_status"

    job_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_duration_ms: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    next_run_at: Mapped[datetime | None]
    last_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    run_count: Mapped[int] = mapped_column(default=0)


class Claim(db.Model):
    """Work that one process alone does until ``claimed_until`` (taken by core/claims.py)."""

    __tablename__ = "claim"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))  # host, process, thread and a token
    claimed_until: Mapped[datetime]


class FormSubmission(db.Model):
    """A form that created a record, by the one-time key it carried: sent twice (a double
    click, a resubmitted page), it creates nothing more and leads to the same record."""

    __tablename__ = "form_submission"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(60), default="")
    entity_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class PendingImport(db.Model):
    """An uploaded file waiting for its preview to be confirmed."""

    __tablename__ = "pending_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


# How a user wants notifications by e-mail (auth's User.email_notifications, read by
# core/notifications.py). By default
# everyone gets them: partners and agents, who seldom open the application, learn of their
# activities' reminders and cancellations this way; anyone may turn them off.
EMAIL_HOURLY, EMAIL_NEVER = "hourly", "never"
EMAIL_CHOICES = {
    EMAIL_HOURLY: _l("In the application and by e-mail, at most one e-mail an hour"),
    EMAIL_NEVER: _l("In the application only, never by e-mail"),
}
EMAIL_DEFAULT = EMAIL_HOURLY


class Notification(db.Model):
    """A message for one user, shown in the application and e-mailed when mail is set up.

    The text is rendered from ``kind`` and ``params`` in the reader's language at
    display time; ``dedupe_key`` makes repeated runs of a job notify only once.
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key", name="uq_notification_user_id_dedupe_key"),
        # Covers the unread badge counted on every signed-in page.
        Index("ix_notification_user_unread_due", "user_id", "read_at", "due_at"),
        Index("ix_notification_email_due", "emailed_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(500))
    dedupe_key: Mapped[str | None] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
    email_attempts: Mapped[int] = mapped_column(default=0)
    last_email_error: Mapped[str | None] = mapped_column(String(500))

    user: Mapped[User] = relationship(lazy="raise")
