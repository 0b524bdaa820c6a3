"""Demonstration data of the network: organisations, ties, contacts, the support group, history.

Ties are drawn with a fixed seed (so every demo database is the same): members
of a district work together, city-wide organisations bridge the districts.
The growth history is computed month by month from the members' and ties'
dates, and the metrics are computed once, so every page has data at once.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..core.clock import today
from ..core.demo import demo_user
from ..core.models import District
from ..extensions import db
from . import analytics, graph
from .demo_data import (
    DECISIONS,
    FIRST_NAMES,
    FUNCTIONS,
    HUBS,
    LAST_NAMES,
    MEETINGS,
    ORGANISATIONS,
    SECTOR_TEXTS,
)
from .models import Contact, Decision, Meeting, NetworkSnapshot, Organisation, SupportGroupMember
from .models import Tie, name_key
from .services import OrganisationData, ensure_state, oriented, save_organisation
from .vocabulary import ORIGIN_MANUAL

PARTNER_ORGANISATION = "Centre social des Moulins"
PEOPLE = [("Élise Roux", "Adjointe au maire chargée du vivre-ensemble", "chair"),
          ("Karim Haddad", "Délégué du Défenseur des droits", "member"),
          ("Marie Lambert", "Service Vivre-ensemble de la Ville", "secretary")]


def load() -> None:
    rng = random.Random(2026)
    organisations = _organisations()
    _ties(rng, organisations)
    _contacts(rng, organisations)
    demo_user("partner").organisation_id = organisations[PARTNER_ORGANISATION].id
    _support_group(organisations)
    db.session.flush()
    _history()
    ensure_state()
    analytics.recompute(analytics.state().version, "demo")
    db.session.flush()


def _organisations() -> dict[str, Organisation]:
    districts = {d.code: d for d in db.session.scalars(select(District))}
    created = {}
    for name, sector, code, roles, (year, month) in ORGANISATIONS:
        district = districts[code]
        fr, en = SECTOR_TEXTS.get(sector, SECTOR_TEXTS["association"])
        created[name] = save_organisation(None, OrganisationData(
            name=name, sector=sector, district_id=district.id, roles=list(roles),
            member_since=date(year, month, 1),
            commitment_signed_on=date(year, month, 15) if (year, month) < (2025, 6) else None,
            description={"fr": fr.format(district=district.name["fr"]),
                         "en": en.format(district=district.name["en"])}), actor=None)
    return created


def _kind(a: Organisation, b: Organisation, rng: random.Random) -> tuple[Organisation, Organisation, str]:
    """A plausible kind for two sectors (who funds or refers to whom)."""
    givers = {"public_service", "business"}
    referrers = {"health", "police", "public_service", "school"}
    if a.sector in givers and b.sector == "association" and rng.random() < 0.5:
        return a, b, "funds"
    if a.sector in referrers and b.sector == "association" and rng.random() < 0.6:
        return a, b, "refers"
    if {a.sector, b.sector} & {"culture", "library"} or rng.random() < 0.3:
        return a, b, "co_organises"
    return a, b, "collaborates"


def _ties(rng: random.Random, organisations: dict[str, Organisation]) -> None:
    by_district: dict[int, list[Organisation]] = {}
    for org in organisations.values():
        by_district.setdefault(org.district_id, []).append(org)
    pairs = set()
    for members in by_district.values():
        for i, org in enumerate(members):
            pairs.add((org, members[(i + 1) % len(members)]))
            for other in rng.sample(members, k=min(2, len(members))):
                pairs.add((org, other))
    everyone = list(organisations.values())
    for hub in HUBS:
        for other in rng.sample(everyone, k=6):
            pairs.add((organisations[hub], other))
    seen = set()
    for a, b in sorted(pairs, key=lambda p: (p[0].name, p[1].name)):
        if a.id == b.id:
            continue
        a, b, kind = _kind(a, b, rng)
        key = (*oriented(a.id, b.id, kind), kind)
        if key in seen:
            continue
        seen.add(key)
        start = max(a.member_since, b.member_since) + timedelta(days=rng.randint(10, 200))
        db.session.add(Tie(from_organisation_id=key[0], to_organisation_id=key[1], kind=kind,
                           weight=float(rng.randint(1, 5)), since=min(start, today()),
                           origin=ORIGIN_MANUAL, origin_key="", note=""))
    db.session.flush()


def _contacts(rng: random.Random, organisations: dict[str, Organisation]) -> None:
    for n, org in enumerate(organisations.values()):
        for k in range(1 + n % 2):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            slug = name_key(f"{first}.{last}").replace(" ", "")
            db.session.add(Contact(
                organisation_id=org.id, name=f"{first} {last}", function=rng.choice(FUNCTIONS),
                email=f"{slug}@demo.example.org", phone=f"+33 4 76 {n:02d} {k}{n % 10} {10 + k}",
                consent_on=None if (n + k) % 7 == 0 else org.member_since + timedelta(days=20)))


def _support_group(organisations: dict[str, Organisation]) -> None:
    members: dict[str, SupportGroupMember] = {}
    for name in (*HUBS, PARTNER_ORGANISATION, "Institut de formation en travail social"):
        members[name] = SupportGroupMember(kind="organisation", organisation_id=organisations[name].id,
                                           group_role="member", joined_on=date(2025, 1, 21))
    for person, affiliation, role in PEOPLE:
        members[person] = SupportGroupMember(kind="person", person_name=person,
                                             affiliation=affiliation, group_role=role,
                                             joined_on=date(2025, 1, 21))
    db.session.add_all(members.values())
    meetings = []
    for (y, m, d), place, agenda, minutes in MEETINGS:
        meeting = Meeting(held_on=date(y, m, d), place=place,
                          agenda={"fr": agenda[0], "en": agenda[1]},
                          minutes={"fr": minutes[0], "en": minutes[1]} if minutes else {})
        meetings.append(meeting)
    db.session.add_all(meetings)
    db.session.flush()
    for index, fr, en, owner, (y, m, d), done in DECISIONS:
        due = date(y, m, d)
        db.session.add(Decision(meeting_id=meetings[index].id, text={"fr": fr, "en": en},
                                owner_id=members[owner].id, due_on=due,
                                done_on=due - timedelta(days=5) if done else None))


def _history() -> None:
    """One snapshot per month since the first member joined, computed from the records' dates."""
    joined = dict(db.session.execute(select(Organisation.id, Organisation.member_since)).all())
    ties = db.session.execute(select(Tie.from_organisation_id, Tie.to_organisation_id,
                                     Tie.weight, Tie.kind, Tie.since)).all()
    month = min(joined.values()).replace(day=1)
    while True:
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if end >= today():  # the current month is the computation made just after
            break
        nodes = [(oid, {}) for oid, since in joined.items() if since <= end]
        network = graph.build(nodes, [(a, b, w, k) for a, b, w, k, since in ties if since <= end])
        summary = graph.summarise(network, graph.communities(network))
        db.session.add(NetworkSnapshot(computed_at=datetime.combine(end, time(2, 40)),
                                       duration_ms=0, trigger="history", **asdict(summary)))
        month = end + timedelta(days=1)
