"""The intercultural support group's rules: members, meetings, decisions and what is overdue."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import Date, bindparam, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ...core import audit
from ...core.clock import today
from ...core.i18n import lazy_gettext as _l
from ...core.rules import RuleViolation
from ...core.text import fold
from ...extensions import db
from ..models import Decision, Meeting, MeetingAttendance, Organisation, SupportGroupMember
from ..vocab import ATTENDANCE, GROUP_ROLES


@dataclass
class MemberData:
    kind: str
    organisation_id: int | None = None
    person_name: str = ""
    affiliation: str = ""
    group_role: str = "member"
    joined_on: date | None = None
    left_on: date | None = None
    email: str = ""


def save_member(member: SupportGroupMember | None, data: MemberData, *,
                actor: Any) -> SupportGroupMember:
    if data.kind == "organisation":
        if data.organisation_id is None or db.session.get(Organisation, data.organisation_id) is None:
            raise RuleViolation(_l("Choose an organisation from the list."), "organisation_id")
        taken = select(func.count()).select_from(SupportGroupMember).where(
            SupportGroupMember.organisation_id == data.organisation_id)
        if member is not None and member.id is not None:
            taken = taken.where(SupportGroupMember.id != member.id)
        if db.session.scalar(taken):
            raise RuleViolation(_l("This organisation is already a member of the group."),
                                "organisation_id")
        data.person_name = ""
    elif data.kind == "person":
        if not data.person_name.strip():
            raise RuleViolation(_l("Enter the person's name."), "person_name")
        data.organisation_id = None
    else:
        raise RuleViolation(_l("Choose an organisation or a person."), "kind")
    if data.group_role not in GROUP_ROLES:
        raise RuleViolation(_l("Choose a role from the list."), "group_role")
    if data.joined_on and data.left_on and data.left_on < data.joined_on:
        raise RuleViolation(_l("A member cannot leave before joining."), "left_on")
    creating = member is None
    member = member or SupportGroupMember()
    for name, value in data.__dict__.items():
        setattr(member, name, value.strip() if isinstance(value, str) else value)
    db.session.add(member)
    db.session.flush()
    audit.record(actor, "support_group_member.create" if creating else "support_group_member.update",
                 member, kind=member.kind)
    return member


def delete_member(member: SupportGroupMember, *, actor: Any) -> None:
    audit.record(actor, "support_group_member.delete", member)
    db.session.delete(member)
    db.session.flush()


def load_member(member_id: int) -> SupportGroupMember | None:
    return db.session.scalar(select(SupportGroupMember).where(SupportGroupMember.id == member_id)
                             .options(joinedload(SupportGroupMember.organisation)))


def members() -> list[SupportGroupMember]:
    rows = db.session.scalars(select(SupportGroupMember)
                              .options(joinedload(SupportGroupMember.organisation)))
    return sorted(rows, key=lambda m: (not m.active, m.group_role != "chair",
                                       m.display_name.casefold()))


def member_choices() -> list[tuple[str, str]]:
    return [(str(m.id), m.display_name) for m in members() if m.active]


@dataclass
class MeetingData:
    held_on: date
    place: str = ""
    starts_at: time | None = None
    ends_at: time | None = None
    agenda: dict[str, str] = field(default_factory=dict)
    minutes: dict[str, str] = field(default_factory=dict)


def save_meeting(meeting: Meeting | None, data: MeetingData, *, actor: Any) -> Meeting:
    if data.minutes and data.held_on > today():
        raise RuleViolation(_l("Minutes can only be written once the meeting has taken place."),
                            "minutes")
    if data.ends_at is not None and (data.starts_at is None or data.ends_at <= data.starts_at):
        raise RuleViolation(_l("The meeting must end after it starts."), "ends_at")
    creating = meeting is None
    meeting = meeting or Meeting()
    meeting.held_on, meeting.place = data.held_on, data.place.strip()
    meeting.starts_at, meeting.ends_at = data.starts_at, data.ends_at
    meeting.agenda, meeting.minutes = data.agenda, data.minutes
    db.session.add(meeting)
    db.session.flush()
    audit.record(actor, "meeting.create" if creating else "meeting.update", meeting,
                 held_on=meeting.held_on)
    return meeting


def delete_meeting(meeting: Meeting, *, actor: Any) -> None:
    audit.record(actor, "meeting.delete", meeting, held_on=meeting.held_on)
    db.session.delete(meeting)
    db.session.flush()


def load_meeting(meeting_id: int) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.decisions).joinedload(Decision.owner)
                 .joinedload(SupportGroupMember.organisation)))


def meetings_query():
    return select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc())


@dataclass
class DecisionData:
    text: dict[str, str]
    owner_id: int | None = None
    due_on: date | None = None


def save_decision(decision: Decision | None, meeting: Meeting, data: DecisionData, *,
                  actor: Any) -> Decision:
    if data.owner_id is not None and db.session.get(SupportGroupMember, data.owner_id) is None:
        raise RuleViolation(_l("Choose a member of the group."), "owner_id")
    if data.due_on is not None and data.due_on < meeting.held_on:
        raise RuleViolation(_l("The due date cannot be before the meeting."), "due_on")
    creating = decision is None
    decision = decision or Decision(meeting_id=meeting.id)
    decision.text, decision.owner_id, decision.due_on = data.text, data.owner_id, data.due_on
    db.session.add(decision)
    db.session.flush()
    audit.record(actor, "decision.create" if creating else "decision.update", decision,
                 due_on=decision.due_on)
    return decision


def set_decision_done(decision: Decision, done: bool, *, actor: Any) -> None:
    decision.done_on = today() if done else None
    db.session.flush()
    audit.record(actor, "decision.done" if done else "decision.reopen", decision)


# Today's date is read when a statement runs, so that the statements below are
# built once per process instead of at every request.
_TODAY = bindparam("today", type_=Date, callable_=lambda: today())


@functools.cache
def _decisions_statement(status: str):
    query = select(Decision).options(
        joinedload(Decision.meeting),
        joinedload(Decision.owner).joinedload(SupportGroupMember.organisation))
    if status == "open":
        query = query.where(Decision.done_on.is_(None))
    elif status == "overdue":
        query = query.where(Decision.done_on.is_(None), Decision.due_on < _TODAY)
    elif status == "done":
        query = query.where(Decision.done_on.is_not(None))
    return query.order_by(Decision.due_on.asc().nulls_last(), Decision.id)


def decisions_query(status: str = "open"):
    """Decisions with their meeting and owner: ``open``, ``overdue``, ``done`` or all."""
    return _decisions_statement(status if status in ("open", "overdue", "done") else "all")


@functools.cache
def _overdue_first(limit: int):
    return decisions_query("overdue").limit(limit)


def overdue_decisions(limit: int = 5) -> tuple[list[Decision], int]:
    """The oldest overdue decisions and how many there are (for the coordinator's home page)."""
    query = decisions_query("overdue")
    decisions = list(db.session.scalars(_overdue_first(limit + 1)).unique())
    if len(decisions) <= limit:  # the usual case: the first query already says how many
        return decisions, len(decisions)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return decisions[:limit], total or 0


# How far ahead the coordinator's home page looks for decisions falling due.
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class DueDecisions:
    decisions: list[Decision]  # overdue first, then the soonest due
    total: int  # open decisions overdue or due within DUE_SOON_DAYS
    overdue: int


def decisions_due(limit: int = 5, within_days: int = DUE_SOON_DAYS) -> DueDecisions:
    """Open decisions past their date or due soon, and how many of each (two queries)."""
    horizon = today() + timedelta(days=within_days)
    due = (Decision.done_on.is_(None), Decision.due_on <= horizon)
    decisions = list(db.session.scalars(
        decisions_query("open").where(*due).limit(limit)).unique())
    total, overdue = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((Decision.due_on < today(), 1),
                                                         else_=0)), 0))
        .select_from(Decision).where(*due)).one()
    return DueDecisions(decisions, int(total), int(overdue))


# --- attendance at meetings ----------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    member: SupportGroupMember
    status: str  # "" when not recorded yet


def attendance_of(meeting: Meeting) -> list[AttendanceRow]:
    """The members of the group on the meeting's day, and those recorded at it (two queries)."""
    recorded = dict(db.session.execute(
        select(MeetingAttendance.member_id, MeetingAttendance.status)
        .where(MeetingAttendance.meeting_id == meeting.id)).all())
    rows = db.session.scalars(
        select(SupportGroupMember).options(joinedload(SupportGroupMember.organisation)))
    expected = [m for m in rows if m.id in recorded or member_on(m, meeting.held_on)]
    expected.sort(key=lambda m: (m.group_role != "chair", fold(m.display_name)))
    return [AttendanceRow(m, recorded.get(m.id, "")) for m in expected]


def member_on(member: SupportGroupMember, day: date) -> bool:
    return ((member.joined_on is None or member.joined_on <= day)
            and (member.left_on is None or member.left_on > day))


def record_attendance(meeting: Meeting, statuses: dict[int, str], *, actor: Any) -> int:
    """Set each member's status at the meeting ("" forgets it); how many are recorded."""
    if any(status and status not in ATTENDANCE for status in statuses.values()):
        raise RuleViolation(_l("Choose present, excused or absent for each member."))
    known = set(db.session.scalars(select(SupportGroupMember.id)
                                   .where(SupportGroupMember.id.in_(list(statuses)))))
    if known != set(statuses):
        raise RuleViolation(_l("A member of this list is no longer in the group: reload the page."))
    existing = {row.member_id: row for row in db.session.scalars(
        select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))}
    for member_id, status in statuses.items():
        row = existing.get(member_id)
        if not status:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(MeetingAttendance(meeting_id=meeting.id, member_id=member_id,
                                             status=status))
        else:
            row.status = status
    db.session.flush()
    counts = {code: sum(1 for s in statuses.values() if s == code) for code in ATTENDANCE}
    audit.record(actor, "meeting.attendance", meeting, **counts)
    return sum(counts.values())
