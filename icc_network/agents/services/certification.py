"""The certification rule: enough attended minutes on a programme's required modules.

How minutes count. A session covers one or more modules of its programme. The
minutes a person attended count towards certification in the share of the
session's modules that are required: all of them when every module covered is
required, half of them when the session spends half its module time on an
optional module, none when it covers optional modules only.

When it is earned. Walking a person's sessions of a programme in time order,
the certificate is earned at the session whose minutes bring the running total
to the programme's threshold; it is issued on that session's day and is valid
for the programme's months. The count then starts again: the next certificate
(a renewal) takes the refresher minutes, or the threshold when none are set.

The rule is recomputed from the attendance each time: correcting a roll call
that had earned a certificate revokes it, and recomputing twice changes nothing.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import joinedload

from ...core.clock import today, utcnow
from ...extensions import db
from ..models import (
    Agent,
    Attendance,
    Certificate,
    Module,
    Programme,
    SessionModule,
    TrainingSession,
)

# Unambiguous when read aloud or typed from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31^12, about 10^18: not guessable


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """A code as typed (spaces, lower case, missing dashes) in its stored form."""
    raw = "".join(ch for ch in (text or "").upper() if ch in CODE_ALPHABET)[:CODE_LENGTH]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class SessionCredit:
    programme_id: int
    day: date
    starts_at: object
    required_minutes: int
    module_minutes: int

    def credited(self, attended: int) -> int:
        """The attended minutes that count towards the programme (rounded down)."""
        if self.module_minutes <= 0:
            return 0
        return attended * self.required_minutes // self.module_minutes


@dataclass(frozen=True)
class Earned:
    agent_id: int
    programme_id: int
    issued_on: date
    minutes: int


def session_credits(session_ids: Iterable[int] | None = None) -> dict[int, SessionCredit]:
    """How each (non-cancelled) session's attended minutes count, by session id."""
    query = (select(TrainingSession.id, TrainingSession.programme_id, TrainingSession.starts_at,
                    func.sum(Module.minutes),
                    func.sum(case((Module.required.is_(True), Module.minutes), else_=0)))
             .join(SessionModule, SessionModule.session_id == TrainingSession.id)
             .join(Module, Module.id == SessionModule.module_id)
             .where(TrainingSession.cancelled_at.is_(None))
             .group_by(TrainingSession.id, TrainingSession.programme_id,
                       TrainingSession.starts_at))
    if session_ids is not None:
        query = query.where(TrainingSession.id.in_(list(session_ids)))
    return {sid: SessionCredit(pid, starts.date(), starts, int(req or 0), int(total or 0))
            for sid, pid, starts, total, req in db.session.execute(query)}


def earned_certificates(agent_ids: Iterable[int] | None = None) -> list[Earned]:
    """Every certificate the attendance earns, for the given people (everyone by default)."""
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    credits = session_credits()
    query = select(Attendance.agent_id, Attendance.session_id, Attendance.minutes).where(
        Attendance.minutes > 0)
    if agent_ids is not None:
        query = query.where(Attendance.agent_id.in_(list(agent_ids)))
    per_person: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for agent_id, session_id, minutes in db.session.execute(query):
        credit = credits.get(session_id)
        if credit is not None:
            per_person[(agent_id, credit.programme_id)].append(
                (credit.starts_at, session_id, credit.credited(minutes), credit.day))
    earned = []
    for (agent_id, programme_id), rows in per_person.items():
        programme = programmes[programme_id]
        needed, total = programme.threshold_minutes, 0
        for _starts, _sid, minutes, day in sorted(rows):
            total += minutes
            if total >= needed:
                earned.append(Earned(agent_id, programme_id, day, total))
                needed, total = programme.refresher_minutes or programme.threshold_minutes, 0
    return earned


def evaluate(agent_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Issue the certificates attendance has earned and revoke those it no longer earns,
    for the given people (everyone by default); move their status along. Flushes."""
    ids = None if agent_ids is None else sorted(set(agent_ids))
    if ids == []:
        return {"issued": 0, "revoked": 0}
    earned: dict[tuple[int, int, date], Earned] = {}
    for e in earned_certificates(ids):
        # Two earned on one day (a renewal reached the same day): the day's first certificate
        # stands, with its own minutes; a second one would change nothing but its code.
        earned.setdefault((e.agent_id, e.programme_id, e.issued_on), e)
    query = select(Certificate).where(Certificate.revoked_at.is_(None))
    if ids is not None:
        query = query.where(Certificate.agent_id.in_(ids))
    existing = {(c.agent_id, c.programme_id, c.issued_on): c for c in db.session.scalars(query)}
    months = dict(db.session.execute(select(Programme.id, Programme.valid_months)).all())
    issued = [{"agent_id": e.agent_id, "programme_id": e.programme_id, "code": new_code(),
               "issued_on": e.issued_on, "minutes_attended": e.minutes, "created_at": utcnow(),
               "expires_on": e.issued_on + relativedelta(months=months[e.programme_id])}
              for key, e in sorted(earned.items()) if key not in existing]
    if issued:  # one statement however many were earned
        db.session.execute(insert(Certificate), issued)
    revoked = [c.id for key, c in existing.items() if key not in earned]
    if revoked:
        db.session.execute(update(Certificate).where(Certificate.id.in_(revoked))
                           .values(revoked_at=utcnow()))
    db.session.flush()
    _move_statuses(ids)
    return {"issued": len(issued), "revoked": len(revoked)}


def _move_statuses(ids: list[int] | None) -> None:
    """Certified when a valid certificate exists; back in training when none is left."""
    valid = (select(Certificate.id).where(Certificate.agent_id == Agent.id,
                                          Certificate.revoked_at.is_(None),
                                          Certificate.expires_on > today()).exists())
    ever = (select(Certificate.id).where(Certificate.agent_id == Agent.id,
                                         Certificate.revoked_at.is_(None)).exists())
    scope = [Agent.erased_at.is_(None)]
    if ids is not None:
        scope.append(Agent.id.in_(ids))
    db.session.execute(update(Agent).where(*scope, Agent.status.in_(("candidate", "in_training")),
                                           valid).values(status="certified", updated_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.execute(update(Agent).where(*scope, Agent.status.in_(("certified", "active")),
                                           ~ever).values(status="in_training",
                                                         updated_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.expire_all()


def current_certificates(agent_id: int) -> list[Certificate]:
    """A person's certificates, newest first (revoked ones included, marked)."""
    return list(db.session.scalars(
        select(Certificate).where(Certificate.agent_id == agent_id)
        .options(joinedload(Certificate.programme))
        .order_by(Certificate.issued_on.desc(), Certificate.id.desc())))


@dataclass(frozen=True)
class Progress:
    """Where one person stands on one programme: the minutes attended and credited, the
    certificates earned, and what the next certificate (the first, or a renewal) still takes."""

    programme_id: int
    attended_minutes: int
    credited_minutes: int
    earned: int
    still_needed_minutes: int


def progress(agent_id: int) -> list[Progress]:
    """A person's standing on each programme they attended, walked as ``earned_certificates``
    walks it, so the figures shown to them agree with the rule."""
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    rows = db.session.execute(select(Attendance.session_id, Attendance.minutes)
                              .where(Attendance.agent_id == agent_id, Attendance.minutes > 0)).all()
    credits = session_credits([sid for sid, _ in rows])
    walked: dict[int, list[tuple]] = defaultdict(list)
    for session_id, minutes in rows:
        credit = credits.get(session_id)
        if credit is not None:
            walked[credit.programme_id].append((credit.starts_at, minutes, credit.credited(minutes)))
    result = []
    for programme_id, sessions in sorted(walked.items()):
        programme = programmes[programme_id]
        needed, total, earned = programme.threshold_minutes, 0, 0
        for _starts, _attended, credited in sorted(sessions):
            total += credited
            if total >= needed:
                earned += 1
                needed, total = programme.refresher_minutes or programme.threshold_minutes, 0
        result.append(Progress(programme_id, sum(r[1] for r in sessions),
                               sum(r[2] for r in sessions), earned, max(needed - total, 0)))
    return result


# --- the trainers' home page --------------------------------------------------------

# From this share of a programme's threshold attended, a person not yet certified is near.
NEAR_SHARE = 0.75


@dataclass(frozen=True)
class NearCertification:
    programme_id: int
    programme_name: dict[str, str]
    people: int


def near_certification(share: float = NEAR_SHARE) -> list[NearCertification]:
    """How many people not certified (candidates, in training) attended at least ``share``
    of a programme's threshold but not all of it, per programme (one query; counts only,
    so that the page shows nobody's name). Minutes are those attended at sessions not
    cancelled, before the share of optional modules is taken off: an estimate. Plain
    values, so that a result may be kept between requests (see reports.cached)."""
    attended = (
        select(Attendance.agent_id, TrainingSession.programme_id,
               func.sum(Attendance.minutes).label("minutes"))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Agent, Agent.id == Attendance.agent_id)
        .where(TrainingSession.cancelled_at.is_(None), Attendance.minutes > 0,
               Agent.status.in_(("candidate", "in_training")), Agent.erased_at.is_(None))
        .group_by(Attendance.agent_id, TrainingSession.programme_id).subquery())
    rows = db.session.execute(
        select(Programme.id, Programme.name, func.count())
        .join(attended, attended.c.programme_id == Programme.id)
        .where(attended.c.minutes >= Programme.threshold_minutes * share,
               attended.c.minutes < Programme.threshold_minutes)
        .group_by(Programme.id, Programme.name).order_by(func.count().desc(), Programme.id))
    return [NearCertification(pid, dict(name or {}), int(n)) for pid, name, n in rows]
