"""Each measure of the catalogue against a small data set whose answer is known, and the
empty states: no data, nothing to divide by; never a NaN."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from icc_network.evaluation import vocab
from icc_network.evaluation.models import SurveyStatement
from icc_network.evaluation.services import catalogue
from icc_network.extensions import db
from icc_network.rumours.models import RumourStatusChange

from .. import factories as core
from ..agents import factories as agents
from ..campaigns import factories as campaigns
from ..network import factories as network
from ..rumours import factories as rumours
from . import factories

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def compute(key: str, period=MARCH, **params):
    return catalogue.compute(key, *period, params)


def test_every_definition_says_what_it_counts_in_the_lists_of_the_area():
    found = catalogue.definitions()
    assert len(found) >= 15
    for item in found:
        assert item.quadrant in vocab.QUADRANTS and item.unit in vocab.UNITS
        assert item.polarity in vocab.POLARITIES
        assert str(item.label) and len(str(item.definition)) > 40
        assert set(item.params) <= {"district_id", "campaign_id", "statement_id"}
        assert set(item.optional) <= set(item.params)
    assert [d.quadrant for d in found] == sorted(
        (d.quadrant for d in found), key=list(vocab.QUADRANTS).index)
    assert catalogue.definition("sightings_recorded") is not None
    assert catalogue.definition("no_such_measure") is None
    assert catalogue.compute("no_such_measure", *MARCH) is None


def test_with_no_records_counts_are_zero_and_shares_are_no_figure_never_nan():
    for item in catalogue.definitions():
        params = {"campaign_id": 999999, "statement_id": 999999, "district_id": None}
        value = catalogue.compute(item.key, *MARCH, params)
        assert value is None or (math.isfinite(value) and value == 0), item.key
        if item.unit in ("share", "days", "per_month"):
            assert value is None, item.key


@pytest.fixture
def districts():
    return core.district(fr="Nord"), core.district(fr="Sud")


def test_training_measures_count_people_hours_and_certificates(districts):
    north, south = districts
    programme = agents.programme()
    ana, ben, cleo = (agents.agent(district=north) for _ in range(3))
    morning = agents.session(programme, starts_at=datetime(2026, 3, 2, 9), hours=3,
                             district=north)
    evening = agents.session(programme, starts_at=datetime(2026, 3, 20, 17), hours=2,
                             district=south)
    agents.attendance(morning, ana)
    agents.attendance(morning, ben)
    agents.attendance(evening, ana)
    agents.attendance(evening, cleo, "absent")
    agents.certificate(ana, programme, issued_on=date(2026, 3, 25))
    agents.certificate(ben, programme, issued_on=date(2026, 4, 2))
    assert compute("agents_trained") == 2
    assert compute("agents_trained", district_id=south.id) == 1
    assert compute("training_hours") == 8  # 3 + 3 + 2
    assert compute("training_hours", district_id=north.id) == 6
    assert compute("agents_certified") == 1
    assert compute("agents_certified", APRIL) == 1


def test_certified_agents_active_and_attendance_rate(districts):
    north, _south = districts
    programme = agents.programme()
    busy, idle = agents.agent(status="active", district=north), agents.agent(status="certified")
    for person in (busy, idle):
        agents.certificate(person, programme, issued_on=date(2026, 1, 5))
    agents.conversation(busy, held_on=date(2026, 2, 10))
    held = agents.session(programme, starts_at=datetime(2026, 3, 3, 9))
    for person in (busy, idle):
        agents.enrolment(held, person)
    agents.attendance(held, busy, "present")
    agents.attendance(held, idle, "absent")
    # Both certified on March 31; busy talked (and trained) within six months, idle did not.
    assert compute("certified_agents_active_share") == 50
    assert compute("certified_agents_active_share", district_id=north.id) == 100
    assert compute("certified_agents_active_share", (date(2025, 12, 1), date(2025, 12, 31))) is None
    assert compute("attendance_rate") == 50
    assert compute("attendance_rate", APRIL) is None


def test_positive_conversations_and_field_conversations(districts):
    north, _south = districts
    person = agents.agent(status="active")
    for outcome in ("open", "changed", "unchanged", "hostile"):
        agents.conversation(person, held_on=date(2026, 3, 5), outcome=outcome, district=north)
    assert compute("field_conversations") == 4
    assert compute("conversations_positive_share") == 50
    assert compute("conversations_positive_share", district_id=north.id) == 50
    assert compute("conversations_positive_share", APRIL) is None


def test_campaign_measures_count_activities_reach_and_partners_in_campaigns(districts):
    north, south = districts
    campaign = campaigns.campaign(status="running", starts_on=date(2026, 3, 1),
                                  ends_on=date(2026, 3, 31))
    campaigns.activity(campaign, starts_at=datetime(2026, 3, 14, 9), district=north,
                       attendees=12)
    campaigns.activity(campaign, starts_at=datetime(2026, 3, 21, 9), district=south,
                       attendees=8)
    library = network.organisation(district=north, member_since=date(2025, 1, 1))
    network.organisation(district=north, member_since=date(2025, 1, 1))
    network.organisation(district=south, member_since=date(2025, 1, 1))
    network.organisation(district=south, member_since=date(2026, 4, 15))
    campaigns.participation(campaign, library, state="accepted")
    assert compute("activities_held") == 2
    assert compute("activities_held", district_id=south.id) == 1
    assert compute("people_reached") == 20
    assert compute("partners_in_network") == 3
    assert compute("partners_in_network", APRIL) == 4
    assert compute("partners_in_network", district_id=south.id) == 1
    assert compute("partners_in_campaigns_share") == pytest.approx(100 / 3)
    assert compute("partners_in_campaigns_share", district_id=north.id) == 50
    assert compute("partners_in_campaigns_share", APRIL) == 0


def test_rumour_measures_count_arguments_statistics_sightings_and_triage(districts):
    north, _south = districts
    rumour = rumours.rumour(created_at=datetime(2026, 3, 1, 12))
    rumours.argument(rumour, valid_until=date(2026, 3, 20), status="expired",
                     validated_at=datetime(2026, 3, 2, 12))
    rumours.argument(rumour, valid_until=date(2026, 12, 31), validated_at=datetime(2026, 3, 3, 12))
    rumours.sighting(rumour, seen_on=date(2026, 3, 4), district_id=north.id, people_count=4)
    rumours.sighting(rumour, seen_on=date(2026, 3, 5))
    db.session.add(RumourStatusChange(rumour_id=rumour.id, at=datetime(2026, 3, 4, 0),
                                      from_status="reported", to_status="triaged"))
    db.session.flush()
    assert compute("arguments_validated") == 2
    assert compute("arguments_current_share") == 50
    assert compute("arguments_current_share", (date(2026, 3, 1), date(2026, 3, 15))) == 100
    assert compute("sightings_recorded") == 5
    assert compute("sightings_recorded", district_id=north.id) == 4
    assert compute("median_days_to_triage") == 2.5
    assert compute("median_days_to_triage", APRIL) is None


def test_target_rumour_sightings_are_per_month_in_the_campaigns_districts(districts):
    north, south = districts
    target, other = rumours.rumour(), rumours.rumour()
    campaign = campaigns.campaign(rumours=[target], districts=[north])
    city_wide = campaigns.campaign(rumours=[target])
    empty = campaigns.campaign()
    rumours.sighting(target, seen_on=date(2026, 1, 10), district_id=north.id, people_count=5)
    rumours.sighting(target, seen_on=date(2026, 3, 10), district_id=north.id)
    rumours.sighting(target, seen_on=date(2026, 3, 11), district_id=south.id)
    rumours.sighting(other, seen_on=date(2026, 3, 12), district_id=north.id)
    assert compute("target_sightings_per_month", campaign_id=campaign.id) == 1
    assert compute("target_sightings_per_month", campaign_id=city_wide.id) == 2
    assert compute("target_sightings_per_month", Q1, campaign_id=campaign.id) == 2  # 6 in 3 months
    assert compute("target_sightings_per_month", campaign_id=empty.id) is None


def test_survey_agreeing_pools_the_waves_whose_fieldwork_ends_in_the_period():
    rumour = rumours.rumour()
    survey = factories.survey(rumours=[rumour])
    statement = db.session.scalars(db.select(SurveyStatement).where(
        SurveyStatement.survey_id == survey.id)).one()
    first = factories.wave(survey, starts_on=date(2026, 2, 20), ends_on=date(2026, 3, 5))
    second = factories.wave(survey, starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 20))
    later = factories.wave(survey, starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 20))
    factories.respondents(first, statement, agree=3, disagree=1)
    factories.wave_total(second, statement, agree=3, disagree=2, dont_know=1)
    factories.wave_total(later, statement, agree=0, disagree=0)
    assert compute("survey_share_agreeing", statement_id=statement.id) == 60  # 6 of 10
    assert compute("survey_share_agreeing", APRIL, statement_id=statement.id) is None
    assert compute("survey_share_agreeing", Q1, statement_id=statement.id) == 60



def test_the_fast_paths_give_the_figures_of_the_period_by_period_computation(districts):
    north, south = districts
    programme = agents.programme()
    people = [agents.agent(status="certified", district=d) for d in (north, south, north)]
    for month, person in zip((1, 2, 3), people, strict=True):
        agents.certificate(person, programme, issued_on=date(2026, month, 10))
        session = agents.session(programme, starts_at=datetime(2026, month, 20, 9),
                                 district=north if month != 2 else south)
        agents.attendance(session, person)
        agents.conversation(person, held_on=date(2026, month + 1, 2))
    campaign = campaigns.campaign(status="running", starts_on=date(2026, 1, 1),
                                  ends_on=date(2026, 4, 30))
    campaigns.activity(campaign, starts_at=datetime(2026, 1, 31, 23, 30), district=north,
                       attendees=5)  # February 1 in the city
    campaigns.activity(campaign, starts_at=datetime(2026, 3, 3, 9), district=south, attendees=7)
    rumour = rumours.rumour()
    for day, district in ((date(2026, 1, 31), north), (date(2026, 2, 1), south),
                          (date(2026, 3, 31), None), (date(2026, 4, 1), north)):
        rumours.sighting(rumour, seen_on=day, district_id=district and district.id,
                         people_count=day.day)
    months = [(date(2026, m, 1), date(2026, m + 1, 1) - date.resolution) for m in (1, 2, 3)]
    months.append((date(2026, 4, 1), date(2026, 4, 12)))  # the current month, so far
    fast = [d for d in catalogue.definitions() if d.series is not None]
    assert len(fast) >= 7
    for item in fast:
        for district in (None, north, south):
            params = {"district_id": district and district.id}
            expected = [catalogue.compute(item.key, start, end, params) for start, end in months]
            found = catalogue.compute_series(item.key, months, params)
            assert found == pytest.approx(expected), (item.key, district)
            assert catalogue.compute_series(item.key, [], params) == []


def test_parameters_kept_as_text_are_read_as_ids(districts):
    north, _south = districts
    rumours.sighting(rumours.rumour(), seen_on=date(2026, 3, 3), district_id=north.id,
                     people_count=2)
    assert compute("sightings_recorded", district_id=str(north.id)) == 2
    assert compute("sightings_recorded", district_id="") == 2
    assert catalogue.compute_series("sightings_recorded", [MARCH], {"district_id": str(north.id),
                                                                    "campaign_id": 4}) == [2]
