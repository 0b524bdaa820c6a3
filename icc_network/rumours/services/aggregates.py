"""The weekly sighting totals, kept in place week by week.

Whoever changes sightings lists the weeks they touched (``weeks_changed``); the job
takes in only those weeks (``take_in``), a few at a time, each batch in a short
transaction. Rows are updated in place: a row is written only when its figures
differ, and only rows whose week no longer has any sighting are deleted. Until the job
has taken a week in, pages that must be exact count that week from the sightings
(``pending_weeks``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)

from ...core.sql import upsert
from ...extensions import db
from ..models import (
    Rumour,
    Sighting,
    SightingChange,
    SightingWeek,
    SightingWeekArea,
    SightingWeekDistrict,
)

# Weeks taken in per transaction: a writer waits for one batch at most (SQLite).
WEEK_BATCH = 2
_CHUNK = 500  # ids per DELETE


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_changed(weeks: Iterable[date]) -> None:
    """Note that the sightings of ``weeks`` changed (in the caller's transaction)."""
    rows = [{"week_start": week} for week in sorted(set(weeks))]
    if rows:
        db.session.execute(insert(SightingChange), rows)


def weeks_heard(rumour_id: int) -> set[date]:
    """The weeks a rumour was heard in, as the totals know them, and the weeks not yet
    taken in (one of them may hold its newest sightings)."""
    known = db.session.scalars(select(SightingWeek.week_start)
                               .where(SightingWeek.rumour_id == rumour_id))
    return set(known) | pending_weeks()


def pending_weeks() -> set[date]:
    """The weeks whose sightings changed since the job last took them in."""
    return set(db.session.scalars(select(SightingChange.week_start).distinct()))


def pending_changes(limit_id: int | None = None) -> dict[date, list[int]]:
    """Each pending week with the ids of the entries that listed it (up to ``limit_id``)."""
    query = select(SightingChange.id, SightingChange.week_start)
    if limit_id is not None:
        query = query.where(SightingChange.id <= limit_id)
    found: dict[date, list[int]] = defaultdict(list)
    for ident, week in db.session.execute(query.order_by(SightingChange.id)):
        found[week].append(ident)
    return dict(found)


def last_change_id() -> int:
    return db.session.scalar(select(func.max(SightingChange.id))) or 0


def forget_changes(ids: list[int]) -> None:
    for start in range(0, len(ids), _CHUNK):
        db.session.execute(delete(SightingChange).where(
            SightingChange.id.in_(ids[start:start + _CHUNK])))


def take_in(weeks: Iterable[date]) -> dict[str, int]:
    """Bring every total of ``weeks`` in line with their sightings; rows written, deleted."""
    spans = week_spans(weeks)
    if not spans:
        return {"written": 0, "deleted": 0}
    return _take_in(within(Sighting.seen_on, spans), lambda model: within(model.week_start, spans),
                    spans[0][0], spans[-1][1])


def take_in_everything() -> dict[str, int]:
    """Every total of every week (a full rebuild): the sightings read once, in table order,
    rather than through the date index."""
    first, last = db.session.execute(select(func.min(Sighting.seen_on),
                                            func.max(Sighting.seen_on))).one()
    return _take_in(true(), lambda _model: true(), first, last)


def _take_in(seen, kept, first: date | None, last: date | None) -> dict[str, int]:
    written = deleted = 0
    for model, computed in ((SightingWeek, _rumour_weeks(seen)),
                            (SightingWeekArea, _area_weeks(seen)),
                            (SightingWeekDistrict, _district_weeks(seen, first, last))):
        changed, gone = sync(model, computed, kept(model))
        written, deleted = written + changed, deleted + gone
    return {"written": written, "deleted": deleted}


def refresh_rumours(rumour_ids: list[int]) -> None:
    """The weekly totals of a few rumours at once (after a merge or a correction), so that
    the dashboard's series follow at once; the other totals follow at the job's next run."""
    computed = _rumour_weeks(Sighting.rumour_id.in_(rumour_ids))
    sync(SightingWeek, computed, SightingWeek.rumour_id.in_(rumour_ids))


def week_spans(weeks: Iterable[date]) -> list[tuple[date, date]]:
    """Runs of consecutive weeks as (first Monday, last Sunday)."""
    spans: list[tuple[date, date]] = []
    for week in sorted(set(weeks)):
        if spans and spans[-1][1] + timedelta(days=1) == week:
            spans[-1] = (spans[-1][0], week + timedelta(days=6))
        else:
            spans.append((week, week + timedelta(days=6)))
    return spans


def within(column, spans: list[tuple[date, date]]):
    """``column`` within one of the spans: ranges of the column's index on both engines."""
    return or_(*(and_(column >= first, column <= last) for first, last in spans))


# --- what the totals should hold ---------------------------------------------------

Key = tuple[Any, ...]
KEYS: dict[Any, tuple[str, ...]] = {
    SightingWeek: ("rumour_id", "week_start"),
    SightingWeekArea: ("week_start", "theme_id", "district_id"),
    SightingWeekDistrict: ("rumour_id", "week_start", "month_start", "district_id"),
}
VALUES = ("sightings", "people")


def _rumour_weeks(where) -> dict[Key, tuple[int, int]]:
    rows = db.session.execute(
        select(Sighting.rumour_id, Sighting.week_start, func.count(),
               func.sum(Sighting.people_count))
        .where(where).group_by(Sighting.rumour_id, Sighting.week_start))
    return {(rumour_id, week): (int(n), int(people)) for rumour_id, week, n, people in rows}


def _area_weeks(where) -> dict[Key, tuple[int, int]]:
    rows = db.session.execute(
        select(Sighting.week_start, Rumour.theme_id, Sighting.district_id, func.count(),
               func.sum(Sighting.people_count))
        .join(Rumour, Rumour.id == Sighting.rumour_id).where(where)
        .group_by(Sighting.week_start, Rumour.theme_id, Sighting.district_id))
    return {(week, theme, district): (int(n), int(people))
            for week, theme, district, n, people in rows}


def _district_weeks(where, first: date | None, last: date | None) -> dict[Key, tuple[int, int]]:
    """Grouped by week and by the month its days fall in (the first of each month between
    ``first`` and ``last`` named in one CASE, the same on both engines)."""
    if first is None or last is None:
        return {}
    months = [first.replace(day=1)]
    while months[-1] < last.replace(day=1):
        months.append((months[-1] + timedelta(days=32)).replace(day=1))
    month = case(*((Sighting.seen_on >= m, m) for m in reversed(months[1:])),
                 else_=months[0]) if len(months) > 1 else literal(months[0])
    month = type_coerce(month, Date)
    rows = db.session.execute(
        select(Sighting.rumour_id, Sighting.week_start, month, Sighting.district_id,
               func.count(), func.sum(Sighting.people_count))
        .where(where)
        .group_by(Sighting.rumour_id, Sighting.week_start, month, Sighting.district_id))
    return {(rumour_id, week, _day(month_start), district_id): (int(n), int(people))
            for rumour_id, week, month_start, district_id, n, people in rows}


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# --- writing them in place ------------------------------------------------------------

def conflict_target(model) -> list[Any]:
    """The columns (or expressions) of the model's unique key, as its unique index has them."""
    return [literal_column(f"coalesce({name}, 0)") if model.__table__.c[name].nullable
            else model.__table__.c[name] for name in KEYS[model]]


def sync(model, computed: dict[Key, tuple], where, keys: tuple[str, ...] | None = None,
         values: tuple[str, ...] = VALUES) -> tuple[int, int]:
    """Make the rows of ``model`` matching ``where`` hold ``computed`` ({key: values}):
    insert or update (in place) the rows that differ, delete those no longer computed.
    How many rows were written and deleted."""
    keys = keys or KEYS[model]
    table = model.__table__
    ident = next(iter(table.primary_key.columns))
    existing: dict[Key, tuple[Any, tuple]] = {}
    for row in db.session.execute(select(ident, *(table.c[k] for k in keys),
                                         *(table.c[v] for v in values)).where(where)):
        existing[tuple(row[1:1 + len(keys)])] = (row[0], tuple(row[1 + len(keys):]))
    changed = [{**dict(zip(keys, key, strict=True)), **dict(zip(values, figures, strict=True))}
               for key, figures in computed.items()
               if key not in existing or existing[key][1] != tuple(figures)]
    conflict = [table.c[k] for k in keys] if model not in KEYS else conflict_target(model)
    upsert(model, changed, conflict, list(values))
    gone = [ident_value for key, (ident_value, _figures) in existing.items()
            if key not in computed]
    for start in range(0, len(gone), _CHUNK):
        db.session.execute(delete(model).where(ident.in_(gone[start:start + _CHUNK])))
    return len(changed), len(gone)
