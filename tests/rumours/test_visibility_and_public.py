"""Who sees what: drafts, hateful words, the kit, the public catalogue and the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest

from icc_network.core.clock import today
from icc_network.core.scheduling import job_specs
from icc_network.scheduler import run_job

from .. import factories as core
from ..support import login
from . import factories


@pytest.fixture
def catalogue():
    rumour = factories.rumour("Les immigrés prennent nos emplois", "Immigrants take our jobs",
                              status="validated", published=True)
    factories.argument(rumour, fr="Sept emplois sur dix", en="Seven jobs in ten")
    factories.argument(rumour, kind="emotional", status="draft", fr="BROUILLON secret",
                       en="SECRET draft")
    factories.argument(rumour, status="expired", fr="Vieux chiffre", en="OLD figure",
                       valid_until=today() - timedelta(days=3))
    factories.sighting(rumour, hateful=True, verbatim="HATEFUL words")
    factories.sighting(rumour, verbatim="plain words")
    hidden = factories.rumour("Rumeur non publiée", "Unpublished rumour", status="validated")
    factories.argument(hidden, fr="Fait caché", en="Hidden fact")
    return rumour, hidden


@pytest.mark.parametrize("role", ["partner", "agent"])
def test_partners_and_agents_read_only_the_kit(client, catalogue, role):
    rumour, hidden = catalogue
    login(client, core.user(role, locale="en"))
    assert client.get(f"/rumours/{rumour.id}").status_code == 403
    kit = client.get("/kit").get_data(as_text=True)
    assert "Seven jobs in ten" in kit and "Hidden fact" in kit
    sheet = client.get(f"/kit/{rumour.id}").get_data(as_text=True)
    assert "Seven jobs in ten" in sheet
    for secret in ("SECRET draft", "OLD figure", "HATEFUL words", "plain words"):
        assert secret not in kit and secret not in sheet


def test_trainers_read_rumours_but_not_drafts_or_hateful_words(client, catalogue):
    rumour, _ = catalogue
    login(client, core.user("trainer", locale="en"))
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert "Seven jobs in ten" in page and "plain words" in page
    assert "SECRET draft" not in page and "OLD figure" not in page
    assert "HATEFUL words" not in page and "(words withheld)" in page


def test_coordinators_see_everything(client, catalogue):
    rumour, _ = catalogue
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    for text in ("SECRET draft", "OLD figure", "HATEFUL words", "plain words"):
        assert text in page


def test_anonymous_sees_only_published_answers(client, catalogue):
    rumour, hidden = catalogue
    listing = client.get("/catalogue", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Seven jobs in ten" in listing and "Hidden fact" not in listing
    page = client.get(f"/catalogue/{rumour.id}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "SECRET draft" not in text and "OLD figure" not in text
    assert client.get(f"/catalogue/{hidden.id}").status_code == 404
    assert client.get("/catalogue/999999").status_code == 404
    assert client.get(f"/kit/{rumour.id}").status_code == 302
    assert client.get("/rumours").status_code == 302


def test_the_kit_sheet_leads_with_the_fact_in_the_language_asked(client, catalogue):
    rumour, _ = catalogue
    login(client, core.user("partner", locale="en"))
    french = client.get(f"/kit/{rumour.id}?lang=fr").get_data(as_text=True)
    assert french.index("Sept emplois sur dix") < french.index("Les immigrés prennent nos emplois")
    assert "La rumeur à laquelle cela répond" in french
    english = client.get(f"/kit/{rumour.id}?lang=en").get_data(as_text=True)
    assert english.index("Seven jobs in ten") < english.index("Immigrants take our jobs")


def test_a_rumour_without_current_argument_has_no_kit_sheet(client):
    rumour = factories.rumour()
    factories.argument(rumour, status="draft")
    login(client, core.user("partner"))
    assert client.get(f"/kit/{rumour.id}").status_code == 404


def test_dashboard_reads_the_aggregates_the_job_builds(app, client, query_counter):
    coordinator = core.user("coordinator", locale="en")
    theme = factories.theme("Emploi", "Jobs")
    district = core.district("gare", "La Gare", "Station")
    rising = factories.rumour("Montante", "Rising one", theme_id=theme.id)
    for days in (1, 3, 5, 8, 10):
        factories.sighting(rising, district_id=district.id, seen_on=today() - timedelta(days=days))
    factories.rumour(status="triaged", first_detected=today() - timedelta(days=40),
                     alert_deadline=today() - timedelta(days=1), fr="En retard", en="Late one")
    login(client, coordinator)
    before = client.get("/rumours/dashboard").get_data(as_text=True)
    assert "have not been computed yet" in before and "Late one" in before
    from icc_network.extensions import db

    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "rumours.aggregate_sightings"))
    with query_counter() as first:
        response = client.get("/rumours/dashboard?weeks=13")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Rising one" in page and "Figures as of" in page
    assert 'data-value="5"' not in page or "Station" in page
    for _ in range(10):
        factories.sighting(factories.rumour(theme_id=theme.id), district_id=district.id)
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "rumours.aggregate_sightings"))
    with query_counter() as second:
        response = client.get("/rumours/dashboard?weeks=13")
    assert response.status_code == 200
    assert second.count == first.count
    assert client.get("/rumours/dashboard?weeks=abc").status_code == 200


@pytest.mark.parametrize("path, role", [("/kit", "partner"), ("/catalogue", None)])
def test_kit_and_catalogue_query_counts_do_not_grow_with_the_page(client, query_counter, path,
                                                                 role):
    if role:
        login(client, core.user(role))
    theme = factories.theme()
    first = factories.rumour(status="validated", published=True, theme_id=theme.id)
    factories.argument(first)
    with query_counter() as few:
        response = client.get(path)
    assert response.status_code == 200
    for _ in range(30):
        rumour = factories.rumour(status="validated", published=True, theme_id=theme.id)
        factories.argument(rumour)
        factories.argument(rumour, kind="question")
    with query_counter() as many:
        response = client.get(path + "?per_page=50")
    assert response.status_code == 200
    assert many.count == few.count
