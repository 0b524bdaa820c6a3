"""Organisations of the network, their contacts and the ties between them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.models import District, TimestampMixin
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import ORIGIN_MANUAL

if TYPE_CHECKING:
    from .analytics import OrganisationMetrics


def name_key(name: str) -> str:
    """The form of a name used to spot duplicates: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().casefold()[:200]


class Organisation(TimestampMixin, db.Model):
    """A member of the anti-rumour network."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Unique: two members whose names differ only in case or accents are one member.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    sector: Mapped[str] = mapped_column(String(40), index=True)
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True
    )
    member_since: Mapped[date | None]
    commitment_signed_on: Mapped[date | None]
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)

    district: Mapped[District | None] = relationship(lazy="raise")
    role_rows: Mapped[list[OrganisationRole]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise",
        order_by="OrganisationRole.role",
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise", order_by="Contact.name",
    )
    metrics: Mapped[OrganisationMetrics | None] = relationship(
        lazy="raise", uselist=False, viewonly=True
    )

    @property
    def roles(self) -> list[str]:
        return [row.role for row in self.role_rows]

    def __repr__(self) -> str:
        return f"<Organisation {self.name!r}>"


class OrganisationRole(db.Model):
    """One role an organisation plays in the network (multiplier, venue...)."""

    __tablename__ = "organisation_role"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class Contact(TimestampMixin, db.Model):
    """A person to reach in an organisation: personal data, shown only to those who need it."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    function: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # The day the person agreed to be listed; without it the contact is never exported.
    consent_on: Mapped[date | None]

    organisation: Mapped[Organisation] = relationship(back_populates="contacts", lazy="raise")


class Tie(TimestampMixin, db.Model):
    """A working relation between two organisations.

    ``origin`` says where the tie comes from: entered by hand, imported, or
    derived from joint work (a campaign). Derived ties carry an ``origin_key``
    (``campaign:12``) so they can be recomputed without touching the others;
    hand-entered and imported ties share the empty key, so importing a tie
    that was entered by hand adds nothing.
    """

    __tablename__ = "tie"
    __table_args__ = (
        CheckConstraint("from_organisation_id <> to_organisation_id", name="not_self"),
        CheckConstraint("weight > 0", name="weight_positive"),
        UniqueConstraint("from_organisation_id", "to_organisation_id", "kind", "origin_key",
                         name="uq_tie_pair_kind_origin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    to_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    weight: Mapped[float] = mapped_column(default=1.0)
    since: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(500), default="")
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_MANUAL)
    origin_key: Mapped[str] = mapped_column(String(80), default="", index=True)

    from_organisation: Mapped[Organisation] = relationship(
        foreign_keys=[from_organisation_id], lazy="raise"
    )
    to_organisation: Mapped[Organisation] = relationship(
        foreign_keys=[to_organisation_id], lazy="raise"
    )

    def other(self, organisation_id: int) -> Organisation:
        """The organisation at the other end, seen from ``organisation_id``."""
        if self.from_organisation_id == organisation_id:
            return self.to_organisation
        return self.from_organisation
