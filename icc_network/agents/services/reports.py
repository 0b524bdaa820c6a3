"""Training figures: the reports page, the counts overview and the indicator sources.

Every figure is one grouped SQL query; nothing walks the attendance in Python.

- Hours delivered: attended minutes summed over non-cancelled sessions, divided by 60
  (person-hours: four people for two hours are eight hours).
- Sessions held: non-cancelled sessions at which at least one person attended minutes.
- People trained: distinct people who attended minutes at such sessions.
- People certified: distinct people holding a certificate issued in the period and not
  revoked.
- Conversations: the field conversations agents logged.

Hours, sessions and people trained fall under the period, district and language of the
session; a certificate under the period of its issue and its holder's district, and
under each language in which its holder attended a session of its programme. A person
may therefore count under two districts or languages: the totals count them once.

Periods are calendar months, quarters or years of the stored UTC date (a session's
start, a certificate's issue, a conversation's day); date filters compare the same
dates. A session starting within an hour or two of midnight may therefore fall in the
neighbouring day of the city's calendar: nothing is scheduled then in practice.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from cachetools import TTLCache
from sqlalchemy import Integer, Select, case, cast, distinct, extract, func, select

from ...extensions import db
from ..models import Agent, Attendance, Certificate, Conversation, TrainingSession

PERIODS = ("month", "quarter", "year")
# Beyond this many periods a table lists only those with figures (a range of centuries
# typed into the filters must not build thousands of empty rows).
MAX_FILLED_PERIODS = 240
DIMENSIONS = ("period", "district", "language", "programme", "kind")


@dataclass(frozen=True)
class ReportFilters:
    """What a report is limited to; ``None`` is "all". ``period`` is the grouping."""

    start: date | None = None
    end: date | None = None
    district_id: int | None = None
    language: str | None = None
    programme_id: int | None = None
    kind: str | None = None
    period: str = "month"


@dataclass
class Figures:
    minutes: int = 0
    sessions: int = 0
    trained: int = 0
    certified: int = 0

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass
class Breakdown:
    """Figures per value of one dimension, in the order they are shown."""

    dimension: str
    rows: list[tuple[Any, Figures]] = field(default_factory=list)


@dataclass
class Tally:
    """Conversations per period and code (response mode or outcome)."""

    rows: list[tuple[date, dict[str, int]]]
    total: int


# --- filters and groupings ------------------------------------------------------------


def _day_bounds(filters: ReportFilters) -> tuple[datetime | None, datetime | None]:
    """The first and last instants of the filters' days (the end inclusive)."""
    start = datetime.combine(filters.start, time.min) if filters.start else None
    end = datetime.combine(filters.end, time.max) if filters.end else None
    return start, end


def _period_columns(column, period: str) -> list:
    year = cast(extract("year", column), Integer)
    if period == "year":
        return [year]
    month = cast(extract("month", column), Integer)
    return [year, (month + 2) // 3] if period == "quarter" else [year, month]


def period_start(key: tuple, period: str) -> date:
    """The first day of the period a grouped row's (year[, month or quarter]) stands for."""
    if period == "year":
        return date(int(key[0]), 1, 1)
    if period == "quarter":
        return date(int(key[0]), (int(key[1]) - 1) * 3 + 1, 1)
    return date(int(key[0]), int(key[1]), 1)


def next_period(day: date, period: str) -> date:
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _periods_between(first: date, last: date, period: str) -> list[date]:
    days = [first]
    while days[-1] < last:
        days.append(next_period(days[-1], period))
    return days


def attendance_select(filters: ReportFilters, dims: list) -> Select:
    attended = Attendance.minutes > 0
    query = (select(*dims, func.coalesce(func.sum(Attendance.minutes), 0),
                    func.count(distinct(case((attended, Attendance.session_id)))),
                    func.count(distinct(case((attended, Attendance.agent_id)))))
             .select_from(Attendance)
             .join(TrainingSession, TrainingSession.id == Attendance.session_id)
             .where(TrainingSession.cancelled_at.is_(None)))
    start, end = _day_bounds(filters)
    if start is not None:
        query = query.where(TrainingSession.starts_at >= start)
    if end is not None:
        query = query.where(TrainingSession.starts_at <= end)
    if filters.district_id is not None:
        query = query.where(TrainingSession.district_id == filters.district_id)
    if filters.language:
        query = query.where(TrainingSession.language == filters.language)
    if filters.programme_id is not None:
        query = query.where(TrainingSession.programme_id == filters.programme_id)
    if filters.kind or any(d is Agent.kind for d in dims):
        query = query.join(Agent, Agent.id == Attendance.agent_id)
    if filters.kind:
        query = query.where(Agent.kind == filters.kind)
    return query.group_by(*dims) if dims else query


def certified_select(filters: ReportFilters, dimension: str | None) -> Select:
    languages = _languages_trained()
    dims = {None: [], "period": _period_columns(Certificate.issued_on, filters.period),
            "district": [Agent.district_id], "language": [languages.c.language],
            "programme": [Certificate.programme_id], "kind": [Agent.kind]}[dimension]
    query = (select(*dims, func.count(distinct(Certificate.agent_id)))
             .select_from(Certificate).join(Agent, Agent.id == Certificate.agent_id)
             .where(Certificate.revoked_at.is_(None)))
    if filters.start is not None:
        query = query.where(Certificate.issued_on >= filters.start)
    if filters.end is not None:
        query = query.where(Certificate.issued_on <= filters.end)
    if filters.district_id is not None:
        query = query.where(Agent.district_id == filters.district_id)
    if filters.programme_id is not None:
        query = query.where(Certificate.programme_id == filters.programme_id)
    if filters.kind:
        query = query.where(Agent.kind == filters.kind)
    if filters.language or dimension == "language":
        query = query.join(languages, (languages.c.agent_id == Certificate.agent_id)
                           & (languages.c.programme_id == Certificate.programme_id))
        if filters.language:
            query = query.where(languages.c.language == filters.language)
    return query.group_by(*dims) if dims else query


def _languages_trained():
    """Each person's (programme, language) of training: deduplicated first, so that the
    join with certificates stays small whatever the planner knows of the tables."""
    return (select(Attendance.agent_id.label("agent_id"),
                   TrainingSession.programme_id.label("programme_id"),
                   TrainingSession.language.label("language"))
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(Attendance.minutes > 0, TrainingSession.cancelled_at.is_(None))
            .distinct().subquery("languages_trained"))


def _session_dims(dimension: str, period: str) -> list:
    return {"period": _period_columns(TrainingSession.starts_at, period),
            "district": [TrainingSession.district_id], "language": [TrainingSession.language],
            "programme": [TrainingSession.programme_id], "kind": [Agent.kind]}[dimension]


# --- the reports page ------------------------------------------------------------------


def totals(filters: ReportFilters) -> Figures:
    """The figures over everything the filters keep (each person counted once). Two queries."""
    minutes, sessions, trained = db.session.execute(attendance_select(filters, [])).one()
    certified = db.session.scalar(certified_select(filters, None)) or 0
    return Figures(int(minutes or 0), int(sessions or 0), int(trained or 0), int(certified))


def breakdown(filters: ReportFilters, dimension: str) -> Breakdown:
    """The figures per period, district, language, programme or kind. Two queries.

    Periods run without a gap from the first to the last (or the filters' dates); the
    other dimensions list the values that have figures.
    """
    width = 2 if dimension == "period" and filters.period != "year" else 1
    table: dict[Any, Figures] = defaultdict(Figures)
    for row in db.session.execute(attendance_select(filters, _session_dims(dimension,
                                                                            filters.period))):
        key = _key(row[:width], dimension, filters.period)
        table[key].minutes, table[key].sessions, table[key].trained = (
            int(row[width] or 0), int(row[width + 1] or 0), int(row[width + 2] or 0))
    for row in db.session.execute(certified_select(filters, dimension)):
        table[_key(row[:width], dimension, filters.period)].certified = int(row[width] or 0)
    if dimension == "period":
        return Breakdown(dimension, _with_every_period(table, filters, Figures))
    return Breakdown(dimension, sorted(table.items(), key=lambda item: _order(item[0])))


def _key(values: tuple, dimension: str, period: str) -> Any:
    return period_start(values, period) if dimension == "period" else values[0]


def _order(key: Any) -> tuple:
    # Unknown (no district) last; otherwise by value: the view sorts labels it knows.
    return (key is None, str(key) if key is not None else "")


def _with_every_period(table: dict, filters: ReportFilters,
                       empty: Callable[[], Any]) -> list[tuple[date, Any]]:
    """Every period from the first to the last, empty ones included, stretched to the filters'
    dates unless that would list more than MAX_FILLED_PERIODS periods."""
    known = sorted(table)
    first = _floor(filters.start, filters.period) if filters.start else None
    last = _floor(filters.end, filters.period) if filters.end else None
    if known:
        first, last = min(first or known[0], known[0]), max(last or known[-1], known[-1])
        if _span(first, last, filters.period) > MAX_FILLED_PERIODS:
            first, last = known[0], known[-1]
    if first is None or last is None or _span(first, last, filters.period) > MAX_FILLED_PERIODS:
        return [(day, table[day]) for day in known]
    return [(day, table.get(day) or empty()) for day in _periods_between(first, last,
                                                                         filters.period)]


def _span(first: date, last: date, period: str) -> int:
    months = (last.year - first.year) * 12 + last.month - first.month
    return months // {"month": 1, "quarter": 3, "year": 12}[period] + 1


def _floor(day: date, period: str) -> date:
    if period == "year":
        return date(day.year, 1, 1)
    if period == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def conversations(filters: ReportFilters, by: str) -> Tally:
    """Conversations per period and ``by`` ("response_mode" or "outcome"). One query.

    The language and programme filters do not apply to conversations.
    """
    column = getattr(Conversation, by)
    dims = _period_columns(Conversation.held_on, filters.period)
    query = conversation_select(filters, [*dims, column, func.count()]).group_by(*dims, column)
    table: dict[date, dict[str, int]] = defaultdict(dict)
    for *values, code, count in db.session.execute(query):
        table[period_start(tuple(values), filters.period)][code] = int(count)
    return Tally(_with_every_period(table, filters, dict),
                 sum(sum(counts.values()) for counts in table.values()))


def conversation_select(filters: ReportFilters, columns: list) -> Select:
    query = select(*columns).select_from(Conversation)
    if filters.start is not None:
        query = query.where(Conversation.held_on >= filters.start)
    if filters.end is not None:
        query = query.where(Conversation.held_on <= filters.end)
    if filters.district_id is not None:
        query = query.where(Conversation.district_id == filters.district_id)
    if filters.kind:
        query = query.join(Agent, Agent.id == Conversation.agent_id).where(
            Agent.kind == filters.kind)
    return query


# --- the whole report, kept a little while ---------------------------------------------
# Six grouped scans of the attendance take a second at 100,000 rows, and a report is read
# far more often than the training record changes. A report is kept per filters while the
# record's fingerprint is unchanged, for CACHE_SECONDS at most: any row added, any roll call
# recorded or corrected, any certificate revoked, any session or person changed gives a new
# fingerprint, and the next view computes the report afresh.

CACHE_SECONDS = 120
CACHE_SIZE = 64
_CACHE: TTLCache = TTLCache(maxsize=CACHE_SIZE, ttl=CACHE_SECONDS)
_CACHE_LOCK = threading.Lock()  # the server's threads share it


@dataclass
class Report:
    totals: Figures
    breakdowns: dict[str, Breakdown]
    tallies: dict[str, Tally]


def report(filters: ReportFilters) -> Report:
    """Totals, every breakdown and the conversation tallies (14 queries)."""
    return Report(totals(filters), {d: breakdown(filters, d) for d in DIMENSIONS},
                  {by: conversations(filters, by) for by in ("response_mode", "outcome")})


def fingerprint() -> tuple:
    """The database, the newest row of each table of the record and the latest change of
    each kind: one query, every part read from the end of an index."""
    parts = [select(func.max(model.id)).scalar_subquery()
             for model in (Attendance, TrainingSession, Certificate, Agent, Conversation)]
    parts += [select(func.max(column)).scalar_subquery() for column in (
        TrainingSession.updated_at, Attendance.recorded_at, Certificate.revoked_at,
        Agent.updated_at)]
    return (str(db.engine.url), *db.session.execute(select(*parts)).one())


def cached(name: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave for the same ``key`` and fingerprint a moment ago."""
    full_key = (name, key, fingerprint())
    with _CACHE_LOCK:
        hit = _CACHE.get(full_key)
    if hit is not None:
        return hit
    value = compute()
    with _CACHE_LOCK:
        _CACHE[full_key] = value
    return value
