"""Demonstration data of the agents area: three programmes, about forty participants, a
year of sessions with their roll calls, upcoming sessions (one full, with a waiting
list), the certificates the attendance earns, and conversations in the field.

Drawn with a fixed seed and dated from today, so every demo database tells the same
story: the basic course runs in cohorts of two sessions, some people miss a module and
are still in training, the oldest cohort's certificates expire next month, municipal
staff follow their own course, and the demo agent account is a certified agent with
conversations of their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..auth.demo import demo_user
from ..core.clock import today, utcnow
from ..core.models import District
from ..extensions import db
from ..network.models import Organisation
from ..rumours.models import Rumour
from .models import (
    Agent,
    AgentLanguage,
    Attendance,
    Conversation,
    Enrolment,
    Module,
    Programme,
    SessionModule,
    TrainingSession,
    agent_name_key,
    email_key,
)
from .services import certification
from .vocab import CONSENT_VERSION

BASIC = ({"fr": "Formation de base des agents anti-rumeurs",
          "en": "Anti-rumour agents' basic course"},
         {"fr": "Reconnaître une rumeur, comprendre ce qui la nourrit et y répondre sans "
                "affronter.",
          "en": "Recognise a rumour, understand what feeds it and answer it without "
                "confrontation."})
ADVANCED = ({"fr": "Formation approfondie", "en": "Advanced course"},
            {"fr": "Animer un café anti-rumeurs, construire des arguments, accompagner de "
                   "nouveaux agents.",
             "en": "Run an anti-rumour café, build arguments, mentor new agents."})
STAFF = ({"fr": "Compétence interculturelle pour les agents municipaux",
          "en": "Intercultural competence for municipal staff"},
         {"fr": "Accueillir tous les habitants : stéréotypes, communication, situations "
                "difficiles au guichet.",
          "en": "Serving every resident: stereotypes, communication, difficult situations "
                "at the counter."})

FIRST_NAMES = ["Camille", "Léa", "Hugo", "Inès", "Yacine", "Amina", "Mamadou", "Fatoumata",
               "Thomas", "Chloé", "Karim", "Sofia", "Nicolas", "Manon", "Rachid", "Aïcha",
               "Julien", "Sarah", "Omar", "Élodie", "Mehdi", "Laura", "Antoine", "Nadia",
               "Pierre", "Mariam", "Louis", "Zoé", "Youssef", "Émilie", "Baptiste", "Leïla",
               "Maxime", "Awa", "Romain", "Salomé", "Théo", "Jade", "Ibrahima"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Leroy", "Garcia", "Nguyen",
              "Haddad", "Diallo", "Traoré", "Petit", "Roux", "Fontaine", "Chevalier", "Mercier",
              "Bouzid", "Lambert", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Perrin",
              "Morel", "Girard", "André", "Mendy", "Da Silva", "Ferreira", "Yılmaz", "Kaya",
              "Popescu", "Kowalski", "Rossi", "Amrani", "Cissé", "Benoît", "Carpentier"]
OTHER_LANGUAGES = ["ar", "en", "es", "pt", "tr", "wo", "ro", "ber", "it", "pl"]
VOLUNTEER_ORIGINS = ["partner", "campaign", "word_of_mouth", "social_media", "city_website"]
PLACES = ["Maison de quartier", "Médiathèque", "Centre social", "Salle municipale",
          "Hôtel de ville, salle du conseil"]
DEMO_AGENT = ("Lucas", "Moreau")
STAFF_COUNT = 10
# Cohorts of the basic course: how many weeks ago their first session was (the latest
# has its second module still to come).
BASIC_COHORTS = (98, 70, 44, 26, 12, 1)
COHORT = 4


@dataclass
class Demo:
    rng: random.Random
    trainer_id: int
    districts: list[int]
    volunteers: list[Agent]
    staff: list[Agent]
    programmes: dict[str, Programme]


def load() -> None:
    rng = random.Random(2026)
    districts = list(db.session.scalars(select(District.id).order_by(District.position)))
    demo = Demo(rng, demo_user("trainer").id, districts, [], [], _programmes())
    _participants(demo)
    _past_training(demo)
    _upcoming_training(demo)
    db.session.flush()
    certification.evaluate()
    _field_work(demo)
    db.session.flush()


def _programmes() -> dict[str, Programme]:
    specs = {
        "basic": (BASIC, "volunteers", 480, 180, 24,
                  [("Comprendre les rumeurs", "Understanding rumours", 240, True),
                   ("Répondre sans affronter", "Answering without confrontation", 240, True)]),
        "advanced": (ADVANCED, "volunteers", 960, None, 36,
                     [("Les données contre les préjugés", "Data against prejudice", 360, True),
                      ("Animer un café anti-rumeurs", "Running an anti-rumour café", 360, True),
                      ("Accompagner de nouveaux agents", "Mentoring new agents", 240, True),
                      ("Réseaux sociaux (option)", "Social media (optional)", 240, False)]),
        "staff": (STAFF, "staff", 360, None, 36,
                  [("Stéréotypes et discriminations", "Stereotypes and discrimination", 180,
                    True),
                   ("Communiquer au guichet", "Communicating at the counter", 180, True)]),
    }
    programmes = {}
    for key, (texts, audience, threshold, refresher, months, modules) in specs.items():
        name, description = texts
        programme = Programme(name=name, description=description, audience=audience,
                              threshold_minutes=threshold, refresher_minutes=refresher,
                              valid_months=months)
        programme.modules = [Module(name={"fr": fr, "en": en}, minutes=minutes, required=required,
                                    position=n)
                             for n, (fr, en, minutes, required) in enumerate(modules)]
        db.session.add(programme)
        programmes[key] = programme
    db.session.flush()
    return programmes


def _participants(demo: Demo) -> None:
    rng = demo.rng
    last_names = LAST_NAMES[:]
    rng.shuffle(last_names)
    organisations = list(db.session.scalars(select(Organisation.id).order_by(Organisation.id)))
    people = [DEMO_AGENT, *zip(FIRST_NAMES, last_names, strict=True)]
    for n, (first, last) in enumerate(people):
        staff = n >= len(people) - STAFF_COUNT
        agent = _person(demo, first, last, staff, n)
        if not staff and organisations and rng.random() < 0.5:
            agent.organisation_id = rng.choice(organisations)
        (demo.staff if staff else demo.volunteers).append(agent)
    db.session.flush()
    lucas = demo.volunteers[0]
    account = demo_user("agent")
    lucas.user_id, lucas.email = account.id, account.email
    lucas.email_key = email_key(account.email)


def _person(demo: Demo, first: str, last: str, staff: bool, n: int) -> Agent:
    rng = demo.rng
    email = f"{agent_name_key(first, last).replace(' ', '.')}@{'ville' if staff else 'mail'}" \
            ".demo.example.org"
    locale = "en" if n % 7 == 3 else "fr"
    agent = Agent(first_name=first, last_name=last, name_key=agent_name_key(first, last),
                  email=email, email_key=email_key(email),
                  phone=f"06 12 34 {n // 10:02d} {n:02d}",
                  kind="staff" if staff else "volunteer", district_id=rng.choice(demo.districts),
                  came_through="employer" if staff else rng.choice(VOLUNTEER_ORIGINS),
                  locale=locale, consent_on=today() - timedelta(days=rng.randint(40, 720)),
                  consent_version=CONSENT_VERSION, consent_locale=locale, status="candidate")
    languages = {"fr", locale, *rng.sample(OTHER_LANGUAGES, k=rng.choice((0, 1, 1, 2)))}
    agent.language_rows = [AgentLanguage(language=code) for code in sorted(languages)]
    db.session.add(agent)
    return agent


def _session(demo: Demo, programme: Programme, modules: list[Module], day: date, minutes: int,
             **kwargs) -> TrainingSession:
    starts = datetime.combine(day, time(8, 0))
    session = TrainingSession(
        programme_id=programme.id, starts_at=starts, ends_at=starts + timedelta(minutes=minutes),
        place=demo.rng.choice(PLACES), district_id=demo.rng.choice(demo.districts),
        language=kwargs.pop("language", "fr"), trainer_id=demo.trainer_id,
        capacity=kwargs.pop("capacity", 14), **kwargs)
    session.module_rows = [SessionModule(module_id=m.id) for m in modules]
    db.session.add(session)
    db.session.flush()
    return session


def _weekday(weeks_ago: int, offset_days: int = 0) -> date:
    day = today() - timedelta(weeks=weeks_ago) + timedelta(days=offset_days)
    return day - timedelta(days=max(0, day.weekday() - 4))  # a Saturday or Sunday: Friday


def _roll_call(demo: Demo, session: TrainingSession, people: list[Agent], *,
               miss: float = 0.1) -> None:
    """Enrolment and attendance as the trainer recorded them: most present, a few partly
    present or absent."""
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    for person in people:
        luck = demo.rng.random() if person is not demo.volunteers[0] else 1.0
        status, attended = ("absent", 0) if luck < miss / 2 else (
            ("partial", minutes // 2) if luck < miss else ("present", minutes))
        db.session.add(Enrolment(session_id=session.id, agent_id=person.id, state="enrolled",
                                 queued_at=session.starts_at - timedelta(days=20)))
        db.session.add(Attendance(session_id=session.id, agent_id=person.id, status=status,
                                  minutes=attended, recorded_by_id=demo.trainer_id,
                                  recorded_at=session.ends_at))
        person.status = "in_training" if person.status == "candidate" else person.status
        day = session.starts_at.date()
        person.last_activity_on = max(person.last_activity_on or day, day)


def _past_training(demo: Demo) -> None:
    basic, advanced, staff = (demo.programmes[k] for k in ("basic", "advanced", "staff"))
    first, second = basic.modules
    trained = demo.volunteers[:COHORT * len(BASIC_COHORTS)]
    for number, weeks in enumerate(BASIC_COHORTS):
        cohort = trained[number * COHORT:(number + 1) * COHORT]
        language = "en" if number == 3 else "fr"
        for module, offset in ((first, 0), (second, 7)):
            latest = number == len(BASIC_COHORTS) - 1 and offset > 0
            day = today() + timedelta(days=6) if latest else _weekday(weeks, offset)
            session = _session(demo, basic, [module], day, 240, language=language)
            if not latest:
                _roll_call(demo, session, cohort)
            else:  # the latest cohort has its second module still to come
                db.session.add_all(Enrolment(session_id=session.id, agent_id=p.id,
                                             state="enrolled") for p in cohort)
    _session(demo, basic, [first], _weekday(30, 2), 240, cancelled_at=utcnow(),
             note="Annulée : salle indisponible")
    for n, module in enumerate(advanced.modules[:3]):
        session = _session(demo, advanced, [module], _weekday(20 - n * 2), module.minutes)
        _roll_call(demo, session, trained[:6], miss=0.0)
    for number, weeks in enumerate((40, 9)):
        session = _session(demo, staff, list(staff.modules), _weekday(weeks, 1), 360,
                           language="fr" if number == 0 else "en", capacity=12)
        _roll_call(demo, session, demo.staff[number * 5:(number + 1) * 5], miss=0.2)


def _upcoming_training(demo: Demo) -> None:
    """The next cohort (the first session full, with a waiting list) and a staff session."""
    basic, staff = demo.programmes["basic"], demo.programmes["staff"]
    candidates = demo.volunteers[COHORT * len(BASIC_COHORTS):]
    first = _session(demo, basic, [basic.modules[0]], today() + timedelta(days=12), 240,
                     capacity=4)
    second = _session(demo, basic, [basic.modules[1]], today() + timedelta(days=19), 240,
                      capacity=14)
    queued = utcnow() - timedelta(days=10)
    for n, person in enumerate(candidates):
        state = "enrolled" if n < first.capacity else "waiting"
        db.session.add(Enrolment(session_id=first.id, agent_id=person.id, state=state,
                                 queued_at=queued + timedelta(hours=n)))
        if n < first.capacity:
            db.session.add(Enrolment(session_id=second.id, agent_id=person.id,
                                     state="enrolled", queued_at=queued + timedelta(hours=n)))
            person.status = "in_training"
    later = _session(demo, staff, list(staff.modules), today() + timedelta(days=33), 360,
                     capacity=12)
    for n, person in enumerate(demo.staff):
        if n % 3 == 0:
            db.session.add(Enrolment(session_id=later.id, agent_id=person.id, state="enrolled",
                                     queued_at=queued + timedelta(hours=n)))


def _field_work(demo: Demo) -> None:
    """Conversations by certified volunteers (who are then active); one has gone quiet."""
    rng = demo.rng
    rumours = list(db.session.scalars(select(Rumour.id).where(Rumour.status != "reported")
                                      .order_by(Rumour.id)))
    certified = [a for a in demo.volunteers if a.status == "certified"]
    modes = ["correct", "correct", "co_verify", "de_escalate", "empathise", "not_respond"]
    outcomes = ["open", "doubt", "doubt", "changed", "unchanged", "unchanged", "hostile"]
    talkers = certified[:8]
    for n, agent in enumerate(talkers):
        for _ in range(5 if n == 0 else rng.randint(1, 4)):
            held = today() - timedelta(days=rng.randint(2, 150))
            db.session.add(Conversation(
                agent_id=agent.id, held_on=held, district_id=agent.district_id,
                rumour_id=rng.choice(rumours) if rumours else None,
                response_mode=rng.choice(modes), outcome=rng.choice(outcomes),
                logged_by_id=agent.user_id or demo.trainer_id))
            agent.last_activity_on = max(agent.last_activity_on or held, held)
        agent.status = "active"
    if len(certified) > len(talkers):
        certified[-1].status = "inactive"
