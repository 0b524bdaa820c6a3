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

from ..auth.demo import demo_user
from ..core.clock import today
from ..core.models import District
from ..extensions import db
from . import graph
from .models import (
    Contact,
    Decision,
    Meeting,
    MeetingAttendance,
    NetworkSnapshot,
    Organisation,
    SupportGroupMember,
    Tie,
    name_key,
)
from .services import analytics, metrics_history
from .services.organisations import OrganisationData, ensure_state, oriented, save_organisation
from .vocab import ORIGIN_MANUAL

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


# What a coordinator notes on a tie with a direction, so the exports show notes too.
TIE_NOTES = {"funds": "Subvention annuelle / yearly grant",
             "refers": "Oriente des habitants / refers residents"}


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
                           origin=ORIGIN_MANUAL, origin_key="", note=TIE_NOTES.get(kind, "")))
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
                                             joined_on=date(2025, 1, 21),
                                             email=f"{name_key(person).replace(' ', '.')}"
                                                   "@ville.demo.example.org")
    db.session.add_all(members.values())
    meetings = []
    for (y, m, d), place, agenda, minutes in MEETINGS:
        meeting = Meeting(held_on=date(y, m, d), place=place, starts_at=time(18, 0),
                          ends_at=time(20, 0), agenda={"fr": agenda[0], "en": agenda[1]},
                          minutes={"fr": minutes[0], "en": minutes[1]} if minutes else {},
                          invitation_sent_at=datetime(y, m, d, 9) - timedelta(days=21),
                          invitations_sent=1)
        meetings.append(meeting)
    # The next meeting, a few weeks ahead whenever the demo is loaded: its invitation is to send.
    meetings.append(Meeting(held_on=today() + timedelta(days=24), place="Maison des associations",
                            starts_at=time(18, 30), ends_at=time(20, 30),
                            agenda={"fr": NEXT_AGENDA[0], "en": NEXT_AGENDA[1]}))
    db.session.add_all(meetings)
    db.session.flush()
    _attendance(meetings, list(members.values()))
    for index, fr, en, owner, (y, m, d), done in DECISIONS:
        due = date(y, m, d)
        db.session.add(Decision(meeting_id=meetings[index].id, text={"fr": fr, "en": en},
                                owner_id=members[owner].id, due_on=due,
                                done_on=due - timedelta(days=5) if done else None))


def _attendance(meetings: list[Meeting], members: list[SupportGroupMember]) -> None:
    """Who came to the past meetings: most members, a few apologies, the odd absence."""
    for m_index, meeting in enumerate(meetings):
        if meeting.held_on >= today():
            continue
        for index, member in enumerate(members):
            turn = (index + 2 * m_index) % 7
            status = "absent" if turn == 6 else "excused" if turn == 5 else "present"
            db.session.add(MeetingAttendance(meeting_id=meeting.id, member_id=member.id,
                                             status=status))


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
        if end >= today() - timedelta(days=31 * metrics_history.MONTHS_SHOWN):
            # Each organisation's metrics month by month: the trend on its page.
            metrics_history.record_month(graph.compute(network),
                                         datetime.combine(end, time(12)))
        summary = graph.summarise(network, graph.communities(network))
        db.session.add(NetworkSnapshot(computed_at=datetime.combine(end, time(2, 40)),
                                       duration_ms=0, trigger="history", **asdict(summary)))
        month = end + timedelta(days=1)


# --- the demonstration network ---------------------------------------------
# Some sixty organisations of a mid-sized city. Each entry: name, sector, district
# code, roles, year and month the organisation joined.

ORGANISATIONS = [
    # centre
    ("Médiathèque Jean-Moulin", "library", "centre", ("venue", "multiplier"), (2024, 1)),
    ("Maison des associations", "public_service", "centre", ("venue", "co_organiser"), (2024, 1)),
    ("Théâtre de la Halle", "culture", "centre", ("venue", "co_organiser"), (2024, 3)),
    ("Radio Cité 98.2", "media", "centre", ("multiplier",), (2024, 2)),
    ("Le Quotidien de la Ville", "media", "centre", ("multiplier",), (2024, 6)),
    ("Commissariat central", "police", "centre", (), (2024, 9)),
    ("Cathédrale Saint-Étienne – pastorale", "faith_group", "centre", ("venue",), (2025, 2)),
    ("Café des langues", "association", "centre", ("venue", "multiplier"), (2024, 4)),
    # gare
    ("Centre social de la Gare", "association", "gare", ("venue", "co_organiser", "multiplier"), (2024, 1)),
    ("Collège Victor-Hugo", "school", "gare", ("co_organiser",), (2024, 5)),
    ("Association des commerçants de la Gare", "business", "gare", ("multiplier",), (2024, 10)),
    ("Mosquée de la Gare", "faith_group", "gare", ("venue", "multiplier"), (2024, 11)),
    ("Point d’accès au droit", "public_service", "gare", (), (2025, 1)),
    ("Accueil Réfugiés 38", "association", "gare", ("trainer", "multiplier"), (2024, 2)),
    ("Club de boxe La Gare", "sport", "gare", ("venue",), (2025, 4)),
    # les-moulins
    ("Centre social des Moulins", "association", "les-moulins", ("venue", "co_organiser", "multiplier"), (2024, 1)),
    ("École élémentaire Les Moulins", "school", "les-moulins", (), (2024, 9)),
    ("Parents d’élèves des Moulins (FCPE)", "school", "les-moulins", ("multiplier",), (2024, 9)),
    ("Régie de quartier des Moulins", "business", "les-moulins", ("co_organiser",), (2025, 3)),
    ("Bibliothèque des Moulins", "library", "les-moulins", ("venue",), (2024, 3)),
    ("Femmes solidaires des Moulins", "association", "les-moulins", ("multiplier", "trainer"), (2024, 6)),
    ("AS Moulins Football", "sport", "les-moulins", ("venue", "multiplier"), (2024, 10)),
    ("Maison de santé des Moulins", "health", "les-moulins", (), (2025, 5)),
    # port
    ("Maison de quartier du Port", "association", "port", ("venue", "co_organiser"), (2024, 2)),
    ("Lycée professionnel Maritime", "school", "port", ("co_organiser",), (2024, 11)),
    ("Les Dockers solidaires", "association", "port", ("multiplier",), (2025, 1)),
    ("Port autonome – service RH", "business", "port", (), (2025, 6)),
    ("Église évangélique du Port", "faith_group", "port", ("venue",), (2025, 2)),
    ("Compagnie Escale (théâtre forum)", "culture", "port", ("trainer", "co_organiser"), (2024, 4)),
    ("Aviron du Port", "sport", "port", (), (2025, 7)),
    # universite
    ("Université – laboratoire Migrations et sociétés", "university", "universite", ("trainer",), (2024, 1)),
    ("Bureau de la vie étudiante", "university", "universite", ("multiplier", "venue"), (2024, 5)),
    ("Association des étudiants internationaux", "association", "universite", ("multiplier", "co_organiser"), (2024, 3)),
    ("Radio campus", "media", "universite", ("multiplier",), (2024, 8)),
    ("Institut de formation en travail social", "university", "universite", ("trainer",), (2024, 7)),
    ("Bibliothèque universitaire", "library", "universite", ("venue",), (2025, 1)),
    # nord
    ("Centre social Nord", "association", "nord", ("venue", "co_organiser", "multiplier"), (2024, 2)),
    ("Collège Jacques-Prévert", "school", "nord", ("co_organiser",), (2024, 9)),
    ("Maison des jeunes Nord", "youth", "nord", ("venue", "multiplier"), (2024, 4)),
    ("Association Mamans du monde", "association", "nord", ("multiplier",), (2024, 6)),
    ("Épicerie solidaire Nord", "association", "nord", ("venue",), (2025, 2)),
    ("Centre culturel turc", "culture", "nord", ("venue",), (2025, 3)),
    ("Antenne CAF Nord", "public_service", "nord", (), (2024, 12)),
    ("Futsal Nord", "sport", "nord", ("multiplier",), (2025, 5)),
    ("Délégué police-population Nord", "police", "nord", (), (2025, 4)),
    # rives
    # Only two members so far: the coverage gaps flag the district when a rumour rises there.
    ("Maison des Rives", "association", "rives", ("venue",), (2024, 7)),
    ("Jardins partagés des Rives", "association", "rives", ("venue", "multiplier"), (2024, 9)),
    # belair
    ("Centre social Bel-Air", "association", "belair", ("venue", "co_organiser"), (2024, 3)),
    ("École Bel-Air", "school", "belair", (), (2025, 2)),
    ("Temple protestant de Bel-Air", "faith_group", "belair", ("venue",), (2025, 4)),
    ("Collectif des habitants de Bel-Air", "association", "belair", ("multiplier",), (2024, 8)),
    ("PMI Bel-Air", "health", "belair", (), (2025, 3)),
    ("Hip-hop Bel-Air", "youth", "belair", ("multiplier", "co_organiser"), (2024, 11)),
    # city-wide services with an office in the centre
    ("Mission locale", "youth", "centre", ("multiplier",), (2024, 2)),
    ("Service Vivre-ensemble de la Ville", "public_service", "centre", ("co_organiser", "trainer"), (2024, 1)),
    ("Conseil des résidents étrangers", "public_service", "centre", ("multiplier",), (2024, 2)),
    ("Fédération des œuvres laïques", "association", "centre", ("trainer", "co_organiser"), (2024, 5)),
]

# (fr, en) of what each sector does in the network; {district} is filled in.
SECTOR_TEXTS = {
    "association": ("Association de {district} : accueil, ateliers et cafés anti-rumeurs avec les habitants.",
                    "Association in {district}: welcome, workshops and anti-rumour cafés with residents."),
    "school": ("Établissement scolaire de {district} : ateliers d’esprit critique avec les élèves et les parents.",
               "School in {district}: critical-thinking workshops with pupils and parents."),
    "library": ("Bibliothèque de {district} : bibliothèques vivantes et sélections documentaires.",
                "Library in {district}: living libraries and reading lists."),
    "business": ("Acteur économique de {district} : relaie les messages auprès des salariés et des clients.",
                 "Business in {district}: passes the messages on to staff and customers."),
    "media": ("Média local : chroniques « vrai ou faux » et portraits d’habitants.",
              "Local media: fact-check slots and portraits of residents."),
    "faith_group": ("Communauté de foi de {district} : dialogue interreligieux et accueil de rencontres.",
                    "Faith community in {district}: interfaith dialogue and meeting space."),
    "public_service": ("Service public : oriente les habitants et forme les agents d’accueil.",
                       "Public service: directs residents and trains front-desk staff."),
    "university": ("Université : données, recherche et formation des agents anti-rumeurs.",
                   "University: data, research and training of anti-rumour agents."),
    "police": ("Police : prévention, lien avec les habitants et suivi des propos haineux.",
               "Police: prevention, contact with residents and follow-up of hate speech."),
    "culture": ("Lieu culturel de {district} : théâtre forum et expositions contre les préjugés.",
                "Cultural venue in {district}: forum theatre and exhibitions against prejudice."),
    "sport": ("Club sportif de {district} : tournois mixtes et messages aux familles.",
              "Sports club in {district}: mixed tournaments and messages to families."),
    "health": ("Lieu de santé de {district} : répond aux rumeurs sur l’accès aux soins.",
               "Health centre in {district}: answers rumours about access to care."),
    "youth": ("Structure jeunesse : ateliers sur les réseaux sociaux et les infox.",
              "Youth service: workshops on social media and fake news."),
}

FIRST_NAMES = ("Awa", "Karim", "Sophie", "Mehdi", "Claire", "Yusuf", "Inès", "Paul", "Leïla",
               "Thomas", "Nadia", "Julien", "Fatima", "Hugo", "Amina", "Marc", "Sara", "Omar")
LAST_NAMES = ("Ndiaye", "Benali", "Morel", "Haddad", "Petit", "Yilmaz", "Garcia", "Lefèvre",
              "Diallo", "Roux", "Mansouri", "Fontaine", "Keita", "Bernard", "Nguyen")
FUNCTIONS = ("Coordinatrice", "Directeur", "Chargée de projets", "Président", "Animatrice",
             "Responsable de la communication")

# City-wide organisations that bridge the districts.
NEXT_AGENDA = ("Rumeurs en hausse dans les quartiers peu couverts ; invitations aux nouveaux "
               "partenaires ; bilan de la semaine contre le racisme.",
               "Rumours rising in districts with few partners; inviting new partners; review of "
               "the week against racism.")

HUBS = ("Médiathèque Jean-Moulin", "Service Vivre-ensemble de la Ville", "Radio Cité 98.2",
        "Université – laboratoire Migrations et sociétés", "Maison des associations",
        "Fédération des œuvres laïques", "Mission locale")

MEETINGS = [
    ((2025, 1, 21), "Salle du conseil, hôtel de ville",
     ("Installation du groupe ; diagnostic des rumeurs ; calendrier de l’année.",
      "Setting up the group; rumour diagnosis; calendar for the year."),
     ("Le groupe adopte sa charte et confie le diagnostic au laboratoire universitaire.",
      "The group adopts its charter and entrusts the diagnosis to the university laboratory.")),
    ((2025, 6, 12), "Médiathèque Jean-Moulin",
     ("Résultats du diagnostic ; première campagne « Les chiffres contre les rumeurs ».",
      "Diagnosis results; first campaign 'Figures against rumours'."),
     ("Trois rumeurs prioritaires retenues : emploi, logement, aides sociales.",
      "Three priority rumours chosen: jobs, housing, welfare benefits.")),
    ((2025, 11, 18), "Centre social des Moulins",
     ("Bilan de la campagne ; formation de nouveaux agents ; quartiers non couverts.",
      "Campaign review; training new agents; districts without partners."),
     ("Priorité aux Rives et à Bel-Air pour recruter des partenaires.",
      "Priority to Riverside and Bel-Air to recruit partners.")),
    ((2026, 3, 10), "Maison des associations",
     ("Préparation de la semaine contre le racisme ; tableau de bord du réseau.",
      "Preparing the week against racism; network dashboard."), None),
]

# (meeting index, fr, en, owner organisation or person, due (y, m, d), done)
DECISIONS = [
    (0, "Rédiger la charte du réseau anti-rumeurs", "Draft the anti-rumour network charter",
     "Service Vivre-ensemble de la Ville", (2025, 3, 1), True),
    (0, "Réaliser le diagnostic des rumeurs par quartier", "Carry out the rumour diagnosis by district",
     "Université – laboratoire Migrations et sociétés", (2025, 5, 30), True),
    (1, "Produire le kit d’arguments pour les partenaires", "Produce the argument kit for partners",
     "Fédération des œuvres laïques", (2025, 9, 30), True),
    (1, "Former vingt agents anti-rumeurs", "Train twenty anti-rumour agents",
     "Institut de formation en travail social", (2025, 12, 15), False),
    (2, "Rencontrer trois structures des Rives", "Meet three organisations in Riverside",
     "Élise Roux", (2026, 1, 31), False),
    (2, "Publier la carte du réseau sur le site de la Ville", "Publish the network map on the city website",
     "Radio Cité 98.2", (2026, 2, 28), False),
    (3, "Programmer une bibliothèque vivante à Bel-Air", "Schedule a living library in Bel-Air",
     "Médiathèque Jean-Moulin", (2026, 6, 30), False),
]
