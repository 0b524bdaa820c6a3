"""VEVENTs stored in the activities' rows by the scheduled job: written for stale rows only,
never served once the activity, its campaign or its district has changed, and read by a
feed instead of writing the events again."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import current_app
from icalendar import Calendar
from sqlalchemy import select

from icc_network.campaigns.models import Activity
from icc_network.campaigns.services import feed_events, feeds
from icc_network.core.clock import utcnow
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..network import factories as network_factories
from . import factories

NOW = datetime(2026, 3, 1)


@pytest.fixture
def partner():
    organisation = network_factories.organisation("Maison des associations")
    person = core_factories.user("partner", locale="en")
    person.organisation_id = organisation.id
    return person, organisation


def _render() -> dict:
    result = feed_events.render_stale(now=NOW)
    db.session.expire_all()
    return result


def _body(person) -> bytes:
    # Each fetch as after a start: nothing kept in this process's memory.
    current_app.extensions.pop("campaigns.feed_events", None)
    return feeds.build_feed(feeds.user_scope(person), locale="en", name="Mine",
                            now=NOW).body()


def _summaries(body: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(body).walk("VEVENT")]


def _stored(activity: Activity) -> tuple[dict, str]:
    return tuple(db.session.execute(select(Activity.feed_events, Activity.feed_events_key)
                                 .where(Activity.id == activity.id)).one())


def test_the_job_writes_stale_rows_in_every_language_and_skips_fresh_ones(partner):
    _person, organisation = partner
    campaign = factories.campaign()
    first = factories.activity(campaign, organisations=[organisation])
    second = factories.activity(campaign, district=core_factories.district())
    over = factories.activity(campaign, starts_at=NOW - feeds.WINDOW - timedelta(days=2))
    assert _render() == {"rendered": 2}
    events, key = _stored(first)
    assert set(events) == {"fr", "en"} and key
    assert events["en"].startswith("BEGIN:VEVENT") and first.title["en"] in events["en"]
    assert _stored(over) == ({}, "")  # out of every feed's window: not written
    assert _render() == {"rendered": 0}
    second.place = "Salle des fêtes"
    db.session.flush()
    assert _render() == {"rendered": 1}
    assert "Salle des fêtes" in _stored(second)[0]["fr"]


def test_the_job_leaves_updated_at_as_it_was(partner):
    activity = factories.activity(factories.campaign(), organisations=[partner[1]])
    db.session.commit()
    before = activity.updated_at
    _render()
    assert db.session.get(Activity, activity.id).updated_at == before
    assert _stored(activity)[1]


def test_a_feed_reads_fresh_stored_events_without_writing_them(partner, monkeypatch):
    person, organisation = partner
    activities = [factories.activity(factories.campaign(), organisations=[organisation],
                                     starts_at=NOW + timedelta(days=day)) for day in range(3)]
    expected = _body(person)
    _render()

    def refused(*_args, **_kwargs):
        raise AssertionError("the event should have been read from its row")

    monkeypatch.setattr(feeds, "activity_event", refused)
    assert _body(person) == expected
    assert _summaries(expected) == [activity.title["en"] for activity in activities]


@pytest.mark.parametrize("renamed", ["campaign", "district"])
def test_a_renamed_campaign_or_district_is_never_served_stale(partner, renamed):
    person, organisation = partner
    district = core_factories.district("centre", "Centre-ville", "Town centre")
    campaign = factories.campaign()
    activity = factories.activity(campaign, organisations=[organisation], district=district)
    _render()
    if renamed == "campaign":
        campaign.title = {"fr": "Campagne renommée", "en": "Renamed campaign"}
    else:
        district.name = {"fr": "Quartier renommé", "en": "Renamed district"}
    db.session.flush()
    new_name = "Renamed campaign" if renamed == "campaign" else "Renamed district"
    (event,) = Calendar.from_ical(_body(person)).walk("VEVENT")
    text = str(event["DESCRIPTION"]) + str(event.get("LOCATION", ""))
    assert new_name in text
    assert new_name not in _stored(activity)[0]["en"]  # a fetch writes nothing
    assert _render() == {"rendered": 1}
    assert new_name in _stored(activity)[0]["en"]


def test_the_job_is_scheduled_every_five_minutes(app, partner):
    activity = factories.activity(factories.campaign(), organisations=[partner[1]],
                                  starts_at=utcnow().replace(microsecond=0))
    db.session.commit()
    spec = next(spec for spec in job_specs(app) if spec.id == "campaigns.render_feed_events")
    assert spec.trigger_kwargs(app.config) == {"minutes": 5}
    assert set(spec.result_labels) == {"rendered"}
    run_job(app, spec)
    db.session.expire_all()
    assert _stored(activity)[1]
