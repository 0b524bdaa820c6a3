"""Single figures of the training record: the counts overview for readers who may not see
the register, and the indicator sources other areas read (registrations.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ...core.clock import today, utcnow
from ...extensions import db
from ..models import Agent, Certificate, TrainingSession
from ..vocab import NEEDS_CERTIFICATE
from .reports import ReportFilters, attendance_select, certified_select, conversation_select

# --- the counts overview ----------------------------------------------------------------


@dataclass
class Overview:
    by_status: dict[str, int]
    by_district: dict[int | None, dict[str, int]]  # district -> status -> people
    certified_this_year: int
    valid_today: int
    upcoming_sessions: int


def overview(on: date | None = None) -> Overview:
    """Counts of the register for readers who may not see it. Four queries."""
    on = on or today()
    by_district: dict[int | None, dict[str, int]] = defaultdict(dict)
    by_status: dict[str, int] = defaultdict(int)
    for district_id, status, count in db.session.execute(
            select(Agent.district_id, Agent.status, func.count())
            .where(Agent.erased_at.is_(None)).group_by(Agent.district_id, Agent.status)):
        by_district[district_id][status] = int(count)
        by_status[status] += int(count)
    this_year = ReportFilters(start=date(on.year, 1, 1), end=date(on.year, 12, 31))
    upcoming = db.session.scalar(
        select(func.count()).select_from(TrainingSession)
        .where(TrainingSession.cancelled_at.is_(None), TrainingSession.starts_at > utcnow()))
    return Overview(dict(by_status), dict(by_district),
                    int(db.session.scalar(certified_select(this_year, None)) or 0),
                    active_agents(end=on), int(upcoming or 0))


# --- indicator sources --------------------------------------------------------------------
# Each takes the keyword parameters start and end (dates, inclusive; None: unbounded) and
# district_id (None: the whole city), and returns one number.


def hours_delivered(*, start: date | None = None, end: date | None = None,
                    district_id: int | None = None) -> float:
    """Person-hours attended at non-cancelled sessions starting between the dates, in the
    district of the session."""
    minutes = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()[0]
    return int(minutes or 0) / 60


def sessions_held(*, start: date | None = None, end: date | None = None,
                  district_id: int | None = None) -> int:
    """Non-cancelled sessions with at least one person attending, by start and district."""
    row = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()
    return int(row[1] or 0)


def people_trained(*, start: date | None = None, end: date | None = None,
                   district_id: int | None = None) -> int:
    """Distinct people who attended minutes at those sessions."""
    row = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()
    return int(row[2] or 0)


def people_certified(*, start: date | None = None, end: date | None = None,
                     district_id: int | None = None) -> int:
    """Distinct people with a certificate issued between the dates and not revoked, in
    their own district."""
    return int(db.session.scalar(certified_select(
        ReportFilters(start=start, end=end, district_id=district_id), None)) or 0)


def active_agents(*, start: date | None = None, end: date | None = None,
                  district_id: int | None = None) -> int:
    """People in the register now certified or active whose certificate is valid on
    ``end`` (today when None); ``start`` is not used. By the person's district."""
    day = end or today()
    valid = (select(Certificate.id).where(
        Certificate.agent_id == Agent.id, Certificate.revoked_at.is_(None),
        Certificate.issued_on <= day, Certificate.expires_on > day).exists())
    query = select(func.count()).select_from(Agent).where(
        Agent.erased_at.is_(None), Agent.status.in_(NEEDS_CERTIFICATE), valid)
    if district_id is not None:
        query = query.where(Agent.district_id == district_id)
    return int(db.session.scalar(query) or 0)


def conversation_count(*, start: date | None = None, end: date | None = None,
                       district_id: int | None = None) -> int:
    """Field conversations held between the dates, in the district where they were held."""
    return int(db.session.scalar(conversation_select(
        ReportFilters(start=start, end=end, district_id=district_id), [func.count()])) or 0)
