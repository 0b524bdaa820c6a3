"""Single figures of the rumours area, published as indicator sources (registrations.py) for
the areas that may not import rumours, such as the evaluation.

Each takes keyword parameters: ``start`` and ``end`` (the city's days, inclusive; None: no
bound) and, where it says so, ``district_id`` (None: the whole city). Shares are
percentages (0–100) and None when there is nothing to divide by; medians are None when
there is nothing to take the median of.

- Arguments validated: counter-arguments whose validation falls in the period and that are
  still validated or have since expired. An argument taken back to draft loses its
  validation date, so it no longer counts anywhere.
- Statistics current: of the statistic arguments validated by the end of the period (and
  still validated or since expired), the share whose "valid until" date is not past on
  that day.
- Sightings recorded: the people counted in sightings heard in the period (a sighting of
  three people counts three), in the district where they were heard.
- Sightings of given rumours in given districts: the same, limited to those rumours and
  districts (every district when none is given).
- Sightings (both) also take ``periods``, a list of (first day, last day) pairs, and then
  return one figure per period from one grouped query (core/periods.py).
- Days to triage: for the rumours whose first move out of "reported" happened in the
  period, the median of the days from the rumour's creation to that move.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select

from ...core import periods as by_period
from ...core.calendar import city_today, to_utc
from ...extensions import db
from ..models import CounterArgument, Rumour, RumourStatusChange, Sighting

VALIDATED_ONCE = ("validated", "expired")


def _instants(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """The city's first instant of ``start`` and the first instant after ``end``, in UTC."""
    return (to_utc(start, time.min) if start is not None else None,
            to_utc(end + timedelta(days=1), time.min) if end is not None else None)


def _between(query: Select, column, start: date | None, end: date | None) -> Select:
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column <= end)
    return query


def _between_instants(query: Select, column, start: date | None, end: date | None) -> Select:
    first, after = _instants(start, end)
    if first is not None:
        query = query.where(column >= first)
    if after is not None:
        query = query.where(column < after)
    return query


def arguments_validated(*, start: date | None = None, end: date | None = None) -> int:
    """Counter-arguments validated in the period (still validated, or expired since)."""
    query = select(func.count()).select_from(CounterArgument).where(
        CounterArgument.status.in_(VALIDATED_ONCE))
    return int(db.session.scalar(_between_instants(query, CounterArgument.validated_at,
                                                   start, end)) or 0)


def statistics_current(*, start: date | None = None, end: date | None = None) -> float | None:
    """Share (%) of the statistics validated by ``end`` (the city's today when None) whose date is not
    past on that day; ``start`` is not used."""
    day = end or city_today()
    current = or_(CounterArgument.valid_until.is_(None), CounterArgument.valid_until >= day)
    query = select(func.count(), func.count().filter(current)).select_from(CounterArgument).where(
        CounterArgument.kind == "statistic", CounterArgument.status.in_(VALIDATED_ONCE))
    total, fresh = db.session.execute(_between_instants(query, CounterArgument.validated_at,
                                                        None, day)).one()
    return 100 * fresh / total if total else None


def sightings_recorded(*, start: date | None = None, end: date | None = None,
                       district_id: int | None = None,
                       periods: list[by_period.Period] | None = None) -> int | list[float]:
    """People counted in the sightings heard in the period, in the district heard."""
    return sightings_of(start=start, end=end, periods=periods,
                        district_ids=None if district_id is None else [district_id])


def sightings_of(*, rumour_ids: Iterable[int] | None = None,
                 district_ids: Iterable[int] | None = None, start: date | None = None,
                 end: date | None = None,
                 periods: list[by_period.Period] | None = None) -> int | list[float]:
    """People counted in sightings of ``rumour_ids`` (every rumour when None) heard in
    ``district_ids`` (every district, and none, when None or empty) in the period; one
    figure per period of ``periods`` when given."""
    total = func.coalesce(func.sum(Sighting.people_count), 0)
    # Over many periods the day is wrapped so that SQLite scans the table and sorts once,
    # rather than following the day index to every row (ten times slower at 500,000 rows).
    day = func.coalesce(Sighting.seen_on, Sighting.seen_on)
    query = select(day, total).group_by(day) if periods else select(total)
    if rumour_ids is not None:
        query = query.where(Sighting.rumour_id.in_(list(rumour_ids)))
    districts = list(district_ids or [])
    if districts:
        query = query.where(Sighting.district_id.in_(districts))
    if periods:
        query = _between(query, day, *by_period.span(periods))
        return by_period.sums(((_day(seen), people) for seen, people
                               in db.session.execute(query)), periods)
    if periods is not None:
        return []
    return int(db.session.scalar(_between(query, Sighting.seen_on, start, end)) or 0)


def _day(value) -> date:
    """A day read back from an expression (SQLite gives its text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def days_to_triage(*, start: date | None = None, end: date | None = None) -> float | None:
    """Median days from a rumour's creation to its first move out of "reported", over the
    rumours that made that move in the period; None when none did."""
    moved = (select(RumourStatusChange.rumour_id, func.min(RumourStatusChange.at).label("at"))
             .where(RumourStatusChange.from_status == "reported")
             .group_by(RumourStatusChange.rumour_id).subquery())
    query = select(Rumour.created_at, moved.c.at).join(moved, moved.c.rumour_id == Rumour.id)
    days = [max((at - created).total_seconds(), 0) / 86400
            for created, at in db.session.execute(_between_instants(query, moved.c.at,
                                                                     start, end))]
    return round(statistics.median(days), 1) if days else None
