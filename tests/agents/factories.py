"""Factories of the agents area (the style is described in tests/factories.py)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from icc_network.agents.models import (
    Agent,
    AgentLanguage,
    Attendance,
    Certificate,
    Conversation,
    Enrolment,
    Module,
    Programme,
    SessionModule,
    TrainingSession,
    agent_name_key,
    email_key,
)
from icc_network.agents.services.certification import new_code
from icc_network.extensions import db

_sequence = itertools.count(1)


def agent(first_name: str | None = None, last_name: str | None = None, *, email: str | None = None,
          status: str = "candidate", languages=("fr",), district=None, organisation=None,
          user=None, consent_on: date | None = date(2026, 1, 15), **kwargs) -> Agent:
    n = next(_sequence)
    first_name = first_name or f"Camille{n}"
    last_name = last_name or f"Martin{n}"
    email = email if email is not None else f"agent{n}@example.org"
    row = Agent(first_name=first_name, last_name=last_name,
                name_key=agent_name_key(first_name, last_name), email=email,
                email_key=email_key(email), phone=kwargs.pop("phone", f"06 00 00 00 {n % 100:02d}"),
                status=status, district_id=district.id if district is not None else None,
                organisation_id=organisation.id if organisation is not None else None,
                user_id=user.id if user is not None else None, consent_on=consent_on,
                consent_version="2026-01" if consent_on else "",
                consent_locale="fr" if consent_on else "", **kwargs)
    db.session.add(row)
    db.session.flush()
    db.session.add_all(AgentLanguage(agent_id=row.id, language=code) for code in languages)
    db.session.flush()
    return row


def programme(name: str | None = None, *, threshold_hours: float = 8, modules=((4, True), (4, True)),
              valid_months: int = 24, refresher_minutes: int | None = None, **kwargs) -> Programme:
    """A programme and its modules, given as (hours, required) pairs."""
    n = next(_sequence)
    row = Programme(name={"fr": name or f"Formation de base {n}", "en": f"Basic course {n}"},
                    description={"fr": "Déconstruire les rumeurs"},
                    threshold_minutes=int(threshold_hours * 60), valid_months=valid_months,
                    refresher_minutes=refresher_minutes, **kwargs)
    db.session.add(row)
    db.session.flush()
    for position, (hours, required) in enumerate(modules):
        db.session.add(Module(programme_id=row.id, name={"fr": f"Module {position + 1}",
                                                         "en": f"Module {position + 1}"},
                              minutes=int(hours * 60), required=required, position=position))
    db.session.flush()
    return row


def modules_of(programme_row: Programme) -> list[Module]:
    return list(db.session.scalars(db.select(Module).where(Module.programme_id == programme_row.id)
                                   .order_by(Module.position)))


def session(programme_row: Programme, *, modules=None, starts_at: datetime | None = None,
            hours: float = 4, capacity: int = 20, trainer=None, district=None,
            language: str = "fr", **kwargs) -> TrainingSession:
    """A session of ``programme_row`` covering ``modules`` (the first module by default)."""
    next(_sequence)
    starts_at = starts_at or datetime(2026, 3, 2, 8, 0)
    row = TrainingSession(programme_id=programme_row.id, starts_at=starts_at,
                          ends_at=starts_at + timedelta(minutes=int(hours * 60)),
                          place=kwargs.pop("place", "Maison de quartier"), capacity=capacity,
                          trainer_id=trainer.id if trainer is not None else None,
                          district_id=district.id if district is not None else None,
                          language=language, **kwargs)
    db.session.add(row)
    db.session.flush()
    for module in modules if modules is not None else modules_of(programme_row)[:1]:
        db.session.add(SessionModule(session_id=row.id, module_id=module.id))
    db.session.flush()
    return row


def enrolment(session_row: TrainingSession, agent_row: Agent, state: str = "enrolled",
              **kwargs) -> Enrolment:
    row = Enrolment(session_id=session_row.id, agent_id=agent_row.id, state=state, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def attendance(session_row: TrainingSession, agent_row: Agent, status: str = "present",
               minutes: int | None = None) -> Attendance:
    if minutes is None:
        minutes = session_row.minutes if status == "present" else 0
    row = Attendance(session_id=session_row.id, agent_id=agent_row.id, status=status,
                     minutes=minutes)
    db.session.add(row)
    db.session.flush()
    return row


def certificate(agent_row: Agent, programme_row: Programme, *, issued_on: date = date(2026, 3, 9),
                expires_on: date | None = None, **kwargs) -> Certificate:
    row = Certificate(agent_id=agent_row.id, programme_id=programme_row.id, code=new_code(),
                      issued_on=issued_on, expires_on=expires_on or issued_on.replace(
                          year=issued_on.year + 2), minutes_attended=kwargs.pop("minutes", 480),
                      **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def conversation(agent_row: Agent, *, held_on: date = date(2026, 4, 1), rumour=None, district=None,
                 response_mode: str = "correct", outcome: str = "doubt",
                 note: str = "") -> Conversation:
    row = Conversation(agent_id=agent_row.id, held_on=held_on,
                       rumour_id=rumour.id if rumour is not None else None,
                       district_id=district.id if district is not None else None,
                       response_mode=response_mode, outcome=outcome, note=note)
    db.session.add(row)
    db.session.flush()
    return row
