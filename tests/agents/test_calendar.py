"""Sessions as iCalendar: parsed back, in the city's time zone, updated rather than duplicated."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from icc_network.agents.services import calendar, training
from icc_network.core.clock import utcnow

from .. import factories as core_factories
from ..support import login
from . import factories

PARIS = ZoneInfo("Europe/Paris")


def _parse(response) -> Calendar:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def test_a_session_exports_with_its_time_zone_uid_and_sequence(client):
    trainer = core_factories.user("trainer", locale="en")
    session = factories.session(factories.programme(), starts_at=datetime(2030, 7, 1, 16, 0),
                                hours=3, trainer=trainer, place="Bibliothèque Sud",
                                district=core_factories.district(en="Old Town"))
    login(client, trainer)
    parsed = _parse(client.get(f"/agents/sessions/{session.id}.ics"))
    zones = parsed.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"]
    (event,) = parsed.walk("VEVENT")
    assert str(event["UID"]) == f"training-session-{session.id}@localhost"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART") == datetime(2030, 7, 1, 18, 0, tzinfo=PARIS)
    assert event.decoded("DTEND") == datetime(2030, 7, 1, 21, 0, tzinfo=PARIS)
    assert event["SEQUENCE"] == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]).startswith("Training: Basic course")
    assert str(event["LOCATION"]) == "Bibliothèque Sud, Old Town"
    assert "Module 1" in str(event["DESCRIPTION"])


def test_a_moved_then_cancelled_session_keeps_its_uid_and_says_so(client):
    trainer = core_factories.user("trainer")
    programme = factories.programme()
    session = training.load_session(factories.session(
        programme, starts_at=utcnow() + timedelta(days=5), trainer=trainer).id)
    data = training.SessionData(
        module_ids=session.module_ids, starts_at=session.starts_at + timedelta(hours=2),
        ends_at=session.ends_at + timedelta(hours=2), place="Ailleurs", district_id=None,
        language="fr", trainer_id=trainer.id, capacity=20)
    training.save_session(session, training.load_programme(programme.id), data, actor=None)
    training.cancel_session(session, actor=None)
    login(client, trainer)
    (event,) = _parse(client.get(f"/agents/sessions/{session.id}.ics")).walk("VEVENT")
    assert str(event["UID"]) == f"training-session-{session.id}@localhost"
    assert event["SEQUENCE"] == 2 and str(event["STATUS"]) == "CANCELLED"


def test_the_trainer_calendar_lists_their_own_sessions_to_come(client):
    trainer, colleague = core_factories.user("trainer"), core_factories.user("trainer")
    programme = factories.programme()
    soon = utcnow() + timedelta(days=3)
    mine = factories.session(programme, starts_at=soon, trainer=trainer)
    factories.session(programme, starts_at=soon, trainer=colleague)
    factories.session(programme, starts_at=soon - timedelta(days=30), trainer=trainer)
    login(client, trainer)
    parsed = _parse(client.get("/agents/calendar/my-sessions.ics"))
    assert [str(e["UID"]) for e in parsed.walk("VEVENT")] == [
        f"training-session-{mine.id}@localhost"]
    assert len(parsed.walk("VTIMEZONE")) == 1


def test_the_summary_follows_the_readers_language(client):
    trainer = core_factories.user("trainer", locale="fr")
    session = factories.session(factories.programme("Formation de base"), trainer=trainer)
    login(client, trainer)
    (event,) = _parse(client.get(f"/agents/sessions/{session.id}.ics")).walk("VEVENT")
    assert "Formation de base" in str(event["SUMMARY"])


def test_wall_clock_times_survive_the_change_to_summer_time():
    winter = calendar.to_utc(datetime(2030, 3, 1).date(), time(18, 0))
    summer = calendar.to_utc(datetime(2030, 4, 1).date(), time(18, 0))
    assert (winter.hour, summer.hour) == (17, 16)
    assert calendar.to_local(summer).hour == 18
