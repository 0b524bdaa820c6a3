"""The city's clock and the iCalendar (RFC 5545) envelope every area's calendars share.

Times are stored in naive UTC; people type and read them in the city's time zone
(``BABEL_DEFAULT_TIMEZONE``). Calendar clients get the local times with a TZID and
the zone's VTIMEZONE, so an event stays at 18:00 on the wall clock across a change
to summer time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, Event

from .clock import utcnow


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def to_utc(day: date, at: time) -> datetime:
    """A wall-clock time in the city as stored (naive UTC)."""
    local = datetime.combine(day, at).replace(tzinfo=city_zone())
    return local.astimezone(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    """A stored (naive UTC) time on the city's wall clock, with its zone."""
    return moment.replace(tzinfo=UTC).astimezone(city_zone())


def city_today() -> date:
    """Today on the city's calendar (days start at the city's midnight, not UTC's)."""
    return to_local(utcnow()).date()


def calendar_host() -> str:
    """The host part of calendar UIDs: the application's public address."""
    return urlsplit(current_app.config.get("PUBLIC_URL") or "").hostname or "localhost"


def calendar_bytes(events: Iterable[Event], *, product_id: str, name: str = "") -> bytes:
    """A VCALENDAR of ``events`` with the VTIMEZONE each of their times refers to."""
    calendar = Calendar()
    calendar.add("prodid", product_id)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
