"""Sightings per district (the network's coverage and map) read from the weekly totals give
the figures of a count of every sighting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.rumours.models import Sighting
from icc_network.rumours.services import stats

from .. import factories as core
from . import factories

REBUILT_ON = date(2026, 3, 4)  # a Wednesday: its week is not over


def _counted_directly(since: date | None) -> dict[int, int]:
    """The figure as it was computed before the weekly totals answered it."""
    query = (select(Sighting.district_id, func.count())
             .where(Sighting.district_id.is_not(None)).group_by(Sighting.district_id))
    if since is not None:
        query = query.where(Sighting.seen_on >= since)
    return {district_id: int(count) for district_id, count in db.session.execute(query)}


@pytest.fixture
def heard():
    """Four months of sightings in three districts and none, on every day of the week."""
    districts = [core.district(code).id for code in ("centre", "port", "gare")] + [None]
    rumours = [factories.rumour(theme_id=factories.theme().id), factories.rumour()]
    day = date(2025, 11, 20)
    n = 0
    while day <= date(2026, 3, 4):
        for _ in range(1 + n % 3):
            factories.sighting(rumours[n % 2], district_id=districts[n % 4], seen_on=day)
            n += 1
        day += timedelta(days=1)
    stats.rebuild_aggregates(REBUILT_ON)
    # Heard since the rebuild, in its week and the next.
    for day in (date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 10)):
        factories.sighting(rumours[0], district_id=districts[0], seen_on=day)
    return districts


@pytest.mark.parametrize("since", [
    None, date(2026, 1, 1), date(2026, 1, 5), date(2025, 11, 23), date(2025, 1, 1),
    date(2026, 2, 28), date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 20)])
def test_the_weekly_totals_give_the_figures_of_a_count_of_every_sighting(heard, since):
    assert stats.aggregated_on() == REBUILT_ON
    assert stats.sightings_per_district(since) == _counted_directly(since)


def test_a_sighting_recorded_late_with_an_earlier_date_counts_from_the_next_rebuild(heard):
    since = date(2026, 1, 1)
    before = stats.sightings_per_district(since)
    factories.sighting(factories.rumour(), district_id=heard[1], seen_on=date(2026, 2, 3))
    assert stats.sightings_per_district(since) == before
    stats.rebuild_aggregates(REBUILT_ON + timedelta(days=1))
    assert stats.sightings_per_district(since) == _counted_directly(since)


def test_without_weekly_totals_every_sighting_is_counted():
    centre, port = core.district("centre"), core.district("port")
    rumour = factories.rumour()
    factories.sighting(rumour, district_id=centre.id, seen_on=date(2026, 1, 5), people_count=9)
    factories.sighting(rumour, district_id=centre.id, seen_on=date(2025, 1, 5))
    factories.sighting(rumour, district_id=port.id, seen_on=date(2026, 2, 1))
    factories.sighting(rumour, district_id=None, seen_on=date(2026, 2, 1))
    assert stats.aggregated_on() is None
    assert stats.sightings_per_district() == {centre.id: 2, port.id: 1}
    assert stats.sightings_per_district(date(2026, 1, 1)) == {centre.id: 1, port.id: 1}
