"""The campaign figures other areas read through core's registry, without importing campaigns."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from icc_network.core.calendar import to_utc
from icc_network.core.clock import today
from icc_network.core.registries import indicator, indicator_source

from .. import factories as core
from ..network import factories as network_factories
from . import factories

KEYS = ("campaigns.activities_held", "campaigns.people_reached", "campaigns.conversations_held",
        "campaigns.materials_handed_out", "campaigns.online_views", "campaigns.partners_joined",
        "campaigns.campaigns_run")


@pytest.fixture
def districts():
    return core.district(fr="Nord"), core.district(fr="Sud")


def _at(days: int, hour: int = 10) -> datetime:
    """A start ``days`` from today at ``hour`` on the city's clock."""
    return to_utc(today() + timedelta(days=days), time(hour))


@pytest.fixture
def activities(districts):
    north, south = districts
    campaign = factories.campaign(status="running", starts_on=today() - timedelta(days=120),
                                  ends_on=today() + timedelta(days=30))
    factories.activity(campaign, starts_at=_at(-40), district=north, attendees=10,
                       conversations=2, materials=5, online_views=0)
    factories.activity(campaign, starts_at=_at(-100), district=south, attendees=7,
                       online_views=30)
    factories.activity(campaign, starts_at=_at(-40), district=north, attendees=50,
                       conversations=50, cancelled_at=datetime(2026, 1, 1))
    factories.activity(campaign, starts_at=_at(10), district=north)  # still to come
    factories.activity(campaign, occurrences=[_at(-3), _at(4), _at(11)], district=north,
                       rrule="FREQ=WEEKLY;COUNT=3", attendees=4, materials=1)
    return campaign


def test_every_figure_is_published_with_a_label_and_a_description():
    for key in KEYS:
        source = indicator_source(key)
        assert source is not None, key
        assert str(source.label) and str(source.description)


def test_activities_held_and_their_reach_whatever_the_period(activities):
    assert indicator("campaigns.activities_held") == 3
    assert indicator("campaigns.people_reached") == 21
    assert indicator("campaigns.conversations_held") == 2
    assert indicator("campaigns.materials_handed_out") == 6
    assert indicator("campaigns.online_views") == 30


def test_activity_figures_take_a_period_and_a_district(activities, districts):
    north, south = districts
    recent = {"start": today() - timedelta(days=60), "end": today()}
    assert indicator("campaigns.activities_held", **recent) == 2
    assert indicator("campaigns.people_reached", **recent) == 14
    assert indicator("campaigns.online_views", **recent) == 0
    assert indicator("campaigns.people_reached", district_id=south.id) == 7
    assert indicator("campaigns.activities_held", district_id=north.id) == 2
    assert indicator("campaigns.materials_handed_out", district_id=north.id, **recent) == 6
    assert indicator("campaigns.activities_held", start=today() + timedelta(days=1)) == 0


def test_an_activity_counts_on_its_day_in_the_city(districts):
    north, _south = districts
    campaign = factories.campaign(status="running")
    day = today() - timedelta(days=10)
    # Half past midnight in the city is still the evening before in UTC.
    factories.activity(campaign, starts_at=to_utc(day, time(0, 30)), district=north,
                       attendees=5)
    assert indicator("campaigns.people_reached", start=day, end=day) == 5
    assert indicator("campaigns.people_reached", end=day - timedelta(days=1)) == 0


def test_partners_joined_are_distinct_organisations_of_published_campaigns(districts):
    north, south = districts
    spring = factories.campaign(status="running", starts_on=date(2026, 3, 1),
                                ends_on=date(2026, 5, 31))
    autumn = factories.campaign(status="planned", starts_on=date(2026, 9, 1),
                                ends_on=date(2026, 10, 31))
    draft = factories.campaign(status="draft", starts_on=date(2026, 3, 1),
                               ends_on=date(2026, 5, 31))
    library = network_factories.organisation("Bibliothèque", district=north)
    school = network_factories.organisation("École", district=south)
    club = network_factories.organisation("Club", district=north)
    theatre = network_factories.organisation("Théâtre", district=south)
    factories.participation(spring, library, state="accepted")
    factories.participation(autumn, library)
    factories.participation(spring, school)
    factories.participation(spring, club, state="declined")
    factories.participation(draft, theatre)
    assert indicator("campaigns.partners_joined") == 2
    assert indicator("campaigns.partners_joined", start=date(2026, 5, 31),
                     end=date(2026, 9, 1)) == 2
    assert indicator("campaigns.partners_joined", start=date(2026, 6, 1),
                     end=date(2026, 8, 31)) == 0
    assert indicator("campaigns.partners_joined", start=date(2026, 8, 1)) == 1
    assert indicator("campaigns.partners_joined", district_id=south.id) == 1


def test_campaigns_run_overlap_the_period_in_their_districts_or_city_wide(districts):
    north, south = districts
    factories.campaign(status="running", starts_on=date(2026, 3, 1), ends_on=date(2026, 5, 31),
                       districts=[north])
    factories.campaign(status="completed", starts_on=date(2026, 1, 1),
                       ends_on=date(2026, 1, 31))  # city-wide
    factories.campaign(status="evaluated", starts_on=date(2025, 9, 1),
                       ends_on=date(2025, 10, 31), districts=[south])
    factories.campaign(status="planned", starts_on=date(2026, 3, 1), ends_on=date(2026, 5, 31))
    assert indicator("campaigns.campaigns_run") == 3
    assert indicator("campaigns.campaigns_run", start=date(2026, 1, 1)) == 2
    assert indicator("campaigns.campaigns_run", start=date(2026, 2, 1),
                     end=date(2026, 2, 28)) == 0
    assert indicator("campaigns.campaigns_run", district_id=north.id) == 2
    assert indicator("campaigns.campaigns_run", district_id=south.id) == 2
    assert indicator("campaigns.campaigns_run", district_id=south.id,
                     start=date(2026, 2, 1)) == 0


def test_activities_and_reach_over_many_periods_come_from_one_query(districts, query_counter):
    north, _south = districts
    campaign = factories.campaign(status="running", starts_on=date(2026, 1, 1),
                                  ends_on=date(2026, 4, 30))
    # 23:30 UTC on January 31 is February 1 in the city.
    factories.activity(campaign, starts_at=datetime(2026, 1, 31, 23, 30), district=north,
                       attendees=5)
    factories.activity(campaign, starts_at=datetime(2026, 1, 10, 9), attendees=3)
    factories.activity(campaign, starts_at=datetime(2026, 3, 3, 9), district=north, attendees=7,
                       cancelled_at=datetime(2026, 3, 1))
    months = [(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28)),
              (date(2026, 3, 1), date(2026, 3, 31))]
    with query_counter() as counted:
        assert indicator("campaigns.activities_held", periods=months) == [1, 1, 0]
    assert counted.count == 1
    assert indicator("campaigns.people_reached", periods=months) == [3, 5, 0]
    assert indicator("campaigns.people_reached", periods=months, district_id=north.id) == [0, 5, 0]
    assert indicator("campaigns.activities_held", periods=[]) == []
