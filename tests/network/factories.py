"""Factories of the network area (the style is described in tests/factories.py)."""

from __future__ import annotations

import itertools
from datetime import date

from icc_network.extensions import db
from icc_network.network.models import (
    Contact,
    Decision,
    Meeting,
    Organisation,
    OrganisationRole,
    SupportGroupMember,
    Tie,
    name_key,
)
from icc_network.network.services import organisations

_sequence = itertools.count(1)


def organisation(name: str | None = None, *, sector: str = "association", district=None,
                 roles=(), description=None, **kwargs) -> Organisation:
    n = next(_sequence)
    name = name or f"Organisation {n}"
    row = Organisation(name=name, name_key=name_key(name), sector=sector,
                       district_id=district.id if district is not None else None,
                       description=description if description is not None
                       else {"fr": f"Association {n}"}, **kwargs)
    db.session.add(row)
    db.session.flush()
    db.session.add_all(OrganisationRole(organisation_id=row.id, role=role)
                       for role in sorted(set(roles)))
    organisations.mark_changed()  # as any change of members: the metrics job sees it
    db.session.flush()
    return row


def tie(a: Organisation, b: Organisation, kind: str = "collaborates", weight: float = 1.0,
        **kwargs) -> Tie:
    first, second = organisations.oriented(a.id, b.id, kind)  # stored as the application stores it
    row = Tie(from_organisation_id=first, to_organisation_id=second, kind=kind,
              weight=float(weight), origin_key="", **kwargs)
    db.session.add(row)
    organisations.mark_changed()
    db.session.flush()
    return row


def contact(org: Organisation, name: str = "Awa Ndiaye", *, consent: bool = True,
            email: str = "awa@example.org", phone: str = "+33 6 12 34 56 78") -> Contact:
    row = Contact(organisation_id=org.id, name=name, function="Coordinatrice", email=email,
                  phone=phone, consent_on=date(2025, 9, 1) if consent else None)
    db.session.add(row)
    db.session.flush()
    return row


def member(org: Organisation | None = None, person: str = "", **kwargs) -> SupportGroupMember:
    row = SupportGroupMember(kind="organisation" if org else "person",
                             organisation_id=org.id if org else None,
                             person_name=person, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def meeting(held_on: date = date(2026, 1, 15), **kwargs) -> Meeting:
    row = Meeting(held_on=held_on, agenda={"fr": "Ordre du jour", "en": "Agenda"}, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def decision(meeting_row: Meeting, owner: SupportGroupMember | None = None,
             due_on: date | None = None, done_on: date | None = None) -> Decision:
    row = Decision(meeting_id=meeting_row.id, text={"fr": "Décision", "en": "Decision"},
                   owner_id=owner.id if owner else None, due_on=due_on, done_on=done_on)
    db.session.add(row)
    db.session.flush()
    return row
