"""Calendar feeds, parsed back with the icalendar library: stable UIDs, SEQUENCE, the city's
VTIMEZONE, recurrences as RRULE and EXDATE, cancellations kept; secret addresses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from icc_network.campaigns.models import CalendarFeed
from icc_network.campaigns.services import feeds
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from . import factories

PARIS = ZoneInfo("Europe/Paris")
SATURDAY = datetime(2026, 3, 14, 9, 0)  # 10:00 in Paris, before summer time


@pytest.fixture
def partner():
    organisation = network_factories.organisation("Maison des associations")
    person = core_factories.user("partner", locale="en")
    person.organisation_id = organisation.id
    return person, organisation


def _parse(body: bytes) -> tuple[Calendar, dict[str, object]]:
    calendar = Calendar.from_ical(body)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _user_feed(user, now=None) -> tuple[Calendar, dict]:
    result = feeds.build_feed(feeds.user_scope(user), locale=user.locale, name="Mine",
                              now=now or datetime(2026, 3, 1))
    return _parse(result.body())


def test_an_activity_is_one_event_with_a_stable_uid_on_the_citys_clock(partner):
    person, organisation = partner
    district = core_factories.district("centre", "Centre-ville", "Town centre")
    activity = factories.activity(factories.campaign(), kind="workshop", starts_at=SATURDAY,
                                  organisations=[organisation], district=district,
                                  description={"fr": "Échanger", "en": "Let us talk"})
    calendar, events = _user_feed(person)
    event = events[f"activity-{activity.id}@localhost"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event.decoded("DTSTART") == datetime(2026, 3, 14, 10, 0, tzinfo=PARIS)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTEND") == datetime(2026, 3, 14, 12, 0, tzinfo=PARIS)
    assert event["SEQUENCE"] == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == activity.title["en"]
    assert str(event["LOCATION"]) == "Médiathèque, Town centre"
    assert event["CATEGORIES"].cats == ["Workshop"]
    assert "Let us talk" in str(event["DESCRIPTION"])
    changed = activity.updated_at.replace(microsecond=0, tzinfo=UTC)
    assert event.decoded("LAST-MODIFIED") == changed and event.decoded("DTSTAMP") == changed


def test_the_feed_speaks_its_owners_language(partner):
    person, organisation = partner
    person.locale = "fr"
    factories.activity(factories.campaign(), kind="workshop", title="Atelier mémoire",
                       organisations=[organisation])
    _calendar, events = _user_feed(person)
    (event,) = events.values()
    assert str(event["SUMMARY"]) == "Atelier mémoire"
    assert event["CATEGORIES"].cats == ["Atelier"]


def test_a_recurring_activity_is_a_rule_with_its_exceptions_not_copies(partner):
    person, organisation = partner
    # Every Saturday at 10:00 for six weeks, across the change to summer time (29 March),
    # without 21 March and 4 April.
    starts = [SATURDAY + timedelta(days=7 * i) for i in range(6)]
    activity = factories.activity(
        factories.campaign(), starts_at=SATURDAY, occurrences=starts,
        rrule="FREQ=WEEKLY;BYDAY=SA;COUNT=6", exdates=["2026-03-21", "2026-04-04"],
        organisations=[organisation])
    _calendar, events = _user_feed(person)
    assert len(events) == 1
    event = events[f"activity-{activity.id}@localhost"]
    assert event["RRULE"] == {"FREQ": ["WEEKLY"], "BYDAY": ["SA"], "COUNT": [6]}
    excepted = [d.dt for d in event["EXDATE"].dts]
    assert excepted == [datetime(2026, 3, 21, 10, 0, tzinfo=PARIS),
                        datetime(2026, 4, 4, 10, 0, tzinfo=PARIS)]  # 10:00 in summer too
    assert excepted[1].utcoffset() == timedelta(hours=2)
    assert event["EXDATE"].params["TZID"] == "Europe/Paris"


def test_an_until_date_is_written_in_utc_as_the_standard_asks():
    rule = feeds.recurrence_rule("FREQ=WEEKLY;BYDAY=SA;UNTIL=20260430")
    assert rule["UNTIL"] == [datetime(2026, 4, 30, 21, 59, 59, tzinfo=UTC)]
    assert b"UNTIL=20260430T215959Z" in rule.to_ical()


def test_a_cancelled_activity_stays_in_the_feed_marked_cancelled(partner):
    person, organisation = partner
    activity = factories.activity(factories.campaign(), organisations=[organisation],
                                  cancelled_at=datetime(2026, 3, 1), sequence=2,
                                  cancel_reason="Salle fermée")
    _calendar, events = _user_feed(person)
    event = events[f"activity-{activity.id}@localhost"]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 2
    assert "Salle fermée" in str(event["DESCRIPTION"])


def test_a_change_is_seen_at_once_and_raises_the_sequence(partner):
    person, organisation = partner
    activity = factories.activity(factories.campaign(), organisations=[organisation])
    before = feeds.build_feed(feeds.user_scope(person), locale="en", name="Mine",
                              now=datetime(2026, 3, 1))
    assert before.body() == feeds.build_feed(feeds.user_scope(person), locale="en",
                                             name="Mine", now=datetime(2026, 3, 1)).body()
    activity.title = {"fr": "Café déplacé", "en": "Café moved"}
    activity.sequence += 1
    activity.updated_at = activity.updated_at + timedelta(seconds=1)
    db.session.flush()
    after = feeds.build_feed(feeds.user_scope(person), locale="en", name="Mine",
                             now=datetime(2026, 3, 1))
    assert after.etag != before.etag
    (event,) = _parse(after.body())[1].values()
    assert str(event["SUMMARY"]) == "Café moved" and event["SEQUENCE"] == 1


def test_whose_activities_a_personal_feed_shows(partner):
    person, organisation = partner
    agent_user = core_factories.user("agent", locale="en")
    agent = agent_factories.agent(user=agent_user)
    staff = core_factories.user("staff", locale="en")
    published, draft = factories.campaign(status="running"), factories.campaign(status="draft")
    theirs = factories.activity(published, organisations=[organisation])
    assigned = factories.activity(published, agents=[agent])
    other = factories.activity(published)
    factories.activity(draft, organisations=[organisation], agents=[agent])
    ids = {user.id: {int(uid.split("-")[1].split("@")[0]) for uid in _user_feed(user)[1]}
           for user in (person, agent_user, staff)}
    assert ids[person.id] == {theirs.id}
    assert ids[agent_user.id] == {assigned.id}
    assert ids[staff.id] == {theirs.id, assigned.id, other.id}  # every published activity


def test_activities_over_for_more_than_a_year_leave_the_feed():
    staff = core_factories.user("staff", locale="en")
    campaign = factories.campaign(status="completed")
    factories.activity(campaign, starts_at=datetime(2024, 5, 1, 9, 0))  # over by 2025-03
    recent = factories.activity(campaign, starts_at=datetime(2025, 6, 1, 9, 0))
    uids = set(_user_feed(staff, now=datetime(2026, 3, 1))[1])
    assert uids == {f"activity-{recent.id}@localhost"}


def test_who_sees_which_campaign_in_a_feed(partner):
    person, organisation = partner
    coordinator, staff = core_factories.user("coordinator"), core_factories.user("staff")
    published, draft = factories.campaign(status="planned"), factories.campaign(status="draft")
    theirs = factories.activity(published, organisations=[organisation])
    factories.activity(published)
    assert feeds.may_view_campaign(coordinator, draft) and not feeds.may_view_campaign(staff, draft)
    assert feeds.campaign_scope(staff, draft) is None
    assert feeds.campaign_scope(person, draft) is None
    elsewhere = factories.campaign(status="running")
    factories.activity(elsewhere)
    assert feeds.campaign_scope(person, elsewhere) is None  # none of theirs
    factories.participation(elsewhere, organisation)
    assert feeds.campaign_scope(person, elsewhere) is not None  # joined: their activities
    shown = feeds.build_feed(feeds.campaign_scope(person, published), locale="en", name="C",
                             now=datetime(2026, 3, 1))
    assert set(_parse(shown.body())[1]) == {f"activity-{theirs.id}@localhost"}
    everything = feeds.build_feed(feeds.campaign_scope(staff, published), locale="en",
                                  name="C", now=datetime(2026, 3, 1))
    assert len(_parse(everything.body())[1]) == 2


def test_an_empty_feed_is_still_a_valid_calendar(partner):
    person, _organisation = partner
    calendar, events = _user_feed(person)
    assert events == {} and str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Mine"


def test_a_feed_costs_the_same_queries_however_many_activities(app, partner, query_counter):
    person, organisation = partner
    campaign = factories.campaign()

    def build():
        db.session.commit()
        with query_counter() as log:
            feeds.build_feed(feeds.user_scope(person), locale="en", name="Mine",
                             now=datetime(2026, 3, 1)).body()
        return log.count

    factories.activity(campaign, organisations=[organisation])
    few = build()
    for day in range(30):
        factories.activity(campaign, organisations=[organisation],
                           starts_at=SATURDAY + timedelta(days=day, hours=1),
                           district=core_factories.district())
    assert build() == few


# --- the secret addresses ------------------------------------------------------------


def test_only_the_hash_of_the_secret_is_kept_and_it_finds_the_feed(partner):
    person, _organisation = partner
    feed, token = feeds.create_feed(person)
    assert len(token) >= 43 and token not in feed.token_hash
    assert feed.token_hash == feeds.token_hash(token)
    assert feeds.feed_by_token(token) == (feed, person)
    assert db.session.scalar(select(AuditLog.action).where(
        AuditLog.entity_type == "calendar_feed")) == "calendar_feed.create"


def test_a_new_address_replaces_the_old_and_a_revoked_one_finds_nothing(partner):
    person, _organisation = partner
    _first, old = feeds.create_feed(person)
    second, new = feeds.create_feed(person)
    assert feeds.feed_by_token(old) is None and feeds.feed_by_token(new) == (second, person)
    assert feeds.active_feed(person.id) == second
    assert feeds.revoke_feed(person) == 1
    assert feeds.feed_by_token(new) is None and feeds.active_feed(person.id) is None
    assert db.session.query(CalendarFeed).count() == 2


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "é\x00", "\ud800", "z" * 10_000])
def test_an_unknown_address_finds_nothing(partner, token):
    feeds.create_feed(partner[0])
    assert feeds.feed_by_token(token) is None


def test_a_closed_account_feed_finds_nothing(partner):
    person, _organisation = partner
    _feed, token = feeds.create_feed(person)
    person.active = False
    assert feeds.feed_by_token(token) is None


def test_a_fetch_is_noted_at_most_once_an_hour(partner):
    feed, _token = feeds.create_feed(partner[0])
    now = utcnow()
    assert feeds.note_fetch(feed, now) is True
    assert feeds.note_fetch(feed, now + timedelta(minutes=59)) is False
    assert feeds.note_fetch(feed, now + timedelta(minutes=61)) is True
    assert feed.last_fetched_at == now + timedelta(minutes=61)


def test_an_exception_that_is_not_a_date_is_left_out():
    activity = factories.activity(factories.campaign(), rrule="FREQ=DAILY;COUNT=3",
                                  exdates=["2026-03-15", "soon"])
    assert feeds.exception_times(activity) == [datetime(2026, 3, 15, 10, 0, tzinfo=PARIS)]
