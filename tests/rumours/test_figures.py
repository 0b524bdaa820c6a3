"""The rumour figures other areas read through core's registry, without importing rumours."""

from __future__ import annotations

from datetime import date, datetime

from icc_network.core.registries import indicator, indicator_source
from icc_network.extensions import db
from icc_network.rumours.models import RumourStatusChange

from .. import factories as core
from . import factories

KEYS = ("rumours.arguments_validated", "rumours.statistics_current",
        "rumours.sightings_recorded", "rumours.sightings_of", "rumours.days_to_triage")
JANUARY = {"start": date(2026, 1, 1), "end": date(2026, 1, 31)}
FEBRUARY = {"start": date(2026, 2, 1), "end": date(2026, 2, 28)}


def test_every_figure_is_published_with_a_label_and_a_description():
    for key in KEYS:
        source = indicator_source(key)
        assert source is not None, key
        assert str(source.label) and str(source.description)


def test_arguments_validated_count_by_their_validation_date_even_once_expired():
    rumour = factories.rumour()
    factories.argument(rumour, validated_at=datetime(2026, 1, 10, 12))
    factories.argument(rumour, kind="emotional", validated_at=datetime(2026, 1, 20, 12))
    factories.argument(rumour, status="expired", valid_until=date(2026, 1, 31),
                       validated_at=datetime(2026, 1, 5, 12))
    factories.argument(rumour, validated_at=datetime(2026, 2, 3, 12))
    factories.argument(rumour, status="draft")
    assert indicator("rumours.arguments_validated", **JANUARY) == 3
    assert indicator("rumours.arguments_validated", **FEBRUARY) == 1
    assert indicator("rumours.arguments_validated") == 4


def test_an_argument_validated_just_after_midnight_in_the_city_counts_that_day():
    rumour = factories.rumour()
    # 00:30 in Paris on February 1 is still January 31 in UTC.
    factories.argument(rumour, validated_at=datetime(2026, 1, 31, 23, 30))
    assert indicator("rumours.arguments_validated", **JANUARY) == 0
    assert indicator("rumours.arguments_validated", **FEBRUARY) == 1


def test_statistics_current_is_the_share_not_past_their_date_on_the_last_day():
    rumour = factories.rumour()
    factories.argument(rumour, valid_until=date(2026, 2, 15), status="expired",
                       validated_at=datetime(2026, 1, 10, 12))
    factories.argument(rumour, valid_until=date(2027, 1, 1), validated_at=datetime(2026, 1, 5, 12))
    factories.argument(rumour, kind="emotional", valid_until=date(2026, 1, 2),
                       validated_at=datetime(2026, 1, 1, 12))
    factories.argument(rumour, valid_until=date(2026, 1, 1),
                       validated_at=datetime(2026, 3, 1, 12))  # validated later
    assert indicator("rumours.statistics_current", end=date(2026, 1, 31)) == 100
    assert indicator("rumours.statistics_current", end=date(2026, 2, 28)) == 50
    assert indicator("rumours.statistics_current", end=date(2025, 12, 31)) is None


def test_sightings_recorded_add_up_the_people_counted_by_day_and_district():
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    rumour, other = factories.rumour(), factories.rumour()
    factories.sighting(rumour, seen_on=date(2026, 1, 3), district_id=north.id, people_count=3)
    factories.sighting(other, seen_on=date(2026, 1, 31), district_id=south.id)
    factories.sighting(rumour, seen_on=date(2026, 1, 20))
    factories.sighting(rumour, seen_on=date(2026, 2, 1), district_id=north.id, people_count=2)
    assert indicator("rumours.sightings_recorded", **JANUARY) == 5
    assert indicator("rumours.sightings_recorded", district_id=north.id, **JANUARY) == 3
    assert indicator("rumours.sightings_recorded", district_id=north.id) == 5
    assert indicator("rumours.sightings_of", rumour_ids=[rumour.id], **JANUARY) == 4
    assert indicator("rumours.sightings_of", rumour_ids=[rumour.id], district_ids=[north.id],
                     **JANUARY) == 3
    assert indicator("rumours.sightings_of", rumour_ids=[rumour.id, other.id],
                     district_ids=[south.id, north.id]) == 6
    assert indicator("rumours.sightings_of", rumour_ids=[], **JANUARY) == 0


def _moved(rumour, at: datetime, from_status: str = "reported", to: str = "triaged") -> None:
    db.session.add(RumourStatusChange(rumour_id=rumour.id, at=at, from_status=from_status,
                                      to_status=to))
    db.session.flush()


def test_days_to_triage_is_the_median_over_rumours_first_moved_in_the_period():
    quick = factories.rumour(status="triaged", created_at=datetime(2026, 1, 1, 12))
    slow = factories.rumour(status="triaged", created_at=datetime(2026, 1, 5, 12))
    middle = factories.rumour(status="triaged", created_at=datetime(2026, 1, 10, 12))
    later = factories.rumour(status="triaged", created_at=datetime(2026, 1, 20, 12))
    factories.rumour(status="reported", created_at=datetime(2026, 1, 2, 12))  # never moved
    _moved(quick, datetime(2026, 1, 3, 12))
    _moved(slow, datetime(2026, 1, 11, 12))
    _moved(slow, datetime(2026, 1, 12, 12), "triaged", "reported")
    _moved(slow, datetime(2026, 2, 20, 12))  # moved again: the first move counts
    _moved(middle, datetime(2026, 1, 14, 0))
    _moved(later, datetime(2026, 2, 4, 12))
    # January: 2, 6 and 3.5 days.
    assert indicator("rumours.days_to_triage", **JANUARY) == 3.5
    assert indicator("rumours.days_to_triage", **FEBRUARY) == 15
    assert indicator("rumours.days_to_triage", start=date(2026, 3, 1),
                     end=date(2026, 3, 31)) is None


def test_sightings_over_many_periods_come_from_one_query(query_counter):
    north = core.district(fr="Nord")
    rumour = factories.rumour()
    for day, people in ((date(2026, 1, 31), 2), (date(2026, 2, 1), 3), (date(2026, 3, 15), 4)):
        factories.sighting(rumour, seen_on=day, district_id=north.id, people_count=people)
    factories.sighting(rumour, seen_on=date(2026, 2, 10))
    months = [(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28)),
              (date(2026, 3, 1), date(2026, 3, 10))]
    with query_counter() as counted:
        found = indicator("rumours.sightings_recorded", periods=months)
    assert found == [2, 4, 0] and counted.count == 1
    assert indicator("rumours.sightings_recorded", periods=months, district_id=north.id) == [2, 3, 0]
    assert indicator("rumours.sightings_of", rumour_ids=[rumour.id], district_ids=[north.id],
                     periods=months[1:]) == [3, 0]
    assert indicator("rumours.sightings_recorded", periods=[]) == []
