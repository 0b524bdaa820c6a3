"""Coverage gaps flag the districts where a rumour is rising and few partners work."""

from __future__ import annotations

from datetime import timedelta

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.network import graph
from icc_network.network.services import analytics
from icc_network.rumours.services import stats

from .. import factories as core
from ..rumours import factories as rumours
from ..support import login
from . import factories


def _rising(rumour, district, times: int = 4) -> None:
    """Heard ``times`` in the last days, once three months ago: rising by the rumours' rule."""
    for n in range(times):
        rumours.sighting(rumour, district_id=district.id, seen_on=today() - timedelta(days=n))
    rumours.sighting(rumour, district_id=district.id, seen_on=today() - timedelta(weeks=10))


def _steady(rumour, district) -> None:
    for weeks in range(0, 16):
        rumours.sighting(rumour, district_id=district.id, seen_on=today() - timedelta(weeks=weeks))


def test_a_rising_rumour_in_a_district_with_few_partners_is_flagged_and_named(app):
    thin, covered, calm = core.district("gare"), core.district("port"), core.district("nord")
    factories.organisation("Radio de la Gare", sector="media", district=thin)
    for n in range(3):
        factories.organisation(f"Association du Port {n}", district=covered)
    for n in range(2):
        factories.organisation(f"Club du Nord {n}", district=calm)
    mosques = rumours.rumour("La mairie finance les mosquées avec nos impôts")
    jobs = rumours.rumour("Ils prennent nos emplois")
    _rising(mosques, thin)
    _rising(jobs, thin, times=3)
    _rising(mosques, covered)  # three partners: enough with the default setting
    _steady(rumours.rumour("Rumeur ancienne"), calm)  # heard, but not rising
    stats.rebuild_aggregates()

    gaps = analytics.coverage()

    assert app.config["COVERAGE_MIN_PARTNERS"] == 3
    assert gaps.rising_districts == [(thin.id, 1, [(mosques.id, mosques.wording),
                                                   (jobs.id, jobs.wording)])]


def test_the_threshold_is_a_setting(app, monkeypatch):
    covered = core.district("port")
    for n in range(3):
        factories.organisation(f"Association {n}", district=covered)
    heard = rumours.rumour("Ils ne veulent pas s'intégrer")
    _rising(heard, covered)
    stats.rebuild_aggregates()
    assert analytics.coverage().rising_districts == []
    monkeypatch.setitem(app.config, "COVERAGE_MIN_PARTNERS", 4)
    assert analytics.coverage().rising_districts == [(covered.id, 3, [(heard.id, heard.wording)])]


def test_untriaged_rumours_are_not_named(app):
    district = core.district("gare")
    reported = rumours.rumour("Des mots qu'un agent a tapés tels quels", status="reported")
    _rising(reported, district)
    stats.rebuild_aggregates()
    assert analytics.coverage().rising_districts == []


def test_without_the_rumours_area_nothing_is_flagged():
    gaps = graph.coverage_gaps({("d", "media"): 1}, ["d"], ["media"], {}, rising=None,
                               min_partners=3)
    assert gaps.rising_districts == []
    gaps = graph.coverage_gaps({("d", "media"): 1}, ["d"], ["media"], {},
                               rising={"d": ["r"], "gone": ["r"]}, min_partners=3)
    assert gaps.rising_districts == [("d", 1, ["r"])]  # an inactive district is left out


def test_the_analytics_page_names_the_district_and_its_rising_rumours(client):
    thin = core.district("gare", "Quartier de la Gare", "Station district")
    heard = rumours.rumour("La mairie finance les mosquées", "The town hall funds mosques")
    _rising(heard, thin)
    stats.rebuild_aggregates()
    db.session.commit()
    login(client, core.user("coordinator", locale="en"))
    page = client.get("/network/analytics").get_data(as_text=True)
    assert "where fewer than 3 members of the network work:" in page
    assert "<strong>Station district</strong> (0 members)" in page
    assert "“The town hall funds mosques”" in page
