"""The home page is each role's dashboard: the panels of the role, with their data, an
empty state when there is nothing, and as many queries however much there is."""

from __future__ import annotations

import re

import pytest

from .. import factories
from ..network import factories as network
from ..support import login
from .dashboards_data import account as _account
from .dashboards_data import records as _records

COORDINATOR_PANELS = {"rumours-attention", "triage-inbox", "hateful-reports", "campaigns-running",
                      "decisions-due", "headline-measures"}
PANELS = {
    "admin": COORDINATOR_PANELS,
    "coordinator": COORDINATOR_PANELS,
    "trainer": {"sessions-of-month", "near-certification", "certificates-expiring"},
    "partner": {"organisation-campaigns", "next-activities", "latest-arguments"},
    "staff": {"headline-measures", "latest-arguments"},
    "agent": {"my-training", "next-activities", "latest-arguments"},
}


def _panels(page: str) -> set[str]:
    return set(re.findall(r'dashboard-panel" id="panel-([a-z-]+)"', page))


@pytest.mark.parametrize("role", sorted(PANELS))
def test_each_role_sees_exactly_its_panels_with_their_data(client, role):
    organisation = network.organisation("Maison des Possibles")
    _records(2, organisation)
    login(client, _account(role, organisation))
    page = client.get("/").get_data(as_text=True)
    assert _panels(page) == PANELS[role]
    # Every panel but the next activities (none planned here) has something to show.
    assert page.count("dashboard-empty") == len(PANELS[role] & {"next-activities"})


def test_the_coordinators_dashboard_shows_what_needs_attention(client):
    organisation = network.organisation()
    _records(2, organisation)
    login(client, factories.user("coordinator", locale="en"))
    page = client.get("/").get_data(as_text=True)
    assert "Rumours needing attention" in page and "2 rumours have a statistic past" in page
    assert "Campaigns running" in page and "1 partner organisation" in page
    assert "1 decision is overdue" in page and "due on" in page
    assert "moving the right way" in page and 'data-chart-for="headline-' in page
    assert "chart.umd.min." in page and "css/evaluation." in page  # versioned names


def test_the_trainers_dashboard_counts_without_naming_anyone(client):
    _records(3, network.organisation())
    login(client, factories.user("trainer", locale="en"))
    page = client.get("/").get_data(as_text=True)
    assert "Sessions this month" in page and "3 people" in page and "3 certificates" in page
    assert "Camille" not in page  # the factories' first names


@pytest.mark.parametrize("role", sorted(PANELS))
def test_every_panel_says_when_it_has_nothing_to_show(client, role):
    organisation = network.organisation()
    login(client, _account(role, organisation))
    page = client.get("/").get_data(as_text=True)
    shown = _panels(page) - {"my-training"}  # an agent's record always has something
    assert page.count("dashboard-empty") == len(shown)


def test_a_partner_without_organisation_and_an_agent_without_record_lose_those_panels(client):
    login(client, factories.user("partner", locale="en"))
    assert _panels(client.get("/").get_data(as_text=True)) == {"next-activities",
                                                               "latest-arguments"}
    login(client, factories.user("agent", locale="en"))
    assert _panels(client.get("/").get_data(as_text=True)) == {"next-activities",
                                                               "latest-arguments"}


@pytest.mark.parametrize("role", sorted(PANELS))
def test_each_dashboard_costs_as_many_queries_however_much_there_is(client, query_counter,
                                                                    role):
    organisation = network.organisation()
    user = _account(role, organisation)
    # Past the few rows a panel lists, it counts the rest: the count is the same after.
    _records(6, organisation)
    login(client, user)
    with query_counter() as few:
        assert client.get("/").status_code == 200
    _records(6, organisation)
    with query_counter() as many:
        assert client.get("/").status_code == 200
    assert many.count == few.count
    assert many.count <= 16
