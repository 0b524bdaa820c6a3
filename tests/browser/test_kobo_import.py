"""A coordinator imports a KoboToolbox export in a browser: the mapping step, then the
import, every page accessible."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.rumours.models import Sighting

from .. import factories as core
from ..rumours import factories
from .helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent.parent / "rumours" / "data"


def test_a_coordinator_maps_a_kobo_export_then_imports_it(page):
    core.district("centre", "Centre-ville", "City centre")
    core.district("gare", "Quartier de la Gare", "Station district")
    factories.rumour("Ils prennent nos emplois", "They take our jobs")
    factories.rumour("Ils ont tous les logements sociaux", "They get all social housing")
    sign_in(page, core.user("coordinator", locale="en"))
    page.goto("/sightings/import")
    assert page.get_by_role("link", name="Download the survey form").count() == 1
    page.locator("#file").set_input_files(str(DATA / "kobo_labels.csv"))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tell what this form").is_visible()
    assert page.get_by_label("Arabe").input_value() == "other"
    page.get_by_label("signalement_propos_entendus").select_option("verbatim")
    assert_accessible(page, "the mapping step")
    page.get_by_role("button", name="Save the mapping and check the file again").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 new sightings are ready").is_visible()
    page.get_by_role("button", name="Import these sightings").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 sightings imported").is_visible()
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Sighting)) == 3
