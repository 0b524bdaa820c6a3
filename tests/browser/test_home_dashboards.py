"""Each role's dashboard in headless Chromium: the home page loads, passes the
accessibility scan in English and in French, and each chart is drawn from its table."""

from __future__ import annotations

import pytest

from ..core.dashboards_data import account, records
from ..network import factories as network_factories
from .helpers import assert_accessible, sign_in

ROLES = ("admin", "coordinator", "trainer", "partner", "staff", "agent")


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_every_roles_dashboard_is_accessible(app, new_page, locale):
    organisation = network_factories.organisation("Maison des Possibles")
    records(3, organisation)
    users = {role: account(role, organisation, locale[:2]) for role in ROLES}
    for role, user in users.items():
        page = new_page(locale=locale)
        sign_in(page, user)
        page.goto("/")
        assert page.locator(".dashboard-panel").count() >= 2, role
        assert_accessible(page, f"the home page of a {role}")
        page.close()


def test_each_headline_sparkline_is_drawn_from_a_table_of_figures(app, new_page):
    organisation = network_factories.organisation()
    records(2, organisation)
    page = new_page()
    sign_in(page, account("staff"))
    page.goto("/")
    page.wait_for_load_state("load")
    charts = page.locator("canvas[data-sparkline]")
    assert charts.count() == 2
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-sparkline]')]"
                          ".filter(c => window.Chart && Chart.getChart(c)).length")
    assert drawn == 2
    for index in range(2):
        table_id = charts.nth(index).get_attribute("data-chart-for")
        table = page.locator(f"#{table_id}")
        assert table.locator("tbody tr").count() == 2
    page.locator("#panel-headline-measures summary").first.click()
    assert page.locator("#panel-headline-measures table").first.is_visible()
