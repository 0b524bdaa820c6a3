"""Single figures of the training record: the counts overview for readers who may not see
the register, and the indicator sources other areas read (registrations.py)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select, union

from ...core.clock import today, utcnow
from ...core.periods import Period, distinct_counts, span, sums
from ...extensions import db
from ..models import Agent, Attendance, Certificate, Conversation, Enrolment, TrainingSession
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
# district_id (None: the whole city), and returns one number. Hours delivered, people
# trained, people certified and the active share also take periods, a list of (first day,
# last day) pairs, and then return one figure per period from a few queries (core/periods.py).


def hours_delivered(*, start: date | None = None, end: date | None = None,
                    district_id: int | None = None,
                    periods: list[Period] | None = None) -> float | list[float]:
    """Person-hours attended at non-cancelled sessions starting between the dates, in the
    district of the session. With ``periods``: one figure per period, one query."""
    if periods is not None:
        rows = db.session.execute(_by_session(
            [func.coalesce(func.sum(Attendance.minutes), 0)], periods, district_id))
        return [minutes / 60 for minutes in sums(((at.date(), m) for at, m in rows), periods)]
    minutes = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()[0]
    return int(minutes or 0) / 60


def _by_session(columns: list, periods: list[Period], district_id: int | None):
    """Per non-cancelled session starting within ``periods``: its start and ``columns``."""
    first, last = span(periods) if periods else (date.max, date.min)
    query = (select(TrainingSession.starts_at, *columns).select_from(Attendance)
             .join(TrainingSession, TrainingSession.id == Attendance.session_id)
             .where(TrainingSession.cancelled_at.is_(None),
                    TrainingSession.starts_at >= datetime.combine(first, time.min),
                    TrainingSession.starts_at <= datetime.combine(last, time.max)))
    if district_id is not None:
        query = query.where(TrainingSession.district_id == district_id)
    return query.group_by(TrainingSession.id, TrainingSession.starts_at)


def sessions_held(*, start: date | None = None, end: date | None = None,
                  district_id: int | None = None) -> int:
    """Non-cancelled sessions with at least one person attending, by start and district."""
    row = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()
    return int(row[1] or 0)


def people_trained(*, start: date | None = None, end: date | None = None,
                   district_id: int | None = None,
                   periods: list[Period] | None = None) -> int | list[int]:
    """Distinct people who attended minutes at those sessions (per period of ``periods``)."""
    if periods is not None:
        first, last = span(periods) if periods else (None, None)
        query = (attendance_select(ReportFilters(start=first, end=last,
                                                 district_id=district_id), [])
                 .with_only_columns(TrainingSession.starts_at, Attendance.agent_id)
                 .where(Attendance.minutes > 0))
        return distinct_counts(((at.date(), agent_id) for at, agent_id
                                in db.session.execute(query)), periods) if periods else []
    row = db.session.execute(attendance_select(
        ReportFilters(start=start, end=end, district_id=district_id), [])).one()
    return int(row[2] or 0)


def people_certified(*, start: date | None = None, end: date | None = None,
                     district_id: int | None = None,
                     periods: list[Period] | None = None) -> int | list[int]:
    """Distinct people with a certificate issued between the dates and not revoked, in
    their own district (per period of ``periods``)."""
    if periods is not None:
        if not periods:
            return []
        first, last = span(periods)
        query = (select(Certificate.issued_on, Certificate.agent_id)
                 .join(Agent, Agent.id == Certificate.agent_id)
                 .where(Certificate.revoked_at.is_(None), Certificate.issued_on >= first,
                        Certificate.issued_on <= last))
        if district_id is not None:
            query = query.where(Agent.district_id == district_id)
        return distinct_counts(db.session.execute(query), periods)
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


# --- how well, and who is better off ------------------------------------------------------
# Shares are percentages (0–100), None when there is nobody to divide by.
#
# - Active: a person certified on the end day (a certificate not revoked, issued by then and
#   expiring after it, and not erased from the register) is active when, in the six months
#   up to that day (from the same day six months earlier, inclusive), they logged a field
#   conversation or attended minutes at a training session that was not cancelled. Campaign
#   activities an agent was assigned to are not seen here: the register does not keep them.
# - Attendance rate: at the sessions that were not cancelled, started in the period and
#   had their roll call taken (some attendance recorded), the people marked present or
#   partly present out of the people expected (enrolled, not on the waiting list nor
#   cancelled, plus anyone whose attendance was recorded without an enrolment).
# - Positive outcome: the field conversations whose outcome was that the person was open to
#   another view, started to doubt, or changed their mind (POSITIVE_OUTCOMES), out of every
#   conversation held in the period; "no change" and "turned hostile" are not positive.

ACTIVE_MONTHS = 6
POSITIVE_OUTCOMES = ("open", "doubt", "changed")
ATTENDED = ("present", "partial")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).day
    return date(year, month, min(day.day, last))


def _share(part: int | None, whole: int | None) -> float | None:
    return 100 * int(part or 0) / int(whole) if whole else None


def active_share(*, start: date | None = None, end: date | None = None,
                 district_id: int | None = None,
                 periods: list[Period] | None = None) -> float | None | list[float | None]:
    """Share (%) of the people certified on ``end`` (today when None) who were active in the
    six months up to it; ``start`` is not used. By the person's district. With ``periods``:
    the share on each period's last day, from three queries."""
    if periods is not None:
        return _active_shares([last for _, last in periods], district_id)
    day = end or today()
    since = months_before(day, ACTIVE_MONTHS)
    certified = (select(Certificate.id).where(
        Certificate.agent_id == Agent.id, Certificate.revoked_at.is_(None),
        Certificate.issued_on <= day, Certificate.expires_on > day).exists())
    talked = (select(Conversation.id).where(
        Conversation.agent_id == Agent.id, Conversation.held_on >= since,
        Conversation.held_on <= day).exists())
    trained = (select(Attendance.id)
               .join(TrainingSession, TrainingSession.id == Attendance.session_id)
               .where(Attendance.agent_id == Agent.id, Attendance.minutes > 0,
                      TrainingSession.cancelled_at.is_(None),
                      TrainingSession.starts_at >= datetime.combine(since, time.min),
                      TrainingSession.starts_at <= datetime.combine(day, time.max)).exists())
    query = select(func.count(), func.count().filter(talked | trained)).select_from(Agent).where(
        Agent.erased_at.is_(None), certified)
    if district_id is not None:
        query = query.where(Agent.district_id == district_id)
    total, active = db.session.execute(query).one()
    return _share(active, total)


def _active_shares(days: list[date], district_id: int | None) -> list[float | None]:
    """``active_share`` on each of ``days``: certificates and activity dates read once."""
    if not days:
        return []
    since = months_before(min(days), ACTIVE_MONTHS)
    certified = (select(Certificate.agent_id, Certificate.issued_on, Certificate.expires_on)
                 .join(Agent, Agent.id == Certificate.agent_id)
                 .where(Certificate.revoked_at.is_(None), Agent.erased_at.is_(None),
                        Certificate.issued_on <= max(days), Certificate.expires_on > since))
    if district_id is not None:
        certified = certified.where(Agent.district_id == district_id)
    holders = db.session.execute(certified).all()
    active: dict[int, list[date]] = defaultdict(list)
    for agent_id, held_on in db.session.execute(
            select(Conversation.agent_id, Conversation.held_on).where(
                Conversation.held_on >= since, Conversation.held_on <= max(days)).distinct()):
        active[agent_id].append(held_on)
    for agent_id, starts_at in db.session.execute(
            select(Attendance.agent_id, TrainingSession.starts_at)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(Attendance.minutes > 0, TrainingSession.cancelled_at.is_(None),
                   TrainingSession.starts_at >= datetime.combine(since, time.min),
                   TrainingSession.starts_at <= datetime.combine(max(days), time.max))):
        active[agent_id].append(starts_at.date())
    for dates in active.values():
        dates.sort()
    return [_share_on(day, holders, active) for day in days]


def _share_on(day: date, holders, active: dict[int, list[date]]) -> float | None:
    since = months_before(day, ACTIVE_MONTHS)
    people = {agent_id for agent_id, issued, expires in holders if issued <= day < expires}
    busy = sum(1 for agent_id in people
               if (dates := active.get(agent_id))
               and bisect_left(dates, since) < bisect_right(dates, day))
    return _share(busy, len(people))


def attendance_rate(*, start: date | None = None, end: date | None = None,
                    district_id: int | None = None) -> float | None:
    """Share (%) of the people expected at sessions held in the period who came, by the
    session's start date and district."""
    sessions = select(TrainingSession.id).where(
        TrainingSession.cancelled_at.is_(None),
        select(Attendance.id).where(Attendance.session_id == TrainingSession.id).exists())
    if start is not None:
        sessions = sessions.where(TrainingSession.starts_at >= datetime.combine(start, time.min))
    if end is not None:
        sessions = sessions.where(TrainingSession.starts_at <= datetime.combine(end, time.max))
    if district_id is not None:
        sessions = sessions.where(TrainingSession.district_id == district_id)
    held = sessions.scalar_subquery()
    expected = union(
        select(Enrolment.session_id, Enrolment.agent_id).where(
            Enrolment.state == "enrolled", Enrolment.session_id.in_(held)),
        select(Attendance.session_id, Attendance.agent_id).where(
            Attendance.session_id.in_(held))).subquery()
    came = select(func.count()).select_from(Attendance).where(
        Attendance.session_id.in_(held), Attendance.status.in_(ATTENDED))
    whole = db.session.scalar(select(func.count()).select_from(expected))
    return _share(db.session.scalar(came) if whole else 0, whole)


def positive_outcome_share(*, start: date | None = None, end: date | None = None,
                           district_id: int | None = None) -> float | None:
    """Share (%) of the field conversations held in the period with a positive outcome
    (POSITIVE_OUTCOMES), in the district where they were held."""
    total, positive = db.session.execute(conversation_select(
        ReportFilters(start=start, end=end, district_id=district_id),
        [func.count(), func.count().filter(Conversation.outcome.in_(POSITIVE_OUTCOMES))])).one()
    return _share(positive, total)
