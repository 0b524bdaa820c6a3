"""The network's rules: organisations, contacts and ties, and what they mean for the metrics.

Every change to members or ties calls :func:`mark_changed`, which the metrics
job reads to recompute once the network has been quiet for a while.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from ...core import audit
from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import RuleViolation
from ...core.sql import insert_or_ignore
from ...extensions import db
from ..models import (
    Contact,
    NetworkState,
    Organisation,
    OrganisationMetrics,
    OrganisationRole,
    Tie,
    name_key,
)
from ..models.analytics import STATE_ID
from ..vocab import DIRECTED_KINDS, ORIGIN_DERIVED, ORIGIN_MANUAL, ROLES, SECTORS, TIE_KINDS

MAX_WEIGHT = 100.0


# --- change tracking -------------------------------------------------------

def ensure_state() -> None:
    """Create the single state row if it is missing (safe when two processes race)."""
    insert_or_ignore(NetworkState, {"id": STATE_ID, "version": 0, "computed_version": 0,
                                    "explorer_etag": "", "explorer_json": ""}, ["id"])


def mark_changed() -> None:
    """The network changed: the metrics job recomputes once it has been quiet for a while."""
    ensure_state()
    db.session.execute(update(NetworkState).where(NetworkState.id == STATE_ID)
                       .values(version=NetworkState.version + 1, changed_at=utcnow()))


# --- organisations ---------------------------------------------------------

@dataclass
class OrganisationData:
    name: str
    sector: str
    district_id: int | None = None
    roles: list[str] = field(default_factory=list)
    member_since: date | None = None
    commitment_signed_on: date | None = None
    description: dict[str, str] = field(default_factory=dict)


def check_organisation(data: OrganisationData, organisation: Organisation | None = None) -> None:
    name = (data.name or "").strip()
    if not name:
        raise RuleViolation(_l("Enter the organisation's name."), "name")
    taken = select(func.count()).select_from(Organisation).where(
        Organisation.name_key == name_key(name))
    if organisation is not None and organisation.id is not None:
        taken = taken.where(Organisation.id != organisation.id)
    if db.session.scalar(taken):
        raise RuleViolation(_l("Another organisation of the network already has this name."), "name")
    if data.sector not in SECTORS:
        raise RuleViolation(_l("Choose a sector from the list."), "sector")
    unknown = [role for role in data.roles if role not in ROLES]
    if unknown:
        raise RuleViolation(_l("Unknown role: %(role)s.", role=", ".join(unknown)), "roles")
    if data.district_id is not None and db.session.get(District, data.district_id) is None:
        raise RuleViolation(_l("Choose a district from the list."), "district_id")
    for name_, value in (("member_since", data.member_since),
                         ("commitment_signed_on", data.commitment_signed_on)):
        if value is not None and value > today():
            raise RuleViolation(_l("This date is in the future."), name_)


def save_organisation(organisation: Organisation | None, data: OrganisationData, *,
                      actor: Any) -> Organisation:
    check_organisation(data, organisation)
    creating = organisation is None
    organisation = organisation or Organisation()
    before = _organisation_snapshot(organisation) if not creating else {}
    organisation.name = data.name.strip()
    organisation.name_key = name_key(data.name)
    organisation.sector = data.sector
    organisation.district_id = data.district_id
    organisation.member_since = data.member_since
    organisation.commitment_signed_on = data.commitment_signed_on
    organisation.description = data.description
    db.session.add(organisation)
    db.session.flush()
    _set_roles(organisation, data.roles)
    after = _organisation_snapshot(organisation, roles=sorted(set(data.roles)))
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    audit.record(actor, "organisation.create" if creating else "organisation.update",
                 organisation, changes=changes)
    if creating or {"sector", "district_id", "roles", "name"} & set(changes):
        mark_changed()
    return organisation


def _organisation_snapshot(organisation: Organisation, roles: list[str] | None = None) -> dict:
    snapshot = {key: getattr(organisation, key, None) for key in
                ("name", "sector", "district_id", "member_since", "commitment_signed_on",
                 "description")}
    snapshot["roles"] = roles if roles is not None else sorted(
        db.session.scalars(select(OrganisationRole.role)
                           .where(OrganisationRole.organisation_id == organisation.id)))
    return snapshot


def _set_roles(organisation: Organisation, roles: Iterable[str]) -> None:
    db.session.execute(delete(OrganisationRole)
                       .where(OrganisationRole.organisation_id == organisation.id))
    for role in sorted(set(roles)):
        db.session.add(OrganisationRole(organisation_id=organisation.id, role=role))
    db.session.flush()
    db.session.expire(organisation, ["role_rows"])


def delete_organisation(organisation: Organisation, *, actor: Any) -> None:
    audit.record(actor, "organisation.delete", organisation, name=organisation.name)
    db.session.delete(organisation)
    db.session.flush()
    mark_changed()


def load_organisation(organisation_id: int) -> Organisation | None:
    """An organisation with what its page shows (district, roles, metrics), in three queries."""
    return db.session.scalar(
        select(Organisation).where(Organisation.id == organisation_id)
        .options(joinedload(Organisation.district), selectinload(Organisation.role_rows),
                 joinedload(Organisation.metrics)))


@dataclass
class OrganisationFilters:
    q: str = ""
    sector: str = ""
    district_id: int | None = None
    role: str = ""
    community: int | None = None
    sort: str = "name"


SORTS = {
    "name": Organisation.name_key,
    "sector": Organisation.sector,
    "member_since": Organisation.member_since,
    "degree": OrganisationMetrics.degree,
    "weighted_degree": OrganisationMetrics.weighted_degree,
    "betweenness": OrganisationMetrics.betweenness,
    "pagerank": OrganisationMetrics.pagerank,
    "core_number": OrganisationMetrics.core_number,
    "community": OrganisationMetrics.community,
}


def organisations_query(filters: OrganisationFilters, *, with_district: bool = False):
    """Rows of (Organisation, OrganisationMetrics or None), filtered and sorted."""
    query = (select(Organisation, OrganisationMetrics)
             .outerjoin(OrganisationMetrics,
                        OrganisationMetrics.organisation_id == Organisation.id)
             .options(selectinload(Organisation.role_rows)))
    if with_district:
        query = query.options(joinedload(Organisation.district))
    if filters.q:
        needle = f"%{name_key(filters.q)}%"
        query = query.where(Organisation.name_key.like(needle))
    if filters.sector:
        query = query.where(Organisation.sector == filters.sector)
    if filters.district_id:
        query = query.where(Organisation.district_id == filters.district_id)
    if filters.role:
        query = query.where(Organisation.id.in_(
            select(OrganisationRole.organisation_id).where(OrganisationRole.role == filters.role)))
    if filters.community:
        query = query.where(OrganisationMetrics.community == filters.community)
    key = filters.sort.removeprefix("-")
    column = SORTS.get(key, Organisation.name_key)
    ordered = column.desc() if filters.sort.startswith("-") else column.asc()
    if key not in ("name", "sector"):  # metrics and dates may be missing: those go last
        ordered = ordered.nulls_last()
    return query.order_by(ordered, Organisation.name_key, Organisation.id)


def organisation_names(ids: Iterable[int | None]) -> dict[int, str]:
    """The names of the given organisations (one query, however long the network)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict(db.session.execute(select(Organisation.id, Organisation.name)
                                   .where(Organisation.id.in_(wanted))).all())


def organisations_named(text: str) -> Select:
    """The ids of organisations whose name contains ``text`` (case and accents ignored),
    for other lists' "organisation" filters."""
    return select(Organisation.id).where(
        Organisation.name_key.contains(name_key(text), autoescape=True))


def organisation_choices() -> list[tuple[int, str]]:
    return list(db.session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name_key)).all())


# --- contacts --------------------------------------------------------------

@dataclass
class ContactData:
    name: str
    function: str = ""
    email: str = ""
    phone: str = ""
    consent_on: date | None = None


def save_contact(contact: Contact | None, organisation: Organisation, data: ContactData, *,
                 actor: Any) -> Contact:
    if not (data.name or "").strip():
        raise RuleViolation(_l("Enter the person's name."), "name")
    if data.consent_on is not None and data.consent_on > today():
        raise RuleViolation(_l("This date is in the future."), "consent_on")
    if not (data.email or data.phone):
        raise RuleViolation(_l("Give an e-mail address or a phone number."), "email")
    creating = contact is None
    contact = contact or Contact(organisation_id=organisation.id)
    contact.name, contact.function = data.name.strip(), data.function.strip()
    contact.email, contact.phone = data.email.strip().lower(), data.phone.strip()
    contact.consent_on = data.consent_on
    db.session.add(contact)
    db.session.flush()
    # Names and addresses stay out of the audit trail: it is read by administrators.
    audit.record(actor, "contact.create" if creating else "contact.update", contact,
                 organisation_id=organisation.id)
    return contact


def delete_contact(contact: Contact, *, actor: Any) -> None:
    audit.record(actor, "contact.delete", contact, organisation_id=contact.organisation_id)
    db.session.delete(contact)
    db.session.flush()


def contacts_of(organisation: Organisation) -> list[Contact]:
    return list(db.session.scalars(select(Contact).where(
        Contact.organisation_id == organisation.id).order_by(Contact.name, Contact.id)))


def contacts_view_is_audited(actor: Any, organisation: Organisation, count: int) -> bool:
    """Personal data shown to someone outside the organisation leaves an audit row."""
    return bool(count) and getattr(actor, "organisation_id", None) != organisation.id


def consented_contacts_query():
    """Contacts that may leave the application: only those who gave consent."""
    return (select(Contact, Organisation.name)
            .join(Organisation, Organisation.id == Contact.organisation_id)
            .where(Contact.consent_on.is_not(None))
            .order_by(Organisation.name_key, Contact.name))


# --- ties ------------------------------------------------------------------

@dataclass
class TieData:
    from_organisation_id: int
    to_organisation_id: int
    kind: str
    weight: float = 1.0
    since: date | None = None
    note: str = ""


def oriented(from_id: int, to_id: int, kind: str) -> tuple[int, int]:
    """The stored order of a pair: as given for directed kinds, lower id first otherwise."""
    if kind in DIRECTED_KINDS:
        return from_id, to_id
    return min(from_id, to_id), max(from_id, to_id)


def check_tie(data: TieData, tie: Tie | None = None, origin_key: str = "") -> tuple[int, int]:
    if data.from_organisation_id == data.to_organisation_id:
        raise RuleViolation(_l("A tie joins two different organisations."), "to_organisation_id")
    for name, value in (("from_organisation_id", data.from_organisation_id),
                        ("to_organisation_id", data.to_organisation_id)):
        if value is None or db.session.get(Organisation, value) is None:
            raise RuleViolation(_l("Choose an organisation from the list."), name)
    if data.kind not in TIE_KINDS:
        raise RuleViolation(_l("Choose a kind of tie from the list."), "kind")
    if not (0 < (data.weight or 0) <= MAX_WEIGHT):
        raise RuleViolation(_l("The weight must be above 0 and at most %(max)d.",
                               max=int(MAX_WEIGHT)), "weight")
    if data.since is not None and data.since > today():
        raise RuleViolation(_l("This date is in the future."), "since")
    pair = oriented(data.from_organisation_id, data.to_organisation_id, data.kind)
    taken = select(func.count()).select_from(Tie).where(
        Tie.from_organisation_id == pair[0], Tie.to_organisation_id == pair[1],
        Tie.kind == data.kind, Tie.origin_key == origin_key)
    if tie is not None and tie.id is not None:
        taken = taken.where(Tie.id != tie.id)
    if db.session.scalar(taken):
        raise RuleViolation(_l("These two organisations already have a tie of this kind."), "kind")
    return pair


def save_tie(tie: Tie | None, data: TieData, *, actor: Any, origin: str = ORIGIN_MANUAL) -> Tie:
    if tie is not None and tie.origin == ORIGIN_DERIVED:
        raise RuleViolation(_l("This tie is derived from joint work and is recomputed; "
                               "it cannot be edited by hand."))
    pair = check_tie(data, tie)
    creating = tie is None
    tie = tie or Tie(origin=origin, origin_key="")
    tie.from_organisation_id, tie.to_organisation_id = pair
    tie.kind, tie.weight, tie.since = data.kind, float(data.weight), data.since
    tie.note = (data.note or "").strip()
    db.session.add(tie)
    db.session.flush()
    audit.record(actor, "tie.create" if creating else "tie.update", tie,
                 pair=list(pair), kind=tie.kind, weight=tie.weight)
    mark_changed()
    return tie


def delete_tie(tie: Tie, *, actor: Any) -> None:
    if tie.origin == ORIGIN_DERIVED:
        raise RuleViolation(_l("This tie is derived from joint work and is recomputed; "
                               "it cannot be deleted by hand."))
    audit.record(actor, "tie.delete", tie, pair=[tie.from_organisation_id, tie.to_organisation_id],
                 kind=tie.kind)
    db.session.delete(tie)
    db.session.flush()
    mark_changed()


def replace_derived_ties(origin_key: str, ties: Iterable[tuple[int, int, str, float]]) -> int:
    """Make the ties derived from one source (``campaign:12``) exactly ``ties``.

    Hand-entered and imported ties are never touched. Returns how many derived
    ties the source now has.
    """
    if not origin_key:
        raise ValueError("derived ties need an origin key")
    db.session.execute(delete(Tie).where(Tie.origin == ORIGIN_DERIVED,
                                         Tie.origin_key == origin_key))
    rows: dict[tuple[int, int, str], float] = {}
    for a, b, kind, weight in ties:
        if a != b and kind in TIE_KINDS:
            key = (*oriented(a, b, kind), kind)
            rows[key] = rows.get(key, 0.0) + float(weight)
    now = utcnow()
    for (a, b, kind), weight in rows.items():
        db.session.add(Tie(from_organisation_id=a, to_organisation_id=b, kind=kind, weight=weight,
                           origin=ORIGIN_DERIVED, origin_key=origin_key, note="",
                           created_at=now, updated_at=now))
    db.session.flush()
    mark_changed()
    return len(rows)


def ties_of(organisation: Organisation, limit: int = 100) -> tuple[list[Tie], int]:
    """The organisation's strongest ties (with both ends loaded) and how many it has."""
    involved = or_(Tie.from_organisation_id == organisation.id,
                   Tie.to_organisation_id == organisation.id)
    total = db.session.scalar(select(func.count()).select_from(Tie).where(involved)) or 0
    ties = db.session.scalars(
        select(Tie).where(involved)
        .options(joinedload(Tie.from_organisation), joinedload(Tie.to_organisation))
        .order_by(Tie.weight.desc(), Tie.id).limit(limit))
    return list(ties), total


def ties_query(organisation_id: int | None = None, kind: str = "", origin: str = ""):
    query = select(Tie).options(joinedload(Tie.from_organisation), joinedload(Tie.to_organisation))
    if organisation_id:
        query = query.where(or_(Tie.from_organisation_id == organisation_id,
                                Tie.to_organisation_id == organisation_id))
    if kind:
        query = query.where(Tie.kind == kind)
    if origin:
        query = query.where(Tie.origin == origin)
    return query.order_by(Tie.id.desc())
