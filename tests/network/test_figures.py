"""The network figures other areas read through core's registry, without importing it."""

from __future__ import annotations

from datetime import date, datetime

from icc_network.core.registries import indicator, indicator_source

from .. import factories as core
from . import factories


def test_partners_is_published_with_a_label_and_a_description():
    source = indicator_source("network.partners")
    assert source is not None and str(source.label) and str(source.description)


def test_partners_are_members_on_the_periods_last_day_by_their_district():
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    factories.organisation("Bibliothèque", district=north, member_since=date(2026, 1, 10))
    # No "member since": a member from the day it was put on the list.
    factories.organisation("Club", district=south, member_since=None,
                           created_at=datetime(2026, 2, 5, 9))
    factories.organisation("École", district=north, member_since=date(2026, 3, 1),
                           created_at=datetime(2025, 6, 1, 9))
    assert indicator("network.partners", end=date(2026, 1, 9)) == 0
    assert indicator("network.partners", end=date(2026, 1, 31)) == 1
    assert indicator("network.partners", start=date(2026, 2, 1), end=date(2026, 2, 28)) == 2
    assert indicator("network.partners", end=date(2026, 3, 31), district_id=north.id) == 2
    assert indicator("network.partners", end=date(2026, 3, 31), district_id=south.id) == 1
