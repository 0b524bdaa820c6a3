"""What calendars show: the dates of activities in a month, a week or a list, for one
campaign or the whole city, and "my activities" for the people who take part.

Each page reads its dates in one query joining occurrence, activity, campaign and
district through the index on ``ActivityOccurrence.starts_at``. A month grid shows a
few entries per day: the database numbers each day's entries (a window function over
the local day) and sends only those, with the day's total, however busy the month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from babel import dates as babel_dates
from flask_babel import format_date, get_locale, gettext, ngettext
from sqlalchemy import Select, String, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ...core.calendar import city_zone, to_utc
from ...core.clock import utcnow
from ...core.models import District
from ...extensions import db
from ..models import Activity, ActivityOccurrence, Campaign
from ..vocab import ACTIVITY_KINDS, PUBLISHED
from . import recurrence
from .audience import takes_part


@dataclass(frozen=True)
class CalendarFilters:
    campaign_id: int | None = None
    district_id: int | None = None
    kind: str = ""
    # Those who manage campaigns see the activities of campaigns not yet published.
    drafts: bool = False


@dataclass
class Day:
    day: date
    entries: list[Any]  # rows of ENTRY_COLUMNS, in order
    total: int = 0
    in_range: bool = True  # False for the days of the next or last month in a month grid

    @property
    def more(self) -> int:
        return self.total - len(self.entries)


ENTRY_COLUMNS = (
    ActivityOccurrence.id.label("occurrence_id"), ActivityOccurrence.starts_at,
    ActivityOccurrence.ends_at, Activity.id.label("activity_id"), Activity.title,
    Activity.kind, Activity.place, Activity.cancelled_at, Activity.campaign_id,
    Campaign.title.label("campaign_title"), Campaign.status.label("campaign_status"),
    District.name.label("district_name"), District.code.label("district_code"))


def _entries(filters: CalendarFilters, *columns: Any) -> Select:
    return _filtered(_joined(select(*ENTRY_COLUMNS, *columns)), filters)


def _joined(query: Select, chosen: Any = None) -> Select:
    """``query`` over the dates (those ``chosen`` by a subquery of their ids, or all)
    joined to their activity, campaign and district."""
    if chosen is None:
        query = query.select_from(ActivityOccurrence)
    else:
        query = query.select_from(chosen).join(
            ActivityOccurrence, ActivityOccurrence.id == chosen.c.occurrence_id)
    return (query.join(Activity, Activity.id == ActivityOccurrence.activity_id)
            .join(Campaign, Campaign.id == Activity.campaign_id)
            .outerjoin(District, District.id == Activity.district_id))


class _Unindexed(FunctionElement):
    """A column's value, read so that SQLite's planner leaves its index aside (a unary
    "+"): without statistics it would walk every published campaign's activities rather
    than the few dates of the range through the index on starts_at. PostgreSQL plans
    from statistics and gets the column as it is."""

    inherit_cache = True
    type = String()


@compiles(_Unindexed)
def _as_is(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Unindexed, "sqlite")
def _unary_plus(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def _filtered(query: Select, filters: CalendarFilters, *, joined: bool = True) -> Select:
    """``query`` kept to the dates the filters allow. Not ``joined`` (a query over the
    dates alone), it joins only what a filter reads: the campaign for its status, the
    (wide) activity rows only for a kind or a district."""
    by_activity = filters.district_id is not None or filters.kind in ACTIVITY_KINDS
    if not joined and not filters.drafts:
        query = query.join(Campaign, Campaign.id == ActivityOccurrence.campaign_id)
    if not joined and by_activity:
        query = query.join(Activity, Activity.id == ActivityOccurrence.activity_id)
    if not filters.drafts:
        query = query.where(_Unindexed(Campaign.status).in_(PUBLISHED))
    if filters.campaign_id is not None:
        query = query.where(ActivityOccurrence.campaign_id == filters.campaign_id)
    if filters.district_id is not None:
        query = query.where(Activity.district_id == filters.district_id)
    if filters.kind in ACTIVITY_KINDS:
        query = query.where(Activity.kind == filters.kind)
    return query


# --- month and week ---------------------------------------------------------------

def days(first: date, count: int, filters: CalendarFilters, per_day: int) -> list[Day]:
    """``count`` days from ``first`` with at most ``per_day`` entries each and each day's
    total, in one query.

    The dates of the range are numbered within their local day on narrow rows (ids and
    times); only the few shown are then joined to what a calendar cell needs.
    """
    bounds = recurrence.day_bounds(first, count, city_zone())
    starts = ActivityOccurrence.starts_at
    inside = _filtered(select(ActivityOccurrence.id.label("occurrence_id"),
                              starts.label("starts_at"),
                              _day_of(starts, bounds, 0, count).label("day"))
                       .select_from(ActivityOccurrence), filters, joined=False)
    inside = inside.where(starts >= bounds[0], starts < bounds[-1]).subquery()
    # Both numbers over the same window: the database sorts the dates once.
    window = {"partition_by": inside.c.day,
              "order_by": (inside.c.starts_at, inside.c.occurrence_id)}
    numbered = select(
        inside.c.occurrence_id, inside.c.day,
        func.row_number().over(**window).label("rank"),
        func.count().over(**window, rows=(None, None)).label("day_total")).subquery()
    # The limit changes nothing but tells the planner how few dates come out: it then
    # fetches their details by key rather than reading the tables whole.
    chosen = (select(numbered).where(numbered.c.rank <= per_day)
              .limit(count * per_day).subquery())
    shown = (_joined(select(*ENTRY_COLUMNS, chosen.c.day, chosen.c.day_total), chosen)
             .order_by(chosen.c.day, ActivityOccurrence.starts_at, ActivityOccurrence.id))
    result = [Day(first + timedelta(days=n), []) for n in range(count)]
    for row in db.session.execute(shown):
        result[row.day].entries.append(row)
        result[row.day].total = row.day_total
    return result


def _day_of(starts: Any, bounds: list[datetime], low: int, high: int) -> Any:
    """Which of the days ``low`` to ``high - 1`` a start falls on, by halving the range:
    a handful of comparisons a date rather than one per day shown."""
    if high - low == 1:
        return literal(low)
    middle = (low + high) // 2
    return case((starts < bounds[middle], _day_of(starts, bounds, low, middle)),
                else_=_day_of(starts, bounds, middle, high))


def month_weeks(month: date, filters: CalendarFilters, per_day: int = 3) -> list[list[Day]]:
    """The weeks (Monday first) that cover the month of ``month``."""
    start = month.replace(day=1)
    last = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    first = start - timedelta(days=start.weekday())
    count = (last + timedelta(days=6 - last.weekday()) - first).days + 1
    shown = days(first, count, filters, per_day)
    for day in shown:
        day.in_range = day.day.month == start.month
    return [shown[n:n + 7] for n in range(0, count, 7)]


def week(day: date, filters: CalendarFilters, per_day: int = 12) -> list[Day]:
    """The seven days, Monday first, of the week of ``day``."""
    return days(day - timedelta(days=day.weekday()), 7, filters, per_day)


def list_query(filters: CalendarFilters, first: date, last: date | None = None) -> Select:
    """Every date from ``first`` (to ``last`` included), in order, for a paginated list:
    rows of (ActivityOccurrence, Activity, Campaign, District or None)."""
    starts = ActivityOccurrence.starts_at
    query = _filtered(_joined(select(ActivityOccurrence, Activity, Campaign, District)),
                      filters).where(starts >= to_utc(first, time()))
    if last is not None:
        query = query.where(starts < to_utc(last + timedelta(days=1), time()))
    return query.order_by(starts, ActivityOccurrence.id)


def campaign_choices(first: date, last: date, drafts: bool) -> list[tuple[int, dict]]:
    """The campaigns whose period meets the days shown, for the campaign filter."""
    query = (select(Campaign.id, Campaign.title)
             .where(Campaign.starts_on <= last, Campaign.ends_on >= first)
             .order_by(Campaign.starts_on, Campaign.id))
    if not drafts:
        query = query.where(Campaign.status.in_(PUBLISHED))
    return [(row.id, row.title) for row in db.session.execute(query)]


# --- my activities ----------------------------------------------------------------

def mine_query(user: Any, past: bool = False) -> Select:
    """The activities of published campaigns ``user`` takes part in, as rows of (Activity,
    Campaign, next_start, next_end, District or None): still to come first by their next
    date, or past ones latest first."""
    now = utcnow()
    # Dates of one activity never overlap: the first start and the first end still to
    # come belong to the same date.
    next_start, next_end = (
        select(func.min(column)).where(ActivityOccurrence.activity_id == Activity.id,
                                       ActivityOccurrence.ends_at >= now)
        .correlate(Activity).scalar_subquery()
        for column in (ActivityOccurrence.starts_at, ActivityOccurrence.ends_at))
    query = (select(Activity, Campaign, next_start.label("next_start"),
                    next_end.label("next_end"), District)
             .join(Campaign, Campaign.id == Activity.campaign_id)
             .outerjoin(District, District.id == Activity.district_id)
             .where(Campaign.status.in_(PUBLISHED), takes_part(user)))
    if past:
        return query.where(Activity.last_ends_at < now).order_by(
            Activity.last_ends_at.desc(), Activity.id.desc())
    return query.where(Activity.last_ends_at >= now).order_by(next_start, Activity.id)


def next_dates(user: Any, limit: int = 5) -> list[Any]:
    """The next dates of activities ``user`` takes part in, not cancelled (one query)."""
    now = utcnow()
    # Nothing lasts more than a day: the bound lets the index on starts_at do the work.
    query = (_entries(CalendarFilters())
             .where(ActivityOccurrence.starts_at >= now - timedelta(days=1),
                    ActivityOccurrence.ends_at >= now, Activity.cancelled_at.is_(None),
                    takes_part(user))
             .order_by(ActivityOccurrence.starts_at, ActivityOccurrence.id).limit(limit))
    return list(db.session.execute(query))


# --- one activity's dates ---------------------------------------------------------

def upcoming_dates(activity_id: int, limit: int = 10) -> list[ActivityOccurrence]:
    return list(db.session.scalars(
        select(ActivityOccurrence).where(ActivityOccurrence.activity_id == activity_id,
                                         ActivityOccurrence.ends_at >= utcnow())
        .order_by(ActivityOccurrence.starts_at).limit(limit)))


def date_counts(activity_id: int) -> tuple[int, int]:
    """How many dates the activity has, and how many are still to come."""
    row = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case(
            (ActivityOccurrence.ends_at >= utcnow(), 1), else_=0)), 0))
        .where(ActivityOccurrence.activity_id == activity_id)).one()
    return int(row[0]), int(row[1])


# --- in words -----------------------------------------------------------------------

@dataclass(frozen=True)
class Clock:
    """Stored (naive UTC) times in the reader's language on the city's clock.

    Formats through Babel with the locale and zone looked up once: a month grid formats
    a few hundred times, and Flask-Babel looks both up again on every call.
    """

    locale: Any
    zone: Any

    def time(self, moment: datetime) -> str:
        return babel_dates.format_time(moment, "short", tzinfo=self.zone, locale=self.locale)

    def range(self, starts_at: datetime, ends_at: datetime) -> str:
        """"18:00–20:00"."""
        return f"{self.time(starts_at)}–{self.time(ends_at)}"

    def day(self, day: date | datetime, style: str = "full") -> str:
        """A calendar day, or the local day of a stored time."""
        if isinstance(day, datetime):
            day = day.replace(tzinfo=UTC).astimezone(self.zone).date()
        return babel_dates.format_date(day, style, locale=self.locale)


def clock() -> Clock:
    return Clock(get_locale(), city_zone())


def time_range(starts_at: datetime, ends_at: datetime) -> str:
    """"18:00–20:00" on the city's clock."""
    return clock().range(starts_at, ends_at)


def when(starts_at: datetime, ends_at: datetime) -> str:
    """"Saturday 21 March 2026, 18:00–20:00" in the reader's language."""
    return f"{format_date(starts_at, 'full')}, {time_range(starts_at, ends_at)}"


def rule_in_words(rule: str, first_day: date) -> str:
    """"Every 2 weeks on Saturday, 6 times" in the reader's language; "" for a one-off."""
    if not rule:
        return ""
    try:
        choice = recurrence.parse_rule(rule, city_zone())
    except recurrence.RecurrenceError:
        return ""
    n = choice.interval
    if choice.frequency == "DAILY":
        how = ngettext("Every day", "Every %(num)s days", n)
    elif choice.frequency == "WEEKLY":
        names = babel_dates.get_day_names("wide", locale=get_locale())
        chosen = ", ".join(names[recurrence.WEEKDAYS.index(d)] for d in choice.weekdays)
        how = ngettext("Every week on %(days)s", "Every %(num)s weeks on %(days)s", n,
                       days=chosen)
    else:
        how = ngettext("Every month on day %(day)s", "Every %(num)s months on day %(day)s", n,
                       day=first_day.day)
    if choice.count is not None:
        end = ngettext("%(num)s time", "%(num)s times", choice.count)
    else:
        end = gettext("until %(date)s", date=format_date(choice.until, "long"))
    return gettext("%(rule)s, %(end)s", rule=how, end=end)

