"""The register of people in training: agents and municipal staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.text import fold
from ...extensions import db
from ..vocab import DOCUMENT_LANGUAGES, LANGUAGES, ORIGINS, PARTICIPANT_KINDS, STATUSES

if TYPE_CHECKING:
    from ...core.models import District


def agent_name_key(first_name: str, last_name: str) -> str:
    """The register's sort and search key: "last first", accents and case folded."""
    return fold(f"{last_name} {first_name}".strip())[:170]


def email_key(email: str) -> str:
    return (email or "").strip().lower()[:254]


class Agent(TimestampMixin, db.Model):
    """A person in the register. Name and contact details are personal data: trainers and
    coordinators see them (each view audited); erasing keeps only what counts need."""

    __tablename__ = "agent"
    __table_args__ = (
        CheckConstraint(check_constraint("status", STATUSES), name="status_known"),
        CheckConstraint(check_constraint("kind", PARTICIPANT_KINDS), name="kind_known"),
        CheckConstraint(check_constraint("came_through", ORIGINS), name="came_through_known"),
        CheckConstraint(check_constraint("locale", DOCUMENT_LANGUAGES), name="locale_known"),
        # The list's default order and its status filter.
        Index("ix_agent_status_name", "status", "name_key"),
        Index("ix_agent_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80), default="")
    last_name: Mapped[str] = mapped_column(String(80), default="")
    # Folded "last first": sorts the register and finds people typed with or without accents.
    name_key: Mapped[str] = mapped_column(String(170), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    # Lower-cased e-mail: two records with the same one are the same person (offered a merge).
    email_key: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(20), default="volunteer")
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    came_through: Mapped[str] = mapped_column(String(20), default="other")
    # The language of their certificate and messages.
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    consent_on: Mapped[date | None]
    consent_version: Mapped[str] = mapped_column(String(20), default="")
    consent_locale: Mapped[str] = mapped_column(String(5), default="")
    consent_withdrawn_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="candidate")
    notes: Mapped[str] = mapped_column(Text, default="")
    # An account with the agent role; the link lives here, auth knows nothing of agents.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), unique=True)
    # Last training attended or conversation logged: who has gone quiet.
    last_activity_on: Mapped[date | None] = mapped_column(index=True)
    erased_at: Mapped[datetime | None]

    district: Mapped[District | None] = relationship(lazy="raise")
    language_rows: Mapped[list[AgentLanguage]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise",
        order_by="AgentLanguage.language")

    @property
    def languages(self) -> list[str]:
        return [row.language for row in self.language_rows]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def public_name(self) -> str:
        """First name and initial: all a public page may show."""
        initial = f" {self.last_name[:1]}." if self.last_name else ""
        return f"{self.first_name}{initial}".strip()

    def __repr__(self) -> str:
        return f"<Agent {self.id}>"


class AgentLanguage(db.Model):
    """A language a participant speaks (the register filters on it)."""

    __tablename__ = "agent_language"
    __table_args__ = (
        CheckConstraint(check_constraint("language", LANGUAGES), name="language_known"),
    )

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agent.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)
