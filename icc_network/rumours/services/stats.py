"""Sighting figures: the aggregates' rebuild and trends, and what the dashboard and a
rumour's page read.

The dashboard never scans the sightings: a job keeps weekly totals per rumour, per
theme and district and per rumour and district (services/aggregates.py), and each
rumour's recent trend.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, case, func, literal, select, true

from ...core.clock import today
from ...extensions import db
from ..models import (
    Rumour,
    RumourTrend,
    Sighting,
    SightingWeek,
    SightingWeekArea,
    SightingWeekDistrict,
)
from . import aggregates
from .aggregates import week_of
from .attention import overdue_query

PERIODS = (13, 26, 52)  # weeks offered on the dashboard
TOP_RUMOURS = 8
RISING_MIN = 3  # sightings in the last 4 weeks before a rumour can be called rising
TREND_VALUES = ("computed_on", "last_4", "previous_12", "last_13", "last_26", "last_52")


def rebuild_aggregates(on: date | None = None) -> dict[str, int]:
    """Bring every aggregate in line with the sightings, every week of them (idempotent, in
    the caller's transaction). The scheduled job takes in only the weeks that changed."""
    last = aggregates.last_change_id()
    aggregates.take_in_everything()
    aggregates.forget_changes([i for ids in aggregates.pending_changes(last).values() for i in ids])
    refresh_trends(on)
    return counted()


def counted() -> dict[str, int]:
    weeks = db.session.scalar(select(func.count()).select_from(SightingWeek)) or 0
    areas = db.session.scalar(select(func.count()).select_from(SightingWeekArea)) or 0
    return {"rumour_weeks": weeks, "area_weeks": areas}


def refresh_trends(on: date | None = None, rumour_ids: list[int] | None = None) -> None:
    """Each rumour's recent windows, read from its weekly totals (all rumours, or a few)."""
    on = on or today()
    query, where = _trend_select(week_of(on), on), true()
    if rumour_ids is not None:
        query = query.where(SightingWeek.rumour_id.in_(rumour_ids))
        where = RumourTrend.rumour_id.in_(rumour_ids)
    computed = {(row[0],): tuple(row[1:]) for row in db.session.execute(query)}
    aggregates.sync(RumourTrend, computed, where, keys=("rumour_id",), values=TREND_VALUES)


def refresh_rumour_figures(rumour_ids: list[int], on: date | None = None) -> None:
    """Recompute the weekly totals and trends of a few rumours at once (after a merge or a
    correction); the totals by theme and district follow at the job's next run (the weeks
    were listed as changed)."""
    aggregates.refresh_rumours(rumour_ids)
    refresh_trends(on, rumour_ids)


def _trend_select(current: date, on: date):
    def window(first: int, last: int = 0):
        start, end = current - timedelta(weeks=first - 1), current - timedelta(weeks=last)
        inside = (SightingWeek.week_start >= start) & (SightingWeek.week_start <= end)
        return func.sum(case((inside, SightingWeek.sightings), else_=0))

    return (select(SightingWeek.rumour_id, literal(on, Date), window(4), window(16, 4),
                   window(13), window(26), window(52))
            .where(SightingWeek.week_start >= current - timedelta(weeks=51))
            .group_by(SightingWeek.rumour_id))


def aggregated_on() -> date | None:
    """The day of the last rebuild of the weekly totals (None: never, or nothing to total)."""
    return db.session.scalar(select(func.max(RumourTrend.computed_on)))


def sightings_per_district(since: date | None = None) -> dict[int, int]:
    """District id -> sightings heard since ``since`` (all time when None).

    The weeks the last rebuild saw whole come from the weekly totals per district;
    only the days around them are counted in the sightings, through their index on
    the day: the start of a window that begins mid-week, and the days from the
    rebuild's week on. The figures are those of a count of every sighting, except
    that a sighting recorded since the last rebuild with a date in an earlier week
    counts from the next one (at most the job's period later).
    """
    latest = db.session.scalar(select(func.max(Sighting.seen_on)))
    if latest is None:
        return {}
    # Ranges bounded on both sides are read from the index on the day, never from the one
    # on the district (which SQLite would otherwise scan whole).
    end = latest + timedelta(days=1)
    rebuilt = aggregated_on()
    if rebuilt is None:
        return _counted(since, end)
    upto = week_of(rebuilt)  # the rebuild's week was not over: counted in the sightings
    first_whole = None
    if since is not None:
        first_whole = since if since == week_of(since) else week_of(since) + timedelta(weeks=1)
        if first_whole >= upto:
            return _counted(since, end)
    query = (select(SightingWeekArea.district_id, func.sum(SightingWeekArea.sightings))
             .where(SightingWeekArea.district_id.is_not(None), SightingWeekArea.week_start < upto)
             .group_by(SightingWeekArea.district_id))
    if first_whole is not None:
        query = query.where(SightingWeekArea.week_start >= first_whole)
    totals: dict[int, int] = defaultdict(int)
    for district_id, count in db.session.execute(query):
        totals[district_id] += int(count)
    days = [(upto, end)] + ([(since, first_whole)] if first_whole and since < first_whole else [])
    for first, last in days:
        for district_id, count in _counted(first, last).items():
            totals[district_id] += count
    return dict(totals)


def _counted(start: date | None, end: date) -> dict[int, int]:
    """Sightings per district heard from ``start`` (inclusive; None: ever) to ``end``
    (exclusive)."""
    query = (select(Sighting.district_id, func.count())
             .where(Sighting.district_id.is_not(None), Sighting.seen_on < end)
             .group_by(Sighting.district_id))
    if start is not None:
        query = query.where(Sighting.seen_on >= start)
    return {district_id: int(count) for district_id, count in db.session.execute(query)}


@dataclass
class Dashboard:
    weeks: list[date]
    themes: dict[int | None, dict[str, str]]
    districts: dict[int | None, dict[str, str]]
    theme_weeks: dict[date, dict[int | None, int]]
    top: list[tuple[Rumour, int]]
    rumour_weeks: dict[int, dict[date, int]]
    district_themes: dict[int | None, dict[int | None, int]]
    rising: list[tuple[Rumour, RumourTrend]]
    overdue: list[Rumour]
    computed_on: date | None  # when the aggregates were last rebuilt

    @property
    def partial_week(self) -> date:
        """The current week, not over yet: listed, never drawn as a fall."""
        return self.weeks[-1]

    @property
    def theme_max(self) -> int:
        """The largest weekly figure of a theme over the complete weeks: one scale for all."""
        return max((n for week in self.weeks[:-1] for n in self.theme_weeks.get(week, {}).values()),
                   default=0)

    @property
    def rumour_max(self) -> int:
        return max((n for series in self.rumour_weeks.values()
                    for week, n in series.items() if week != self.partial_week), default=0)

    @property
    def district_totals(self) -> dict[int | None, int]:
        return {d: sum(row.values()) for d, row in self.district_themes.items()}


def dashboard(period: int, on: date | None = None) -> Dashboard:
    from ...core.models import District
    from ..models import Theme

    current = week_of(on or today())
    weeks = [current - timedelta(weeks=n) for n in range(period - 1, -1, -1)]
    themes = dict(db.session.execute(select(Theme.id, Theme.name).order_by(Theme.position)).all())
    districts = dict(db.session.execute(select(District.id, District.name)
                                        .order_by(District.position)).all())
    theme_weeks = _pivot(SightingWeekArea.week_start, weeks[0])
    district_themes = _pivot(SightingWeekArea.district_id, weeks[0])
    top, rumour_weeks = _top_rumours(period, weeks[0])
    return Dashboard(weeks=weeks, themes=themes, districts=districts, theme_weeks=theme_weeks,
                     top=top, rumour_weeks=rumour_weeks, district_themes=district_themes,
                     rising=_rising(), overdue=_overdue(on or today()),
                     computed_on=db.session.scalar(select(RumourTrend.computed_on).limit(1)))


def _pivot(rows_by, since: date) -> dict:
    """Sightings since ``since`` summed by ``rows_by`` and theme: {row: {theme: total}}."""
    table: dict = defaultdict(dict)
    for key, theme_id, total in db.session.execute(
            select(rows_by, SightingWeekArea.theme_id, func.sum(SightingWeekArea.sightings))
            .where(SightingWeekArea.week_start >= since)
            .group_by(rows_by, SightingWeekArea.theme_id)):
        table[key][theme_id] = int(total)
    return table


def _top_rumours(period: int, since: date):
    column = {13: RumourTrend.last_13, 26: RumourTrend.last_26, 52: RumourTrend.last_52}[period]
    top = db.session.execute(
        select(Rumour, column).join(RumourTrend, RumourTrend.rumour_id == Rumour.id)
        .where(column > 0).order_by(column.desc(), Rumour.id).limit(TOP_RUMOURS)).all()
    ids = [rumour.id for rumour, _total in top]
    series: dict[int, dict[date, int]] = defaultdict(dict)
    if ids:
        for rumour_id, week, total in db.session.execute(
                select(SightingWeek.rumour_id, SightingWeek.week_start, SightingWeek.sightings)
                .where(SightingWeek.rumour_id.in_(ids), SightingWeek.week_start >= since)):
            series[rumour_id][week] = total
    return [(rumour, int(total)) for rumour, total in top], series


def _rising_condition():
    """Heard this month more than the monthly average of the three months before."""
    monthly_before = RumourTrend.previous_12 / 3.0
    return (RumourTrend.last_4 >= RISING_MIN) & (RumourTrend.last_4 > monthly_before * 1.5)


def _rising() -> list[tuple[Rumour, RumourTrend]]:
    monthly_before = RumourTrend.previous_12 / 3.0
    return list(db.session.execute(
        select(Rumour, RumourTrend).join(RumourTrend, RumourTrend.rumour_id == Rumour.id)
        .where(_rising_condition())
        .order_by((RumourTrend.last_4 - monthly_before).desc(), Rumour.id).limit(10)).all())


# Rumours not yet triaged may carry a reporter's words (hateful ones too): not named.
NOT_NAMED = ("reported", "archived")


def rising_per_district(on: date | None = None) -> dict[int, list[tuple[int, dict]]]:
    """District id -> the rising rumours heard there in the last four weeks, as (id, wording),
    most heard first. Reads the trends the aggregates job stored, and the recent sightings."""
    since = week_of(on or today()) - timedelta(weeks=3)  # the four weeks of ``last_4``
    # The rising rumours are few: their recent sightings are read through (rumour, seen_on).
    wordings = dict(db.session.execute(
        select(Rumour.id, Rumour.wording).join(RumourTrend, RumourTrend.rumour_id == Rumour.id)
        .where(_rising_condition(), Rumour.status.not_in(NOT_NAMED))).all())
    if not wordings:
        return {}
    heard = func.count(Sighting.id)
    rows = db.session.execute(
        select(Sighting.district_id, Sighting.rumour_id)
        .where(Sighting.rumour_id.in_(sorted(wordings)), Sighting.seen_on >= since,
               Sighting.district_id.is_not(None))
        .group_by(Sighting.district_id, Sighting.rumour_id)
        .order_by(Sighting.district_id, heard.desc(), Sighting.rumour_id)).all()
    found: dict[int, list[tuple[int, dict]]] = defaultdict(list)
    for district_id, rumour_id in rows:
        found[district_id].append((rumour_id, wordings[rumour_id]))
    return dict(found)


def _overdue(on: date) -> list[Rumour]:
    return list(db.session.scalars(overdue_query(on).limit(20)))


def trends_of(rumour_ids: list[int]) -> dict[int, str]:
    """Each rumour's direction over the last four weeks against the twelve before them, read
    from the stored trends: "rising", "falling" or "steady" (a rumour without one is absent)."""
    if not rumour_ids:
        return {}
    found = {}
    for trend in db.session.scalars(select(RumourTrend).where(RumourTrend.rumour_id.in_(rumour_ids))):
        before = trend.previous_12 / 3.0  # the monthly average of the three months before
        if trend.last_4 >= RISING_MIN and trend.last_4 > before * 1.5:
            found[trend.rumour_id] = "rising"
        elif before >= RISING_MIN and trend.last_4 < before / 1.5:
            found[trend.rumour_id] = "falling"
        else:
            found[trend.rumour_id] = "steady"
    return found


@dataclass
class RumourFigures:
    months: list[tuple[date, int]]  # sightings per month, the last twelve (oldest first)
    districts: list[tuple[dict[str, str] | None, int]]  # per district (None: online), most first


def rumour_figures(rumour_id: int, months: int = 12, on: date | None = None) -> RumourFigures:
    """A rumour's sightings per month and per district, all of them counted: read from the
    weekly totals, and from the sightings themselves for the weeks not yet taken in (a
    much-heard rumour's page never reads its hundreds of thousands of sightings)."""
    from ...core.models import District

    firsts = _month_firsts(on or today(), months)
    pending = sorted(aggregates.pending_weeks())
    by_month: Counter[date] = Counter()
    by_district: Counter[int | None] = Counter()
    for month, district_id, count in db.session.execute(
            select(SightingWeekDistrict.month_start, SightingWeekDistrict.district_id,
                   func.sum(SightingWeekDistrict.sightings))
            .where(SightingWeekDistrict.rumour_id == rumour_id,
                   SightingWeekDistrict.week_start.not_in(pending))
            .group_by(SightingWeekDistrict.month_start, SightingWeekDistrict.district_id)):
        by_month[month] += int(count)
        by_district[district_id] += int(count)
    if pending:
        for day, district_id, count in db.session.execute(
                select(Sighting.seen_on, Sighting.district_id, func.count())
                .where(Sighting.rumour_id == rumour_id,
                       aggregates.within(Sighting.seen_on, aggregates.week_spans(pending)))
                .group_by(Sighting.seen_on, Sighting.district_id)):
            by_month[day.replace(day=1)] += int(count)
            by_district[district_id] += int(count)
    names = dict(db.session.execute(select(District.id, District.name)).all()) \
        if by_district else {}
    ranked = sorted((row for row in by_district.items() if row[1]),
                    key=lambda row: (-row[1], row[0] or 0))
    return RumourFigures(months=[(first, by_month[first]) for first in firsts],
                         districts=[(names.get(district_id), count)
                                    for district_id, count in ranked])


def _month_firsts(on: date, months: int) -> list[date]:
    """The first days of the last ``months`` months up to ``on``'s, oldest first."""
    firsts = []
    year, month = on.year, on.month
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]
