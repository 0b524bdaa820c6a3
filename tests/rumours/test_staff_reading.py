"""Municipal staff read the rumour register: every page they may open, and what it keeps
from them (drafts, hateful words, who reported a sighting)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from icc_network.core.clock import today

from .. import factories as core
from ..support import count_queries, login
from . import factories

WITHHELD = ("SECRET draft", "OLD figure", "HATEFUL words")


@pytest.fixture
def register():
    reporter = core.user("agent", name="Rachida Reporter", email="rachida.reporter@example.org")
    rumour = factories.rumour("Les immigrés prennent nos emplois", "Immigrants take our jobs",
                              status="validated")
    factories.argument(rumour, fr="Sept emplois sur dix", en="Seven jobs in ten")
    factories.argument(rumour, kind="emotional", status="draft", fr="BROUILLON secret",
                       en="SECRET draft")
    factories.argument(rumour, status="expired", fr="Vieux chiffre", en="OLD figure",
                       valid_until=today() - timedelta(days=3))
    factories.sighting(rumour, hateful=True, verbatim="HATEFUL words", reporter_id=reporter.id)
    factories.sighting(rumour, verbatim="plain words", reporter_id=reporter.id)
    reported = factories.rumour("Rumeur tout juste signalée", "A rumour just reported",
                                status="reported")
    return rumour, reported, reporter


@pytest.fixture
def staff(client):
    user = core.user("staff", locale="en")
    login(client, user)
    return user


def _never_shown(page: str, reporter) -> None:
    for secret in (*WITHHELD, reporter.name, reporter.email):
        assert secret not in page


def test_staff_read_the_list_of_rumours_without_the_managers_tools(client, register, staff):
    rumour, reported, reporter = register
    response = client.get("/rumours")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Immigrants take our jobs" in page and "A rumour just reported" in page
    assert "New rumour" not in page and "/rumours/export" not in page
    assert "/sightings/import" not in page
    _never_shown(page, reporter)


def test_staff_read_a_rumour_with_its_validated_arguments_only(client, register, staff):
    rumour, _, reporter = register
    response = client.get(f"/rumours/{rumour.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Seven jobs in ten" in page and "plain words" in page
    assert "(words withheld)" in page
    assert f"/rumours/{rumour.id}/edit" not in page and "/arguments/new" not in page
    assert "/status\"" not in page and "/validate\"" not in page
    _never_shown(page, reporter)


def test_the_rumour_page_costs_staff_no_more_queries_with_more_sightings(app, client, register,
                                                                         staff):
    rumour, _, reporter = register
    with count_queries(app) as few:
        client.get(f"/rumours/{rumour.id}")
    for n in range(15):
        factories.sighting(rumour, verbatim=f"more words {n}", reporter_id=reporter.id)
    with count_queries(app) as many:
        client.get(f"/rumours/{rumour.id}")
    assert many.count == few.count


def test_staff_report_a_sighting_of_any_rumour_of_the_register(client, register, staff):
    _, reported, reporter = register
    page = client.get(f"/sightings/new?rumour={reported.id}").get_data(as_text=True)
    assert "You are reporting:" in page and "A rumour just reported" in page
    _never_shown(page, reporter)


def test_the_kit_sheet_shows_staff_no_draft_and_no_words_heard(client, register, staff):
    rumour, _, reporter = register
    page = client.get(f"/kit/{rumour.id}").get_data(as_text=True)
    assert "Seven jobs in ten" in page and "plain words" not in page
    _never_shown(page, reporter)


@pytest.mark.parametrize("path", ["/rumours/dashboard", "/rumours/export", "/rumours/new",
                                  "/sightings/import", "/rumours/lists/themes"])
def test_staff_do_not_reach_the_coordinators_pages(client, register, staff, path):
    assert client.get(path).status_code == 403


def test_staff_never_open_a_draft_argument(client, register, staff):
    rumour, _, _ = register
    draft = factories.argument(rumour, status="draft", en="Another draft")
    assert client.get(f"/arguments/{draft.id}/edit").status_code == 403
