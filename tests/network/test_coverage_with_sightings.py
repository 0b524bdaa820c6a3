"""Coverage gaps read the rumours area: districts where rumours are heard but no partner is."""

from __future__ import annotations

from datetime import timedelta

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.network.services import analytics

from .. import factories as core
from ..conftest import make_test_app
from ..rumours import factories as rumours
from ..support import login
from . import factories


def test_districts_with_sightings_and_no_member_are_gaps():
    served, unserved, quiet = core.district("port"), core.district("gare"), core.district("nord")
    factories.organisation("Radio du Port", sector="media", district=served)
    heard = rumours.rumour("Ils prennent nos logements")
    for _ in range(3):
        rumours.sighting(heard, district_id=unserved.id)
    rumours.sighting(heard, district_id=served.id)
    rumours.sighting(heard, district_id=quiet.id, seen_on=today() - timedelta(days=800))

    gaps = analytics.coverage()

    assert gaps.unserved_districts == [(unserved.id, 3)]  # the old sighting is out of the window
    assert (served.id, "media") not in gaps.empty_cells
    assert (unserved.id, "media") in gaps.empty_cells


def test_analytics_page_names_the_unserved_district(client):
    unserved = core.district("gare", "Quartier de la Gare", "Station district")
    heard = rumours.rumour("On ne peut plus sortir le soir")
    rumours.sighting(heard, district_id=unserved.id)
    login(client, core.user("coordinator", locale="en"))
    page = client.get("/network/analytics").get_data(as_text=True)
    assert "<li>Station district: 1 sighting in the last twelve months</li>" in page


def test_without_the_rumours_area_coverage_counts_no_sightings(database_url):
    unserved = core.district("gare")
    rumours.sighting(rumours.rumour("Ils prennent nos logements"), district_id=unserved.id)
    db.session.commit()
    without_rumours = make_test_app(database_url, AREAS=("core", "auth", "network"))
    with without_rumours.app_context():
        gaps = analytics.coverage()
        db.engine.dispose()
    assert gaps.unserved_districts == []
    assert (unserved.id, "media") in gaps.empty_cells
