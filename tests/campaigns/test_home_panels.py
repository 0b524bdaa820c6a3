"""What the campaigns area puts on the home page: the campaigns running (coordinators) and
the campaigns a partner's organisation takes part in."""

from __future__ import annotations

from datetime import timedelta

from icc_network.campaigns.services.campaigns import running_campaigns
from icc_network.campaigns.services.participation import organisation_campaigns
from icc_network.core.clock import today

from ..network import factories as network
from . import factories


def test_running_campaigns_end_soonest_first_with_their_partners():
    day = today()
    later = factories.campaign(status="running", starts_on=day - timedelta(days=9),
                               ends_on=day + timedelta(days=40))
    sooner = factories.campaign(status="running", starts_on=day - timedelta(days=9),
                                ends_on=day + timedelta(days=4))
    factories.campaign(status="planned", starts_on=day + timedelta(days=9),
                       ends_on=day + timedelta(days=40))
    for state in ("accepted", "pending", "declined"):
        factories.participation(sooner, network.organisation(), state=state)
    rows, total = running_campaigns(limit=5)
    assert [(c.id, n) for c, n in rows] == [(sooner.id, 2), (later.id, 0)] and total == 2
    rows, total = running_campaigns(limit=1)
    assert [c.id for c, _n in rows] == [sooner.id] and total == 2


def test_an_organisations_campaigns_are_those_it_takes_part_in_and_not_over():
    day = today()
    mine, other = network.organisation(), network.organisation()
    current = factories.campaign(status="running", starts_on=day - timedelta(days=5),
                                 ends_on=day + timedelta(days=20))
    coming = factories.campaign(status="planned", starts_on=day + timedelta(days=5),
                                ends_on=day + timedelta(days=50))
    over = factories.campaign(status="completed", starts_on=day - timedelta(days=50),
                              ends_on=day - timedelta(days=5))
    declined = factories.campaign(status="running", starts_on=day - timedelta(days=5),
                                  ends_on=day + timedelta(days=20))
    factories.participation(current, mine, state="accepted")
    factories.participation(coming, mine, state="pending")
    factories.participation(over, mine, state="accepted")
    factories.participation(declined, mine, state="declined")
    factories.participation(declined, other, state="accepted")
    rows, total = organisation_campaigns(mine.id, day)
    assert [r.campaign.id for r in rows] == [current.id, coming.id] and total == 2
    rows, total = organisation_campaigns(mine.id, day, limit=1)
    assert len(rows) == 1 and total == 2
    assert organisation_campaigns(network.organisation().id, day) == ([], 0)
