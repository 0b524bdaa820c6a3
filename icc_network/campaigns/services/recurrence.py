"""Recurrence rules of activities (RFC 5545 RRULE values) over python-dateutil.

Pure functions: no Flask, no database. A refusal is a ``RecurrenceError`` with a code;
the activities service turns it into a translated message on the right field.

A recurring activity repeats on the city's wall clock: a café at 18:00 stays at 18:00
when the clocks change, so its time in UTC moves by an hour. Dates are expanded as
naive local times, then each one is placed in the zone and converted to UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil import rrule as du

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order
MAX_INTERVAL = 52
_DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY}
_DU_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
_UNTIL_FORMAT = "%Y%m%dT%H%M%SZ"


class RecurrenceError(ValueError):
    """A rule that cannot be kept: ``code`` says why, ``details`` what the message needs.

    Codes: unknown_frequency, bad_interval, unknown_weekday, not_on_weekdays, no_end,
    two_ends, bad_count, until_before_start, too_many, unreadable.
    """

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class Recurrence:
    """The form's choices: how often, every how many, which weekdays, until when.

    ``frequency`` empty means the activity happens once.
    """

    frequency: str = ""
    interval: int = 1
    weekdays: tuple[str, ...] = field(default_factory=tuple)
    count: int | None = None
    until: date | None = None

    @property
    def recurring(self) -> bool:
        return bool(self.frequency)


def build_rule(choice: Recurrence, *, first_day: date, zone: tzinfo, limit: int) -> str:
    """The RRULE value for ``choice``, starting on ``first_day``; "" for a one-off.

    Refuses a rule without an end (or with two), a count above ``limit``, an end date
    before the first day, and weekly weekdays that leave out the first day (calendar
    clients would disagree on whether that first day takes place). UNTIL is the end of
    the last day on the city's clock, written in UTC as RFC 5545 requires when DTSTART
    carries a time zone.
    """
    if not choice.frequency:
        return ""
    if choice.frequency not in FREQUENCIES:
        raise RecurrenceError("unknown_frequency")
    if not 1 <= choice.interval <= MAX_INTERVAL:
        raise RecurrenceError("bad_interval", maximum=MAX_INTERVAL)
    parts = [f"FREQ={choice.frequency}"]
    if choice.interval != 1:
        parts.append(f"INTERVAL={choice.interval}")
    if choice.frequency == "WEEKLY":
        parts.append("BYDAY=" + ",".join(_weekdays(choice.weekdays, first_day)))
    parts.append(_end(choice, first_day, zone, limit))
    return ";".join(parts)


def _weekdays(chosen: Iterable[str], first_day: date) -> list[str]:
    days = set(chosen) or {WEEKDAYS[first_day.weekday()]}
    unknown = days - set(WEEKDAYS)
    if unknown:
        raise RecurrenceError("unknown_weekday")
    if WEEKDAYS[first_day.weekday()] not in days:
        raise RecurrenceError("not_on_weekdays", day=first_day)
    return [day for day in WEEKDAYS if day in days]


def _end(choice: Recurrence, first_day: date, zone: tzinfo, limit: int) -> str:
    if choice.count is None and choice.until is None:
        raise RecurrenceError("no_end")
    if choice.count is not None and choice.until is not None:
        raise RecurrenceError("two_ends")
    if choice.count is not None:
        if not 1 <= choice.count <= limit:
            raise RecurrenceError("bad_count", maximum=limit)
        return f"COUNT={choice.count}"
    assert choice.until is not None
    if choice.until < first_day:
        raise RecurrenceError("until_before_start", day=first_day)
    last_moment = datetime.combine(choice.until, time(23, 59, 59)).replace(tzinfo=zone)
    return "UNTIL=" + last_moment.astimezone(UTC).strftime(_UNTIL_FORMAT)


def parse_rule(rule: str, zone: tzinfo) -> Recurrence:
    """The choices behind an RRULE value built by ``build_rule`` (for the edit form)."""
    if not rule:
        return Recurrence()
    try:
        parts = dict(part.split("=", 1) for part in rule.split(";"))
        frequency = parts.pop("FREQ")
        interval = int(parts.pop("INTERVAL", "1"))
        weekdays = tuple(d for d in parts.pop("BYDAY", "").split(",") if d)
        count = int(parts.pop("COUNT")) if "COUNT" in parts else None
        until = _local_day(parts.pop("UNTIL"), zone) if "UNTIL" in parts else None
    except (KeyError, ValueError) as error:
        raise RecurrenceError("unreadable") from error
    if parts or frequency not in FREQUENCIES or set(weekdays) - set(WEEKDAYS):
        raise RecurrenceError("unreadable")
    return Recurrence(frequency, interval, weekdays, count, until)


def _local_day(value: str, zone: tzinfo) -> date:
    moment = datetime.strptime(value, _UNTIL_FORMAT).replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def local_starts(start: datetime, rule: str, zone: tzinfo, *, limit: int) -> list[datetime]:
    """Every start of the rule as a naive time on the city's clock, the first one included.

    ``start`` is the first start, naive and local. A one-off gives ``[start]``. More
    than ``limit`` starts are refused (``too_many``): a rule never expands unbounded.
    """
    if not rule:
        return [start]
    choice = parse_rule(rule, zone)
    until = None
    if choice.until is not None:
        until = datetime.combine(choice.until, time(23, 59, 59))
    dates = du.rrule(
        _DU_FREQ[choice.frequency], dtstart=start, interval=choice.interval,
        count=choice.count, until=until,
        byweekday=[_DU_DAYS[WEEKDAYS.index(d)] for d in choice.weekdays] or None)
    starts = []
    for moment in dates:
        if len(starts) == limit:
            raise RecurrenceError("too_many", maximum=limit)
        starts.append(moment)
    return starts


def expand(start: datetime, end: datetime, rule: str, exdates: Iterable[date], zone: tzinfo,
           *, limit: int) -> list[tuple[datetime, datetime]]:
    """The occurrences as (start, end) in naive UTC, the excepted dates left out.

    ``start`` and ``end`` are the first occurrence's naive local times; every later one
    lasts as long on the wall clock. A local time that does not exist (the hour skipped
    in spring) is read with the offset in force before the change, as ``zoneinfo`` does.
    """
    length = end - start
    skipped = set(exdates)
    return [(_utc(moment, zone), _utc(moment + length, zone))
            for moment in local_starts(start, rule, zone, limit=limit)
            if moment.date() not in skipped]


def unmatched_exdates(start: datetime, rule: str, exdates: Iterable[date], zone: tzinfo, *,
                      limit: int) -> list[date]:
    """The excepted dates on which the rule has no occurrence, in order."""
    days = {moment.date() for moment in local_starts(start, rule, zone, limit=limit)}
    return sorted(set(exdates) - days)


def _utc(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def day_bounds(first: date, days: int, zone: tzinfo) -> list[datetime]:
    """The naive UTC instants at which ``days`` local days from ``first`` begin, and the
    instant the last one ends (``days + 1`` values): day 23 or 25 hours long included."""
    return [_utc(datetime.combine(first + timedelta(days=n), time()), zone)
            for n in range(days + 1)]
