"""The training reports and the counts overview in headless Chromium: accessible, with
their charts drawn from the tables, in both languages."""

from __future__ import annotations

import pytest

from icc_network.agents.services import reports
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import reports_data
from .helpers import assert_accessible, sign_in


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_reports_and_overview_are_accessible_and_draw_their_charts(app, new_page, locale):
    reports._CACHE.clear()
    record = reports_data.build()
    db.session.commit()
    page = new_page(locale=locale)
    sign_in(page, core_factories.user("partner", locale=locale[:2]))
    for path in ("/agents/reports", f"/agents/reports?period=quarter&district={record.north.id}",
                 "/agents/reports?start=2026-05-01&end=2026-01-01", "/agents/overview"):
        page.goto(path)
        assert_accessible(page, path)
    page.goto("/agents/reports")
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart-for]')]"
                          ".filter(c => c.clientHeight > 200 && window.Chart && Chart.getChart(c)).length")
    assert drawn == 4
