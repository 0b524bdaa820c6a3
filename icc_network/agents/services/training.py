"""Programmes and modules, and training sessions (enrolment and the roll call have
modules of their own).

Every change calendar clients must see raises the session's ``sequence``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.models import User
from ...core import audit
from ...core.calendar import to_utc
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.permissions import roles_that_can
from ...core.rules import refuse_unless, valid_choice
from ...extensions import db
from ..models import (
    Attendance,
    Enrolment,
    Module,
    Programme,
    SessionModule,
    TrainingSession,
)
from ..vocab import AUDIENCES, LANGUAGES
from . import certification, messages
from .enrolment import count_in_state, holders, promote_waiting

TRAINER_ACTION = "training.manage"
# Changes a participant's or a trainer's calendar must follow.
CALENDAR_FIELDS = ("starts_at", "ends_at", "place", "district_id", "language", "trainer_id",
                   "note")


# --- programmes and modules -------------------------------------------------------

@dataclass
class ProgrammeData:
    name: dict[str, str]
    description: dict[str, str]
    audience: str
    threshold_minutes: int
    refresher_minutes: int | None
    valid_months: int
    active: bool


@dataclass
class ModuleData:
    name: dict[str, str]
    minutes: int
    required: bool
    position: int


def load_programme(programme_id: int | None) -> Programme | None:
    if programme_id is None:
        return None
    return db.session.scalar(select(Programme).where(Programme.id == programme_id)
                             .options(selectinload(Programme.modules)))


def programmes(active_only: bool = False) -> list[Programme]:
    query = select(Programme).options(selectinload(Programme.modules)).order_by(Programme.id)
    if active_only:
        query = query.where(Programme.active.is_(True))
    return list(db.session.scalars(query))


def programme_names() -> dict[int, dict[str, str]]:
    """Every programme's name (both languages) by id, for labels and filters."""
    return dict(db.session.execute(select(Programme.id, Programme.name)
                                   .order_by(Programme.id)).all())


def required_minutes(modules: Iterable[Module]) -> int:
    return sum(m.minutes for m in modules if m.required)


def save_programme(programme: Programme | None, data: ProgrammeData, *, actor: Any) -> Programme:
    valid_choice(data.audience, AUDIENCES, "audience")
    refuse_unless(data.threshold_minutes > 0, _l("Enter a number of hours above zero."),
                  "threshold_hours")
    refuse_unless(data.valid_months > 0, _l("Enter a number of months above zero."),
                  "valid_months")
    if programme is not None and programme.modules:
        reachable = required_minutes(programme.modules)
        refuse_unless(data.threshold_minutes <= reachable, _l(
            "The required modules add up to %(hours)s h: a threshold above that can never be "
            "reached. Lower it or add required modules.", hours=_hours(reachable)),
            "threshold_hours")
    if data.refresher_minutes is not None:
        refuse_unless(0 < data.refresher_minutes <= data.threshold_minutes, _l(
            "A refresher takes more than zero hours and no more than the threshold."),
            "refresher_hours")
    created = programme is None
    if programme is None:
        programme = Programme()
        db.session.add(programme)
    for name, value in vars(data).items():
        setattr(programme, name, value)
    db.session.flush()
    audit.record(actor, "programme.create" if created else "programme.update", programme)
    return programme


def save_module(module: Module | None, programme: Programme, data: ModuleData, *,
                actor: Any) -> Module:
    refuse_unless(0 < data.minutes <= 100 * 60, _l("Enter between 0 and 100 hours."), "hours")
    others = [m for m in programme.modules if module is None or m.id != module.id]
    after = required_minutes(others) + (data.minutes if data.required else 0)
    if module is not None and after < required_minutes(programme.modules):
        _refuse_unreachable(programme, after, "hours")
    created = module is None
    if module is None:
        module = Module(programme_id=programme.id)
        db.session.add(module)
    for name, value in vars(data).items():
        setattr(module, name, value)
    db.session.flush()
    audit.record(actor, "module.create" if created else "module.update", module,
                 programme_id=programme.id)
    return module


def delete_module(module: Module, programme: Programme, *, actor: Any) -> None:
    covered = db.session.scalar(select(func.count()).select_from(SessionModule)
                                .where(SessionModule.module_id == module.id))
    refuse_unless(not covered, _l("Sessions cover this module: it stays so that their attended "
                                  "hours keep counting. Make it optional instead."))
    _refuse_unreachable(programme, required_minutes(m for m in programme.modules
                                                    if m.id != module.id), None)
    audit.record(actor, "module.delete", module, programme_id=programme.id)
    db.session.delete(module)
    db.session.flush()


def _refuse_unreachable(programme: Programme, reachable: int, field: str | None) -> None:
    refuse_unless(programme.threshold_minutes <= reachable, _l(
        "The required modules would add up to %(hours)s h, below the programme's threshold of "
        "%(threshold)s h. Lower the threshold first.", hours=_hours(reachable),
        threshold=_hours(programme.threshold_minutes)), field)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


# --- sessions -------------------------------------------------------------------

@dataclass
class SessionData:
    module_ids: list[int]
    starts_at: datetime
    ends_at: datetime
    place: str
    district_id: int | None
    language: str
    trainer_id: int | None
    capacity: int
    note: str = ""


@dataclass(frozen=True)
class SessionFilters:
    programme_id: int | None = None
    district_id: int | None = None
    language: str = ""
    trainer_id: int | None = None
    when: str = "upcoming"  # "upcoming", "past" or "" (all)


def load_session(session_id: int | None) -> TrainingSession | None:
    if session_id is None:
        return None
    return db.session.scalar(select(TrainingSession).where(TrainingSession.id == session_id)
                             .options(joinedload(TrainingSession.programme),
                                      joinedload(TrainingSession.district),
                                      joinedload(TrainingSession.trainer),
                                      selectinload(TrainingSession.module_rows)))


def sessions_query(filters: SessionFilters):
    """Sessions with their places taken and their queue, for the list (one query a page)."""
    counts = (select(Enrolment.session_id,
                     func.sum(case((Enrolment.state == "enrolled", 1), else_=0)).label("taken"),
                     func.sum(case((Enrolment.state == "waiting", 1), else_=0)).label("waiting"))
              .group_by(Enrolment.session_id).subquery())
    query = (select(TrainingSession, func.coalesce(counts.c.taken, 0),
                    func.coalesce(counts.c.waiting, 0))
             .outerjoin(counts, counts.c.session_id == TrainingSession.id)
             .options(joinedload(TrainingSession.programme), joinedload(TrainingSession.district),
                      joinedload(TrainingSession.trainer)))
    for column, value in ((TrainingSession.programme_id, filters.programme_id),
                          (TrainingSession.district_id, filters.district_id),
                          (TrainingSession.trainer_id, filters.trainer_id),
                          (TrainingSession.language, filters.language or None)):
        if value is not None:
            query = query.where(column == value)
    now = utcnow()
    if filters.when == "past":
        return query.where(TrainingSession.ends_at < now).order_by(
            TrainingSession.starts_at.desc(), TrainingSession.id.desc())
    if filters.when == "upcoming":
        query = query.where(TrainingSession.ends_at >= now)
    return query.order_by(TrainingSession.starts_at, TrainingSession.id)


def upcoming_sessions_of(trainer_id: int, limit: int = 500) -> list[TrainingSession]:
    """A trainer's sessions still to come or under way (their calendar)."""
    return list(db.session.scalars(
        sessions_query(SessionFilters(trainer_id=trainer_id, when="upcoming"))
        .with_only_columns(TrainingSession).limit(limit)).unique())


def trainer_choices() -> list[tuple[int, str]]:
    """Active accounts that may run sessions (by what they may do, never by role name)."""
    rows = db.session.execute(select(User.id, User.name).where(
        User.active.is_(True), User.role.in_(sorted(roles_that_can(TRAINER_ACTION))))
        .order_by(User.name, User.id))
    return [(user_id, name) for user_id, name in rows]


def save_session(session: TrainingSession | None, programme: Programme, data: SessionData, *,
                 actor: Any) -> TrainingSession:
    _check_session(session, programme, data)
    created = session is None
    if session is None:
        session = TrainingSession(programme_id=programme.id, sequence=0, module_rows=[])
        db.session.add(session)
        before: dict[str, Any] = {}
        old_capacity = data.capacity
    else:
        before = {name: getattr(session, name) for name in CALENDAR_FIELDS}
        old_capacity = session.capacity
    for name in (*CALENDAR_FIELDS, "capacity"):
        setattr(session, name, getattr(data, name))
    db.session.flush()
    modules_changed = _set_modules(session, data.module_ids, created)
    changed = [name for name in CALENDAR_FIELDS if not created and before[name] != getattr(
        session, name)]
    if not created and (changed or modules_changed):
        session.sequence += 1
    db.session.flush()
    if not created and ("starts_at" in changed or "ends_at" in changed):
        messages.session_moved(session, holders(session.id, ("enrolled",)))
    if modules_changed and not created:  # attended minutes now count differently
        certification.evaluate(db.session.scalars(select(Attendance.agent_id).where(
            Attendance.session_id == session.id)).all())
    if data.capacity > old_capacity:
        promote_waiting(session)
    audit.record(actor, "training_session.create" if created else "training_session.update",
                 session, changed=changed)
    return session


def _set_modules(session: TrainingSession, module_ids: list[int], created: bool) -> bool:
    """Keep the rows of modules still covered, add the new ones; whether anything changed."""
    wanted = set(module_ids)
    rows = [] if created else list(session.module_rows)
    kept = [row for row in rows if row.module_id in wanted]
    added = [SessionModule(session_id=session.id, module_id=module_id)
             for module_id in sorted(wanted - {row.module_id for row in rows})]
    if len(kept) == len(rows) and not added:
        return False
    session.module_rows = [*kept, *added]
    return True


def _check_session(session: TrainingSession | None, programme: Programme,
                   data: SessionData) -> None:
    refuse_unless(session is None or session.cancelled_at is None,
                  _l("This session was cancelled: it can no longer be changed."))
    own = {m.id for m in programme.modules}
    refuse_unless(data.module_ids, _l("Choose at least one module."), "module_ids")
    refuse_unless(set(data.module_ids) <= own, _l("Choose modules of this programme."),
                  "module_ids")
    refuse_unless(data.ends_at > data.starts_at, _l("The session must end after it starts."),
                  "end_time")
    valid_choice(data.language, LANGUAGES, "language")
    refuse_unless(1 <= data.capacity <= 1000, _l("Enter a capacity between 1 and 1,000."),
                  "capacity")
    if data.trainer_id is not None:
        valid_choice(data.trainer_id, {user_id for user_id, _n in trainer_choices()},
                     "trainer_id")
    if session is not None and data.capacity < session.capacity:
        taken = count_in_state(session.id, "enrolled")
        refuse_unless(data.capacity >= taken, _l(
            "%(count)s people already have a place: the capacity cannot go below that.",
            count=taken), "capacity")


def cancel_session(session: TrainingSession, *, actor: Any) -> TrainingSession:
    refuse_unless(session.cancelled_at is None, _l("This session was already cancelled."))
    recorded = db.session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.session_id == session.id, Attendance.minutes > 0))
    refuse_unless(not recorded, _l("Attendance was recorded for this session: it took place "
                                   "and can no longer be cancelled."))
    session.cancelled_at = utcnow()
    session.sequence += 1
    db.session.flush()
    messages.session_cancelled(session, holders(session.id, ("enrolled", "waiting")))
    audit.record(actor, "training_session.cancel", session)
    return session


# --- the trainers' home page --------------------------------------------------------

@dataclass(frozen=True)
class MonthSessions:
    sessions: list[TrainingSession]  # the first ones of the month, with their programme
    total: int  # sessions of the month not cancelled
    first_day: date


def sessions_of_month(day: date, limit: int = 5) -> MonthSessions:
    """The sessions not cancelled in ``day``'s month on the city's calendar (two queries)."""
    first = day.replace(day=1)
    start, end = to_utc(first, time()), to_utc(first + relativedelta(months=1), time())
    in_month = (TrainingSession.starts_at >= start, TrainingSession.starts_at < end,
                TrainingSession.cancelled_at.is_(None))
    sessions = list(db.session.scalars(
        select(TrainingSession).where(*in_month)
        .options(joinedload(TrainingSession.programme), joinedload(TrainingSession.district))
        .order_by(TrainingSession.starts_at, TrainingSession.id).limit(limit)))
    total = db.session.scalar(select(func.count()).select_from(TrainingSession).where(*in_month))
    return MonthSessions(sessions, int(total or 0), first)
