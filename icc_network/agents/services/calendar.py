"""Training sessions as iCalendar (RFC 5545), on the city's clock (core.calendar)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from flask import current_app
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from icalendar import Event
from sqlalchemy import select

from ...core import calendar as city_calendar
from ...core.calendar import calendar_host, to_local, to_utc
from ...core.clock import utcnow
from ...core.translatable import localise
from ...extensions import db
from ..models import Module, SessionModule, TrainingSession
from ..vocab import LANGUAGES

PRODUCT_ID = "-//icc_network//training sessions//EN"


__all__ = ["calendar_bytes", "calendar_host", "event_uid", "location_of", "module_names",
           "session_event", "to_local", "to_utc", "when"]


def event_uid(session_id: int, host: str) -> str:
    """The same for the session's whole life: calendar clients update, never duplicate."""
    return f"training-session-{session_id}@{host}"


def session_event(session: TrainingSession, *, host: str, locale: str,
                  module_names: Iterable[dict[str, str]] = ()) -> Event:
    """One session as a VEVENT; ``session.programme`` and ``session.district`` loaded."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    programme = localise(session.programme.name, locale, default).text
    event = Event()
    event.add("uid", event_uid(session.id, host))
    event.add("dtstamp", (session.updated_at or utcnow()).replace(tzinfo=UTC))
    event.add("dtstart", to_local(session.starts_at))
    event.add("dtend", to_local(session.ends_at))
    event.add("sequence", session.sequence)
    with force_locale(locale):
        event.add("summary", _("Training: %(programme)s", programme=programme))
        event.add("location", location_of(session, locale))
        lines = [_("Language: %(language)s", language=str(LANGUAGES.get(session.language, "")))]
        modules = [localise(name, locale, default).text for name in module_names]
        if modules:
            lines.append(_("Modules: %(modules)s", modules=", ".join(modules)))
        if session.note:
            lines.append(session.note)
        event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if session.cancelled_at else "CONFIRMED")
    return event


def location_of(session: TrainingSession, locale: str) -> str:
    district = session.district
    name = localise(district.name, locale).text or district.code if district else ""
    return ", ".join(part for part in (session.place, name) if part)


def module_names(session_ids: Iterable[int]) -> dict[int, list[dict[str, str]]]:
    """The names of the modules each session covers, in programme order (one query)."""
    ids = sorted(set(session_ids))
    names: dict[int, list[dict[str, str]]] = {}
    if not ids:
        return names
    for session_id, name in db.session.execute(
            select(SessionModule.session_id, Module.name)
            .join(Module, Module.id == SessionModule.module_id)
            .where(SessionModule.session_id.in_(ids)).order_by(Module.position, Module.id)):
        names.setdefault(session_id, []).append(name)
    return names


def when(session: TrainingSession) -> str:
    """"Monday 2 March 2026, 09:00–13:00" in the current language, on the city's clock."""
    day = format_date(session.starts_at, "full")
    return f"{day}, {format_time(session.starts_at, 'short')}–{format_time(session.ends_at, 'short')}"


def calendar_bytes(sessions: Iterable[TrainingSession], *, host: str, locale: str,
                   module_names: dict[int, list[dict[str, str]]] | None = None,
                   name: str = "") -> bytes:
    """A VCALENDAR of ``sessions`` with the VTIMEZONE their times refer to."""
    events = (session_event(session, host=host, locale=locale,
                            module_names=(module_names or {}).get(session.id, ()))
              for session in sessions)
    return city_calendar.calendar_bytes(events, product_id=PRODUCT_ID, name=name)
