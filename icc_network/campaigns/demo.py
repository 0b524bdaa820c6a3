"""Demonstration data of the campaigns area: four campaigns at every stage of their life.

Dated from today, so every demo database tells the same story: a market campaign ended
two months ago (a Saturday café every week but one, a street action, a living library,
a workshop cancelled, its reach recorded); a campaign is running in the northern estates
(its weekly café half held, a social-media action); one is planned for the start of the
school year, which the demo partner's organisation asked to join; one is still a draft.
The demo agent account's record is assigned to cafés, and the demo partner's
organisation runs some of the activities.

Rows are written through the models; a recurring activity gets the occurrence rows its
rule gives (weekly, on the city's wall clock, without its excepted dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import case, select

from ..agents.models import Agent
from ..auth.demo import demo_user
from ..core.calendar import to_utc
from ..core.clock import today, utcnow
from ..core.models import District
from ..extensions import db
from ..network.models import Organisation
from ..rumours.models import Rumour
from .models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
    Campaign,
    CampaignDistrict,
    CampaignPartner,
    CampaignRumour,
)
from .services import reminders

PARTNERS = ("Centre social des Moulins", "Bibliothèque des Moulins", "Médiathèque Jean-Moulin",
            "Centre social de la Gare", "Association des commerçants de la Gare",
            "Théâtre de la Halle", "Collège Victor-Hugo", "Parents d’élèves des Moulins (FCPE)")


@dataclass
class Demo:
    coordinator_id: int
    partner_user_id: int
    rumours: list[int]
    districts: dict[str, int]
    organisations: dict[str, int]
    agents: list[int]  # the demo agent's record first


def _saturday(offset_days: int) -> date:
    """The Saturday on or after the day ``offset_days`` from today."""
    day = today() + timedelta(days=offset_days)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def load() -> None:
    demo = _demo()
    if not demo.rumours or not demo.organisations:
        return
    _completed(demo)
    _running(demo)
    _planned(demo)
    _draft(demo)
    db.session.flush()


def _demo() -> Demo:
    agent_user = demo_user("agent").id
    agents = list(db.session.scalars(
        select(Agent.id).where(Agent.status.in_(("certified", "active")), Agent.erased_at.is_(None))
        .order_by(case((Agent.user_id == agent_user, 0), else_=1), Agent.id).limit(8)))
    return Demo(
        coordinator_id=demo_user("coordinator").id, partner_user_id=demo_user("partner").id,
        rumours=list(db.session.scalars(select(Rumour.id).where(Rumour.status != "reported")
                                        .order_by(Rumour.id))),
        districts=dict(db.session.execute(select(District.code, District.id)).all()),
        organisations=dict(db.session.execute(
            select(Organisation.name, Organisation.id)
            .where(Organisation.name.in_(PARTNERS))).all()),
        agents=agents)


def _campaign(demo: Demo, texts: tuple[str, str, str, str], status: str, starts_on: date,
              ends_on: date, *, rumours: list[int], districts: list[str], **kwargs) -> Campaign:
    title_fr, title_en, objective_fr, objective_en = texts
    campaign = Campaign(title={"fr": title_fr, "en": title_en},
                        objective={"fr": objective_fr, "en": objective_en}, status=status,
                        starts_on=starts_on, ends_on=ends_on, created_by_id=demo.coordinator_id,
                        status_changed_at=utcnow(), **kwargs)
    db.session.add(campaign)
    db.session.flush()
    db.session.add_all(CampaignRumour(campaign_id=campaign.id, rumour_id=demo.rumours[n])
                       for n in rumours if n < len(demo.rumours))
    db.session.add_all(CampaignDistrict(campaign_id=campaign.id, district_id=demo.districts[c])
                       for c in districts if c in demo.districts)
    return campaign


def _join(demo: Demo, campaign: Campaign, name: str, state: str, contributions: list[str],
          commitment: str) -> None:
    organisation_id = demo.organisations.get(name)
    if organisation_id is None:
        return
    decided = state in ("accepted", "declined")
    joined_by = demo.partner_user_id if name == PARTNERS[0] else None
    db.session.add(CampaignPartner(
        campaign_id=campaign.id, organisation_id=organisation_id, state=state,
        contributions=contributions, commitment=commitment, joined_by_id=joined_by,
        joined_at=utcnow() - timedelta(days=20), decided_at=utcnow() if decided else None,
        decided_by_id=demo.coordinator_id if decided else None))


def weekly_dates(first: date, count: int, exdates: list[date]) -> list[date]:
    """The days of a "FREQ=WEEKLY;COUNT=count" rule from ``first``, without its exceptions
    (RFC 5545: excepted dates still count towards COUNT)."""
    return [d for d in (first + timedelta(weeks=n) for n in range(count)) if d not in exdates]


def _activity(demo: Demo, campaign: Campaign, spec: dict) -> Activity:
    """An activity on ``spec["day"]`` from ``spec["at"]`` for ``spec["hours"]``, repeated
    weekly ``spec["weeks"]`` times when given, with its partners, agents and reach."""
    at, hours = spec.get("at", time(18, 0)), spec.get("hours", 2)
    exdates = spec.get("except", [])
    days = (weekly_dates(spec["day"], spec["weeks"], exdates) if spec.get("weeks")
            else [spec["day"]])
    occurrences = [(to_utc(d, at), to_utc(d, at) + timedelta(hours=hours)) for d in days]
    activity = Activity(
        campaign_id=campaign.id, kind=spec["kind"], title=spec["title"],
        description=spec.get("description", {}), starts_at=occurrences[0][0],
        ends_at=occurrences[0][1], last_ends_at=occurrences[-1][1],
        rrule=f"FREQ=WEEKLY;COUNT={spec['weeks']}" if spec.get("weeks") else "",
        exdates=[d.isoformat() for d in exdates], place=spec.get("place", ""),
        district_id=demo.districts.get(spec.get("district", "")),
        language=spec.get("language", "fr"), capacity=spec.get("capacity"),
        cancelled_at=utcnow() - timedelta(days=30) if spec.get("cancelled") else None,
        cancel_reason=spec.get("cancelled", ""), **spec.get("reach", {}))
    if spec.get("reach"):
        activity.reach_recorded_at = occurrences[-1][1] + timedelta(days=1)
        activity.reach_recorded_by_id = demo.coordinator_id
    db.session.add(activity)
    db.session.flush()
    db.session.add_all(ActivityOccurrence(activity_id=activity.id, campaign_id=activity.campaign_id,
                                          starts_at=s, ends_at=e)
                       for s, e in occurrences)
    db.session.add_all(ActivityOrganisation(activity_id=activity.id,
                                            organisation_id=demo.organisations[name])
                       for name in spec.get("partners", ()) if name in demo.organisations)
    db.session.add_all(ActivityAgent(activity_id=activity.id, agent_id=demo.agents[n])
                       for n in spec.get("agents", ()) if n < len(demo.agents))
    db.session.flush()
    if activity.cancelled_at is None and activity.last_ends_at > utcnow():
        reminders.replan(activity)
    return activity


CAFE = {"fr": "Café anti-rumeurs", "en": "Anti-rumour café"}
CAFE_TEXT = {"fr": "Un café offert, une heure pour parler de ce qu’on entend dans le quartier, "
                   "avec des chiffres et des témoignages.",
             "en": "A free coffee and an hour to talk about what people hear in the "
                   "neighbourhood, with figures and testimonies."}


def _completed(demo: Demo) -> None:
    first = _saturday(-120)
    campaign = _campaign(
        demo, ("Les rumeurs ne passent pas au marché", "Rumours stop at the market",
               "Parler des rumeurs sur l’emploi avec les clients et commerçants des marchés.",
               "Talk about rumours on jobs with market shoppers and stallholders."),
        "completed", first - timedelta(days=5), first + timedelta(weeks=8),
        rumours=[0, 1], districts=["gare", "les-moulins"], budget=2500,
        audiences=["general_public", "workers"], channels=["face_to_face", "posters"])
    for name, state in ((PARTNERS[0], "accepted"), (PARTNERS[3], "accepted"),
                        (PARTNERS[4], "accepted"), (PARTNERS[1], "declined")):
        _join(demo, campaign, name, state, ["venue", "people"],
              "Notre salle et deux bénévoles le samedi matin.")
    _activity(demo, campaign, {
        "kind": "cafe", "title": CAFE, "description": CAFE_TEXT, "day": first, "weeks": 8,
        "except": [first + timedelta(weeks=3)], "at": time(10, 0), "district": "les-moulins",
        "place": "Centre social des Moulins, salle du rez-de-chaussée", "capacity": 25,
        "partners": [PARTNERS[0]], "agents": [0, 1],
        "reach": {"attendees": 96, "conversations": 41, "materials": 140}})
    _activity(demo, campaign, {
        "kind": "street_action", "title": {"fr": "Stand au marché de la Gare",
                                           "en": "Stall at the Station market"},
        "day": first + timedelta(days=15), "at": time(8, 30), "hours": 4, "district": "gare",
        "place": "Place du marché", "partners": [PARTNERS[3], PARTNERS[4]], "agents": [2, 3],
        "reach": {"attendees": 210, "conversations": 64, "materials": 350}})
    _activity(demo, campaign, {
        "kind": "living_library", "title": {"fr": "Bibliothèque vivante : des métiers et des "
                                                  "parcours", "en": "Living library: jobs and "
                                                                    "journeys"},
        "day": first + timedelta(days=41), "at": time(14, 0), "hours": 3, "district": "gare",
        "place": "Centre social de la Gare", "partners": [PARTNERS[3]], "agents": [0, 4],
        "language": "multi", "reach": {"attendees": 38, "conversations": 31, "materials": 60}})
    _activity(demo, campaign, {
        "kind": "workshop", "title": {"fr": "Atelier « Vrai ou faux ? »",
                                      "en": "“True or false?” workshop"},
        "day": first + timedelta(days=20), "district": "les-moulins", "agents": [1],
        "cancelled": "Salle indisponible"})


def _running(demo: Demo) -> None:
    first = _saturday(-28)
    campaign = _campaign(
        demo, ("Nos voisins, nos collègues", "Our neighbours, our colleagues",
               "Dans les Quartiers Nord, répondre aux rumeurs sur les aides sociales et la "
               "sécurité par la rencontre.",
               "In the Northern estates, answer rumours about benefits and safety by meeting "
               "people."),
        "running", first - timedelta(days=3), first + timedelta(weeks=10),
        rumours=[1, 3], districts=["nord"], audiences=["general_public", "parents"],
        channels=["face_to_face", "social_media", "events"])
    for name, state in ((PARTNERS[0], "accepted"), (PARTNERS[2], "accepted"),
                        (PARTNERS[5], "pending")):
        _join(demo, campaign, name, state, ["venue", "communication"],
              "Accueil du café et relais sur nos réseaux.")
    _activity(demo, campaign, {
        "kind": "cafe", "title": CAFE, "description": CAFE_TEXT, "day": first, "weeks": 10,
        "except": [first + timedelta(weeks=6)], "at": time(18, 0), "district": "nord",
        "place": "Maison de quartier, salle polyvalente", "capacity": 20,
        "partners": [PARTNERS[0]], "agents": [0, 5], "language": "fr"})
    _activity(demo, campaign, {
        "kind": "workshop", "title": {"fr": "Atelier d’écriture : ce qu’on dit de nous",
                                      "en": "Writing workshop: what people say about us"},
        "day": first + timedelta(days=4), "at": time(17, 30), "district": "nord",
        "partners": [PARTNERS[2]], "agents": [6],
        "reach": {"attendees": 16, "conversations": 12, "materials": 16}})
    _activity(demo, campaign, {
        "kind": "social_media", "title": {"fr": "Vidéos « Mon voisin »",
                                          "en": "“My neighbour” videos"},
        "day": first + timedelta(days=1), "at": time(12, 0), "hours": 1, "language": "multi",
        "reach": {"online_views": 4800, "conversations": 35}})
    _activity(demo, campaign, {
        "kind": "theatre", "title": {"fr": "Théâtre forum « Le palier »",
                                     "en": "Forum theatre “The landing”"},
        "day": first + timedelta(weeks=7, days=-1), "at": time(20, 0), "district": "nord",
        "partners": [PARTNERS[5]], "agents": [0, 2, 7], "capacity": 80})


def _planned(demo: Demo) -> None:
    starts = _saturday(40) + timedelta(days=2)  # a Monday
    campaign = _campaign(
        demo, ("Rentrée sans préjugés", "Back to school without prejudice",
               "Avec les écoles et les parents, parler des rumeurs sur l’école et les élèves "
               "allophones.",
               "With schools and parents, talk about rumours on school and pupils learning "
               "French."),
        "planned", starts, starts + timedelta(weeks=8), rumours=[5], districts=["les-moulins"],
        audiences=["parents", "young_people"], channels=["schools", "events"])
    _join(demo, campaign, PARTNERS[0], "pending", ["venue", "people"],
          "Notre salle le mercredi après-midi et l’équipe famille.")
    _join(demo, campaign, PARTNERS[6], "accepted", ["people", "expertise"],
          "Deux enseignants volontaires pour les ateliers.")
    _join(demo, campaign, PARTNERS[7], "pending", ["communication"],
          "Diffusion aux familles par nos listes.")
    _activity(demo, campaign, {
        "kind": "workshop", "title": {"fr": "Atelier parents : les langues à la maison",
                                      "en": "Parents' workshop: languages at home"},
        "day": starts + timedelta(days=2), "at": time(14, 30), "district": "les-moulins",
        "partners": [PARTNERS[0], PARTNERS[7]], "agents": [0], "capacity": 30})


def _draft(demo: Demo) -> None:
    starts = _saturday(120)
    _campaign(
        demo, ("Le sport ensemble", "Sport together",
               "Faire des clubs sportifs des relais contre les rumeurs.",
               "Make sports clubs relay the answers to rumours."),
        "draft", starts, starts + timedelta(weeks=6), rumours=[4],
        districts=["port", "les-moulins"], audiences=["young_people"], channels=["events"])
