"""The rumours dashboard read on a desk and on a phone: small charts, the map, no axe failure."""

from __future__ import annotations

import json
from datetime import timedelta

from playwright.sync_api import expect

from icc_network.core.clock import today
from icc_network.core.demo import boundaries
from icc_network.extensions import db
from icc_network.rumours.services.stats import rebuild_aggregates

from .. import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def _city() -> None:
    shapes = boundaries(3)
    theme = rumour_factories.theme("Emploi", "Jobs")
    for n, shape in enumerate(shapes):
        district = factories.district(f"q{n}", f"Quartier {n}", f"District {n}", boundary=shape)
        rumour = rumour_factories.rumour(f"Rumeur {n}", f"Rumour {n}", theme_id=theme.id)
        for weeks in range(1, 6 + n):
            rumour_factories.sighting(rumour, district_id=district.id,
                                      seen_on=today() - timedelta(weeks=weeks))
    factories.district("sans", "Sans contour", "No outline")
    rebuild_aggregates()
    db.session.commit()


def test_the_dashboard_is_readable_and_accessible_on_a_desk_and_a_phone(new_page):
    _city()
    coordinator = factories.user("coordinator", locale="fr")
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = new_page(locale="fr-FR", viewport=viewport)
        sign_in(page, coordinator)
        page.goto("/rumours/dashboard")
        expect(page.locator("svg.district-map path")).to_have_count(4)
        expect(page.locator("#theme-weeks")).to_be_hidden()  # folded under its summary
        drawn = page.evaluate("""() => Array.from(document.querySelectorAll(
            'canvas[data-pick]')).map(c => Chart.getChart(c) ? Chart.getChart(c).data.datasets
            .map(s => s.data.length) : null)""")
        assert drawn and all(sets == [25] for sets in drawn), json.dumps(drawn)  # 26 weeks - 1
        assert_accessible(page, f"dashboard at {viewport['width']} px")


def test_an_admin_imports_boundaries_after_seeing_them(page, tmp_path):
    factories.district("gare", "La Gare", "Station")
    admin = factories.user("admin", locale="en")
    ring = [[2.0, 46.0], [2.01, 46.0], [2.01, 46.01], [2.0, 46.01], [2.0, 46.0]]
    upload = tmp_path / "districts.geojson"
    upload.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "gare"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    sign_in(page, admin)
    page.goto("/admin/districts")
    page.get_by_role("link", name="Import boundaries").click()
    page.locator("#file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("svg.district-map path")).to_have_count(1)
    assert_accessible(page, "boundary preview")
    page.get_by_role("button", name="Import the boundaries").click()
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text("1 boundaries")
