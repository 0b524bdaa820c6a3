"""A campaign in figures: the trend of its target rumours around it, what its activities
reached, who took part, and the conversations agents logged about its rumours."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from icc_network.campaigns.services import summary
from icc_network.rumours.services.stats import rebuild_aggregates

from .. import factories as core
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from . import factories

ON = date(2026, 4, 15)  # a Wednesday, two weeks after the campaign below ended


@pytest.fixture
def place():
    """Two districts, the campaign's target rumour and another one."""
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    target, other = rumour_factories.rumour("Ils prennent nos emplois"), rumour_factories.rumour()
    # Four weeks, Monday 2 March to Sunday 29 March, in the north.
    campaign = factories.campaign(starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 29),
                                  status="completed", rumours=[target], districts=[north])
    return campaign, target, other, north, south


def _seen(rumour, day: date, district, times: int = 1) -> None:
    for _ in range(times):
        rumour_factories.sighting(rumour, seen_on=day, district_id=district.id)


def _sightings(target, other, north, south) -> None:
    _seen(target, date(2026, 1, 5), north, 5)  # before the four weeks before: not shown
    _seen(target, date(2026, 2, 10), north, 2)
    _seen(target, date(2026, 2, 11), south, 2)
    _seen(target, date(2026, 3, 5), north)
    _seen(target, date(2026, 3, 20), south)
    _seen(target, date(2026, 4, 1), north, 3)
    _seen(other, date(2026, 3, 5), north, 7)  # not a target


def test_the_trend_compares_each_phase_with_as_many_weeks_before(place):
    campaign, target, other, north, south = place
    _sightings(target, other, north, south)
    rebuild_aggregates(on=ON)
    trend = summary.summary(campaign, on=ON).trend
    assert trend.by == "week" and trend.has_districts and trend.counted_up_to == ON
    assert [(p.key, p.weeks, p.first, p.city, p.districts) for p in trend.phases.values()] == [
        ("before", 4, date(2026, 2, 2), 4, 2), ("during", 4, date(2026, 3, 2), 2, 1),
        ("after", 3, date(2026, 3, 30), 3, 3)]
    assert trend.phases["before"].city_per_week == 1.0
    assert trend.change("during") == pytest.approx(-0.5)
    assert trend.change("during", "districts") == pytest.approx(-0.5)
    assert trend.change("after") == pytest.approx(0.0)
    assert trend.change("after", "districts") == pytest.approx(1.0)
    assert len(trend.rows) == 11 and trend.rows[0].start == date(2026, 2, 2)
    week = next(row for row in trend.rows if row.start == date(2026, 2, 9))
    assert (week.phase, week.city, week.districts) == ("before", 4, 2)


def test_the_districts_are_counted_up_to_the_last_rebuild_like_the_city(place):
    campaign, target, other, north, south = place
    _seen(target, date(2026, 3, 5), north)
    rebuild_aggregates(on=date(2026, 3, 31))
    _seen(target, date(2026, 4, 8), north, 4)  # heard since: the job has not counted them yet
    trend = summary.trend([target.id], [north.id], campaign.starts_on, campaign.ends_on, ON)
    assert trend.counted_up_to == date(2026, 3, 31)
    assert trend.phases["after"].city == trend.phases["after"].districts == 0
    assert trend.phases["during"].districts == 1


def test_a_long_campaign_is_shown_month_by_month_with_six_months_before(place):
    _campaign, target, _other, north, _south = place
    _seen(target, date(2025, 6, 10), north, 2)
    _seen(target, date(2025, 8, 20), north, 1)
    rebuild_aggregates(on=date(2026, 4, 1))
    trend = summary.trend([target.id], [north.id], date(2025, 9, 1), date(2026, 3, 1),
                          date(2026, 4, 1))
    assert trend.by == "month"
    assert trend.phases["before"].weeks == summary.MAX_BEFORE_WEEKS
    assert trend.phases["before"].city == 3
    assert sum(row.city for row in trend.rows) == 3
    assert {row.start.day for row in trend.rows} == {1}


def test_a_campaign_still_to_come_has_only_the_weeks_before_it(place):
    _campaign, target, _other, north, _south = place
    trend = summary.trend([target.id], [], date(2026, 6, 1), date(2026, 6, 28),
                          date(2026, 5, 20))
    assert [p.weeks for p in trend.phases.values()] == [3, 0, 0]
    assert not trend.has_districts and trend.change("during") is None
    assert summary.trend([], [], date(2026, 6, 1), date(2026, 6, 28), ON).rows == []


def test_reach_adds_up_the_activities_not_cancelled(place):
    campaign = place[0]
    factories.activity(campaign, occurrences=[datetime(2026, 4, 4, 8), datetime(2026, 4, 11, 8),
                                              datetime(2026, 4, 18, 8)],
                       rrule="FREQ=WEEKLY;COUNT=3", attendees=10, conversations=4, materials=20,
                       reach_recorded_at=datetime(2026, 4, 12))
    factories.activity(campaign, starts_at=datetime(2026, 3, 10, 17), attendees=99,
                       cancelled_at=datetime(2026, 3, 1))
    factories.activity(campaign, starts_at=datetime(2026, 5, 2, 9))
    reach = summary.reach(campaign.id, ON)
    assert (reach.planned, reach.cancelled, reach.held, reach.occurrences_held,
            reach.recorded) == (2, 1, 1, 2, 1)
    assert (reach.attendees, reach.conversations, reach.materials, reach.online_views) == (
        10, 4, 20, 0)


def test_partners_are_those_taking_part_or_running_an_activity(place):
    campaign = place[0]
    accepted, waiting, declined, withdrawn, cancelled_only = (
        network_factories.organisation(name) for name in
        ("Bibliothèque", "Amicale", "Club", "École", "Théâtre"))
    factories.participation(campaign, accepted, state="accepted")
    factories.participation(campaign, waiting)
    factories.participation(campaign, declined, state="declined")
    factories.participation(campaign, withdrawn, state="withdrawn")
    factories.activity(campaign, organisations=[withdrawn, accepted])
    factories.activity(campaign, organisations=[accepted])
    factories.activity(campaign, organisations=[cancelled_only], cancelled_at=datetime(2026, 3, 1))
    rows = summary.partners(campaign.id)
    assert [(r.name, r.state, r.activities) for r in rows] == [
        ("Amicale", "pending", 0), ("Bibliothèque", "accepted", 2), ("École", None, 1)]


def test_agents_are_counted_once_and_never_named(place):
    campaign = place[0]
    first, second, third = (agent_factories.agent() for _ in range(3))
    factories.activity(campaign, agents=[first, second])
    factories.activity(campaign, agents=[first])
    factories.activity(campaign, agents=[third], cancelled_at=datetime(2026, 3, 1))
    assert summary.agents_involved(campaign.id) == 2


def test_conversations_about_the_targets_during_the_campaign(place):
    campaign, target, other, north, south = place
    agent = agent_factories.agent()
    for held_on, rumour, district, outcome in (
            (date(2026, 3, 3), target, north, "doubt"),
            (date(2026, 3, 29), target, south, "changed"),
            (date(2026, 3, 10), target, north, "doubt"),
            (date(2026, 3, 1), target, north, "doubt"),  # the day before it started
            (date(2026, 3, 30), target, north, "doubt"),  # the day after it ended
            (date(2026, 3, 10), other, north, "doubt")):
        agent_factories.conversation(agent, held_on=held_on, rumour=rumour, district=district,
                                     outcome=outcome, response_mode="correct")
    talks = summary.summary(campaign, on=ON).conversations
    assert (talks.total, talks.in_districts) == (3, 2)
    assert talks.by_outcome == {"doubt": 2, "changed": 1} and talks.by_mode == {"correct": 3}
    running = summary.conversations([target.id], [], campaign.starts_on, campaign.ends_on,
                                    date(2026, 3, 5))
    assert running.total == running.in_districts == 1


def test_the_summary_asks_the_same_of_the_database_whatever_the_data(app, place,
                                                                      query_counter):
    campaign, target, other, north, south = place
    rebuild_aggregates(on=ON)
    with query_counter() as few:
        summary.summary(campaign, on=ON)
    _sightings(target, other, north, south)
    rebuild_aggregates(on=ON)
    organisation = network_factories.organisation()
    factories.participation(campaign, organisation)
    for _ in range(5):
        factories.activity(campaign, organisations=[organisation],
                           agents=[agent_factories.agent()], attendees=3)
    with query_counter() as many:
        summary.summary(campaign, on=ON)
    assert many.count == few.count <= 12
