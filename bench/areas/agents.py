"""Benchmark data and pages of the agents area: the register, training and reports.

Metropolis: 20,000 people in the register, 2,000 sessions, 100,000 attendance rows
(and as many enrolments), the certificates the rule gives them, and conversations.
Measured: the register list as a trainer (at /agents/, with filters status, district,
language and the search q), saving a 30-person roll call through
``roll_call.record_roll_call`` (with the same number of queries for 10 or 30 people),
recomputing everyone's certification, and the reports pages (a report is kept two
minutes: the pages show the kept report, a measure shows what computing one costs).
"""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta

from sqlalchemy import delete, event, func, select, text, update

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
)
from icc_network.agents.services import certification, reports, roll_call
from icc_network.agents.services.reports import ReportFilters
from icc_network.agents.vocab import OUTCOMES, RESPONSE_MODES
from icc_network.auth.models import User
from icc_network.core.clock import today, utcnow
from icc_network.extensions import db

from ..common import Context, Measure, Page, bulk_insert

SCALE = {
    "agents": {"small": 500, "city": 5000, "metropolis": 20000},
    "sessions": {"small": 100, "city": 600, "metropolis": 2000},
    "attendance": {"small": 2500, "city": 25000, "metropolis": 100000},
}
CHUNK = 20000
ROLL_CALL_NOTE = "bench roll call"
ROLL_CALL_SIZE = 30
LIST_BUDGET_MS = 50
ROLL_CALL_BUDGET_MS = 100
CERTIFICATION_BUDGET_MS = 5000
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Haddad", "Diallo", "Nguyen", "Garcia", "Leroy",
              "Traoré", "Moreau", "Fontaine", "Mendy", "Yılmaz", "Popescu", "Da Silva", "Roux"]
FIRST_NAMES = ["Camille", "Léa", "Yacine", "Amina", "Mamadou", "Inès", "Hugo", "Sofia",
               "Karim", "Chloé", "Omar", "Élodie", "Awa", "Théo", "Leïla", "Julien"]


def generate(ctx: Context) -> None:
    programmes = _programmes()
    _agents(ctx)
    sessions = _sessions(ctx, programmes)
    _attendance(ctx, sessions)
    _roll_call_session(ctx, programmes[0])
    db.session.execute(update(Agent).where(Agent.id.in_(select(Attendance.agent_id)))
                       .values(status="in_training"))
    _analyse()
    certification.evaluate()
    _conversations(ctx)
    _analyse()


def _analyse() -> None:
    """Table statistics, as PostgreSQL's autovacuum keeps them in use: without them, plans
    made for empty tables are measured instead of the application."""
    if db.session.get_bind().dialect.name == "postgresql":
        for table in ("agent", "agent_language", "training_session", "training_session_module",
                      "attendance", "enrolment", "certificate", "conversation"):
            db.session.execute(text(f"ANALYZE {table}"))


def _programmes() -> list[tuple[int, list[int]]]:
    """(programme id, module ids): basic 2 x 4 h, advanced 4 modules one optional, staff 6 h."""
    made = []
    for n, (threshold, modules) in enumerate(((480, [(240, True), (240, True)]),
                                              (960, [(360, True), (360, True), (240, True),
                                                     (240, False)]),
                                              (360, [(360, True)]))):
        programme = Programme(name={"fr": f"Programme {n}", "en": f"Programme {n}"},
                              description={}, threshold_minutes=threshold, valid_months=24,
                              audience="staff" if n == 2 else "volunteers")
        programme.modules = [Module(name={"fr": f"Module {k}", "en": f"Module {k}"},
                                    minutes=minutes, required=required, position=k)
                             for k, (minutes, required) in enumerate(modules)]
        db.session.add(programme)
        db.session.flush()
        made.append((programme.id, [m.id for m in programme.modules]))
    return made


def _agents(ctx: Context) -> None:
    rng, now = ctx.rng, utcnow()
    organisations = ctx.ids.get("organisation", [])
    rows, languages = [], []
    for n in range(ctx.pick(SCALE["agents"])):
        first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)} {n}"
        rows.append({
            "first_name": first, "last_name": last, "name_key": agent_name_key(first, last),
            "email": f"agent{n}@bench.example", "email_key": f"agent{n}@bench.example",
            "phone": f"06 00 {n:06d}", "kind": "staff" if n % 10 == 0 else "volunteer",
            "district_id": rng.choice(ctx.ids["district"]),
            "organisation_id": rng.choice(organisations) if organisations and n % 3 == 0
            else None, "came_through": "partner", "locale": "fr" if n % 4 else "en",
            "consent_on": date(2025, 1, 1) + timedelta(days=n % 600), "consent_version": "2026-01",
            "consent_locale": "fr", "status": "inactive" if n % 50 == 0 else "candidate",
            "notes": "", "created_at": now, "updated_at": now})
    for start in range(0, len(rows), CHUNK):
        bulk_insert(Agent, rows[start:start + CHUNK])
    ctx.ids["agent"] = list(db.session.scalars(select(Agent.id).order_by(Agent.id)))
    for agent_id in ctx.ids["agent"]:
        languages.append({"agent_id": agent_id, "language": "fr"})
        if rng.random() < 0.4:
            languages.append({"agent_id": agent_id, "language": rng.choice(["ar", "en", "es",
                                                                            "tr", "pt"])})
    for start in range(0, len(languages), CHUNK):
        bulk_insert(AgentLanguage, languages[start:start + CHUNK])


def _sessions(ctx: Context, programmes) -> list[tuple[int, datetime, int]]:
    """Sessions over three years, a tenth still to come: (id, start, minutes)."""
    rng, now, rows, covered = ctx.rng, utcnow(), [], []
    trainers = list(db.session.scalars(select(User.id).where(User.role == "trainer")))
    for n in range(ctx.pick(SCALE["sessions"])):
        programme_id, modules = programmes[n % 3] if n % 5 else programmes[0]
        module_ids = [modules[n % len(modules)]] if programme_id != programmes[2][0] else modules
        starts = datetime.combine(today(), datetime.min.time()) + timedelta(
            days=rng.randint(-1095, -1) if n % 10 else rng.randint(1, 90), hours=8)
        rows.append({"programme_id": programme_id, "starts_at": starts,
                     "ends_at": starts + timedelta(hours=4), "place": f"Salle {n % 40}",
                     "district_id": rng.choice(ctx.ids["district"]),
                     "language": rng.choice(["fr", "fr", "fr", "en", "ar"]),
                     "trainer_id": rng.choice(trainers) if trainers else None, "capacity": 60,
                     "note": "", "sequence": 0, "created_at": now, "updated_at": now,
                     "cancelled_at": now if n % 97 == 0 else None})
        covered.append(module_ids)
    bulk_insert(TrainingSession, rows)
    ids = list(db.session.scalars(select(TrainingSession.id).order_by(TrainingSession.id)))
    bulk_insert(SessionModule, [{"session_id": sid, "module_id": mid}
                                               for sid, mids in zip(ids, covered, strict=True)
                                               for mid in mids])
    return [(sid, row["starts_at"], 240) for sid, row in zip(ids, rows, strict=True)]


def _attendance(ctx: Context, sessions) -> None:
    rng, agents, now = ctx.rng, ctx.ids["agent"], utcnow()
    past = [s for s in sessions if s[1] < now]
    per_session = max(1, ctx.pick(SCALE["attendance"]) // len(past))
    attendance, enrolments = [], []
    for session_id, starts, minutes in past:
        for agent_id in rng.sample(agents, k=min(per_session, len(agents))):
            luck = rng.random()
            status = "absent" if luck < 0.08 else "partial" if luck < 0.2 else "present"
            attendance.append({"session_id": session_id, "agent_id": agent_id, "status": status,
                               "minutes": {"absent": 0, "partial": minutes // 2}.get(status,
                                                                                    minutes),
                               "recorded_at": starts})
            enrolments.append({"session_id": session_id, "agent_id": agent_id,
                               "state": "enrolled", "queued_at": starts - timedelta(days=20),
                               "changed_at": starts - timedelta(days=20)})
    for start in range(0, len(attendance), CHUNK):
        bulk_insert(Attendance, attendance[start:start + CHUNK])
        bulk_insert(Enrolment, enrolments[start:start + CHUNK])


def _roll_call_session(ctx: Context, programme) -> None:
    """Today's session with thirty people enrolled and no roll call yet."""
    programme_id, modules = programme
    starts = datetime.combine(today(), datetime.min.time()) + timedelta(hours=8)
    session = TrainingSession(programme_id=programme_id, starts_at=starts,
                              ends_at=starts + timedelta(hours=4), capacity=40,
                              note=ROLL_CALL_NOTE, district_id=ctx.ids["district"][0])
    session.module_rows = [SessionModule(module_id=modules[0])]
    db.session.add(session)
    db.session.flush()
    bulk_insert(Enrolment, [
        {"session_id": session.id, "agent_id": agent_id, "state": "enrolled",
         "queued_at": starts - timedelta(days=5), "changed_at": starts - timedelta(days=5)}
        for agent_id in ctx.rng.sample(ctx.ids["agent"], ROLL_CALL_SIZE)])


def _conversations(ctx: Context) -> None:
    rng, rumours = ctx.rng, ctx.ids.get("rumour", [])
    certified = list(db.session.scalars(select(Agent.id).where(Agent.status == "certified")))
    rows = [{"agent_id": rng.choice(certified),
             "held_on": today() - timedelta(days=rng.randint(1, 700)),
             "district_id": rng.choice(ctx.ids["district"]),
             "rumour_id": rng.choice(rumours) if rumours else None,
             "response_mode": rng.choice(list(RESPONSE_MODES)),
             "outcome": rng.choice(list(OUTCOMES)), "note": "", "created_at": utcnow()}
            for _ in range(len(ctx.ids["agent"]) if certified else 0)]
    for start in range(0, len(rows), CHUNK):
        bulk_insert(Conversation, rows[start:start + CHUNK])
    db.session.execute(update(Agent).where(Agent.id.in_(select(Conversation.agent_id)))
                       .values(status="active"))


def pages(ctx: Context) -> list[Page]:
    district = db.session.scalar(select(func.min(Agent.district_id)))
    programme = db.session.scalar(select(func.min(Programme.id)))
    return [
        Page("agent list (register), first page", "/agents/", "trainer", budget_ms=LIST_BUDGET_MS),
        Page("agent list, status, district and language", f"/agents/?status=certified"
             f"&district={district}&language=ar", "trainer", budget_ms=LIST_BUDGET_MS),
        Page("agent list, search", "/agents/?q=diallo", "trainer", budget_ms=LIST_BUDGET_MS),
        Page("training reports", "/agents/reports", "partner"),
        Page("training reports, by quarter, one district and programme",
             f"/agents/reports?period=quarter&district={district}&programme={programme}",
             "coordinator"),
        Page("training reports, CSV of the districts table", "/agents/reports.csv?table=districts",
             "staff"),
        Page("agents in figures (overview)", "/agents/overview", "staff", budget_ms=LIST_BUDGET_MS),
    ]


def extra(ctx: Context) -> list[Measure]:
    return [*_report_measures(), *_certification_measures(), *_roll_call_measures()]


def _report_measures() -> list[Measure]:
    """The reports page serves a report kept for two minutes; this is what computing one
    costs (the first view after a change)."""
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        reports.report(ReportFilters())
        samples.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    reports.fingerprint()
    check = (time.perf_counter() - started) * 1000
    return [Measure("training report computed (every table, no filter; median of 3)",
                    statistics.median(samples), note="14 grouped queries; then kept"),
            Measure("training report: freshness check on each view", check)]


def _certification_measures() -> list[Measure]:
    people = db.session.scalar(select(func.count()).select_from(Agent))
    rows = db.session.scalar(select(func.count()).select_from(Attendance))
    started = time.perf_counter()
    outcome = certification.evaluate()
    db.session.commit()
    again = (time.perf_counter() - started) * 1000
    db.session.execute(delete(Certificate))
    started = time.perf_counter()
    fresh = certification.evaluate()
    scratch = (time.perf_counter() - started) * 1000
    db.session.rollback()
    return [
        Measure(f"certification of everyone recomputed ({people} people, {rows} attendance rows)",
                again, CERTIFICATION_BUDGET_MS, f"{outcome['issued']} issued, "
                f"{outcome['revoked']} revoked; committed"),
        Measure("certification of everyone from no certificate", scratch,
                CERTIFICATION_BUDGET_MS, f"{fresh['issued']} issued; rolled back"),
    ]


def _roll_call_measures() -> list[Measure]:
    """Saving the roll call of today's 30-person session as the trainer does, alternating two
    different roll calls so that every save changes rows; committed each time."""

    session = db.session.scalar(select(TrainingSession)
                                .where(TrainingSession.note == ROLL_CALL_NOTE))
    people = list(db.session.scalars(select(Enrolment.agent_id).where(
        Enrolment.session_id == session.id).order_by(Enrolment.agent_id)))
    actor = db.session.scalar(select(User).where(User.role == "trainer").order_by(User.id))
    minutes = session.minutes

    def marks(variant: int, size: int):
        return [roll_call.Mark(agent_id, *(("present", minutes) if (n + variant) % 4 else
                                          ("partial", minutes // 2) if variant else ("absent", 0)))
                for n, agent_id in enumerate(people[:size])]

    samples, queries = [], {}
    for run in range(24):
        session = db.session.get(TrainingSession, session.id)
        with _counted() as counter:
            started = time.perf_counter()
            roll_call.record_roll_call(session, marks(run % 2, ROLL_CALL_SIZE), actor=actor)
            db.session.commit()
            samples.append((time.perf_counter() - started) * 1000)
    # The same work for 10 and for 30 people (the session's roll call taken afresh, everyone
    # absent, so no certificate changes): the statements must not grow with the people.
    for size in (10, ROLL_CALL_SIZE):
        db.session.execute(delete(Attendance).where(Attendance.session_id == session.id))
        db.session.commit()
        session = db.session.get(TrainingSession, session.id)
        with _counted() as counter:
            roll_call.record_roll_call(session, [roll_call.Mark(agent_id, "absent")
                                                for agent_id in people[:size]], actor=actor)
            db.session.commit()
        queries[size] = counter["n"]
    ordered = sorted(samples[4:])
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    same = "constant" if queries[10] == queries[ROLL_CALL_SIZE] else "NOT constant"
    return [Measure(f"roll call of {ROLL_CALL_SIZE} people saved (p95 of {len(ordered)})", p95,
                    ROLL_CALL_BUDGET_MS,
                    f"median {statistics.median(ordered):.1f} ms; queries: {queries[10]} for 10 "
                    f"people, {queries[ROLL_CALL_SIZE]} for 30 ({same}); committed")]


class _counted:
    """Counts the statements sent while the block runs."""

    def __enter__(self) -> dict:
        self.counter = {"n": 0}
        self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self.counter

    def _count(self, *_args) -> None:
        self.counter["n"] += 1

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)
