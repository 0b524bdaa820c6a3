"""The roll call: a whole session's attendance recorded at once, then certification."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select, update

from ...core import audit
from ...core.calendar import city_today, to_local
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.rules import RuleViolation, refuse_unless, valid_choice
from ...extensions import db
from ..models import Agent, Attendance, Enrolment, TrainingSession
from ..vocab import ATTENDANCE
from . import certification


@dataclass(frozen=True)
class Mark:
    agent_id: int
    status: str
    minutes: int | None = None


def recorded(session_id: int) -> dict[int, Attendance]:
    """The attendance already recorded for a session, by person."""
    return {row.agent_id: row for row in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session_id))}


def roll_call_field(agent_id: int) -> str:
    return f"minutes-{agent_id}"


def record_roll_call(session: TrainingSession, marks: Sequence[Mark], *,
                     actor: Any) -> dict[str, int]:
    """Record the whole session's attendance at once, then certify whoever it qualifies.

    A constant number of statements whatever the number of people: the people with a
    place and the rows already recorded are read once, new rows are inserted and
    changed ones updated in one statement each. Sending the same marks again
    changes nothing.
    """
    refuse_unless(session.cancelled_at is None, _l("This session was cancelled."))
    refuse_unless(to_local(session.starts_at).date() <= city_today(),
                  _l("The roll call opens on the day of the session."))
    refuse_unless(marks, _l("Mark at least one person."))
    enrolled = set(db.session.scalars(select(Enrolment.agent_id).where(
        Enrolment.session_id == session.id, Enrolment.state == "enrolled")))
    values = {mark.agent_id: _minutes(session, mark, enrolled) for mark in marks}
    refuse_unless(len(values) == len(marks), _l("Each person is marked once."))
    recorded = _write(session, values, getattr(actor, "id", None))
    attended = sorted(a for a, (_s, minutes) in values.items() if minutes > 0)
    day = to_local(session.starts_at).date()
    if attended:
        db.session.execute(update(Agent).where(
            Agent.id.in_(attended),
            or_(Agent.last_activity_on.is_(None), Agent.last_activity_on < day))
            .values(last_activity_on=day).execution_options(synchronize_session=False))
    result = (certification.evaluate(sorted(values)) if recorded
              else {"issued": 0, "revoked": 0})
    audit.record(actor, "training_session.roll_call", session, marked=len(values),
                 recorded=recorded)
    return {"marked": len(values), "recorded": recorded, **result}


def _write(session: TrainingSession, values: dict[int, tuple[str, int]],
           recorder: int | None) -> int:
    """Insert the new rows and update the changed ones, one statement each (rows that
    already say the same are left alone); how many rows were written."""
    existing = {row.agent_id: row for row in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id,
                                 Attendance.agent_id.in_(sorted(values))))}
    now = utcnow()
    new = [{"session_id": session.id, "agent_id": agent_id, "status": status,
            "minutes": minutes, "recorded_by_id": recorder, "recorded_at": now}
           for agent_id, (status, minutes) in values.items() if agent_id not in existing]
    changed = [{"id": row.id, "status": values[agent_id][0], "minutes": values[agent_id][1],
                "recorded_by_id": recorder, "recorded_at": now}
               for agent_id, row in existing.items()
               if (row.status, row.minutes) != values[agent_id]]
    if new:
        db.session.execute(insert(Attendance), new)
    if changed:
        db.session.execute(update(Attendance), changed)
    return len(new) + len(changed)


def _minutes(session: TrainingSession, mark: Mark, enrolled: set[int]) -> tuple[str, int]:
    field = roll_call_field(mark.agent_id)
    refuse_unless(mark.agent_id in enrolled, _l("Only people with a place can be marked."), field)
    valid_choice(mark.status, ATTENDANCE, field)
    if mark.status == "present":
        return "present", session.minutes
    if mark.status == "absent":
        return "absent", 0
    if mark.minutes is None or not 0 < mark.minutes < session.minutes:
        raise RuleViolation(_l("For a partial presence, enter more than 0 and fewer than "
                               "%(hours)s hours.", hours=f"{session.minutes / 60:g}"), field)
    return "partial", mark.minutes
