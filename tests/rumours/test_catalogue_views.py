"""The coordinators' pages through the client, CSRF on."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.models import CounterArgument, Rumour

from .. import factories as core
from ..support import login
from . import factories


def _form(**overrides) -> dict:
    data = {"wording-fr": "Ils ont tous les logements", "wording-en": "", "theme_id": "",
            "detection": "survey", "first_detected": today().isoformat(), "risk": "moderate",
            "alert_deadline": "", "assignee_id": "", "verdict": "false", "spheres": ["market"]}
    data.update(overrides)
    return data


def test_a_coordinator_records_a_rumour(client):
    coordinator = core.user("coordinator", locale="en")
    theme, group = factories.theme(), factories.target_group()
    login(client, coordinator)
    response = client.post_form("/rumours/new", _form(theme_id=str(theme.id),
                                                      target_groups=[str(group.id)],
                                                      assignee_id=str(coordinator.id)))
    assert response.status_code == 302
    rumour = db.session.scalar(select(Rumour))
    assert rumour.wording == {"fr": "Ils ont tous les logements"} and rumour.theme_id == theme.id
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert "Ils ont tous les logements" in page and "not yet translated" in page


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client):
    login(client, core.user("coordinator", locale="en"))
    future = (today() + timedelta(days=5)).isoformat()
    for data in (_form(first_detected=future), _form(**{"wording-fr": ""}),
                 _form(first_detected="31/31/2026"), _form(theme_id="99999"),
                 _form(risk="total"), _form(spheres=["mars"]), _form(target_groups=["abc"])):
        response = client.post_form("/rumours/new", data)
        assert response.status_code == 200
        assert "Please correct the fields marked below" in response.get_data(as_text=True)
    page = client.post_form("/rumours/new", _form(first_detected=future)).get_data(as_text=True)
    assert "Ils ont tous les logements" in page and "This date is in the future." in page
    assert db.session.scalar(select(Rumour)) is None


def test_the_edit_form_shows_current_values_and_saves_changes(client):
    group = factories.target_group()
    rumour = factories.rumour("Avant", None, target_groups=[group])
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/rumours/{rumour.id}/edit").get_data(as_text=True)
    assert re.search(rf'name="target_groups" value="{group.id}"\s+id="[^"]+" checked', page)
    response = client.post_form(f"/rumours/{rumour.id}/edit",
                                _form(**{"wording-fr": "Après", "wording-en": "After"}))
    assert response.status_code == 302
    db.session.refresh(rumour)
    assert rumour.wording == {"fr": "Après", "en": "After"}


def test_status_workflow_through_the_page(client):
    rumour = factories.rumour(status="reported")
    login(client, core.user("coordinator", locale="en"))
    triaged = client.post_form(f"/rumours/{rumour.id}/status",
                               {"status": "triaged", "verdict": "false"})
    assert triaged.status_code == 302
    refused = client.post_form(f"/rumours/{rumour.id}/status", {"status": "fading"})
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    db.session.refresh(rumour)
    assert rumour.status == "triaged"
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert "Reported" in page and "Triaged" in page


def test_arguments_are_drafted_validated_and_published(client):
    rumour = factories.rumour(status="arguments_drafted")
    login(client, core.user("coordinator", locale="en"))
    response = client.post_form(f"/rumours/{rumour.id}/arguments/new", {
        "kind": "statistic", "text-fr": "3 % des logements", "text-en": "",
        "source_publisher": "Observatoire de démonstration", "source_url": "notaurl",
        "valid_until": (today() + timedelta(days=30)).isoformat()})
    assert response.status_code == 200 and "http://" in response.get_data(as_text=True)
    assert "3 % des logements" in response.get_data(as_text=True)
    client.post_form(f"/rumours/{rumour.id}/arguments/new", {
        "kind": "statistic", "text-fr": "3 % des logements", "source_publisher": "Observatoire",
        "valid_until": (today() + timedelta(days=30)).isoformat()})
    argument = db.session.scalar(select(CounterArgument))
    assert argument.status == "draft"
    refused = client.post_form(f"/rumours/{rumour.id}/publish", {"publish": "1"},
                               follow_redirects=True)
    assert "at least one validated" in refused.get_data(as_text=True)
    client.post_form(f"/arguments/{argument.id}/validate")
    client.post_form(f"/rumours/{rumour.id}/publish", {"publish": "1"})
    db.session.refresh(rumour)
    assert rumour.published and db.session.get(CounterArgument, argument.id).status == "validated"


def test_list_query_count_does_not_grow_with_the_page(client, query_counter):
    login(client, core.user("coordinator"))
    theme, group = factories.theme(), factories.target_group()
    factories.argument(factories.rumour(theme_id=theme.id, target_groups=[group]))
    with query_counter() as few:
        response = client.get("/rumours")
    assert response.status_code == 200
    for _ in range(30):
        rumour = factories.rumour(theme_id=theme.id, target_groups=[group])
        factories.argument(rumour)
        factories.sighting(rumour)
    with query_counter() as many:
        response = client.get("/rumours?per_page=50")
    assert response.status_code == 200
    assert many.count == few.count


def test_detail_query_count_does_not_grow_with_arguments_and_sightings(client, query_counter):
    login(client, core.user("coordinator"))
    rumour = factories.rumour()
    district = core.district()
    factories.argument(rumour)
    factories.sighting(rumour, district_id=district.id)
    with query_counter() as few:
        response = client.get(f"/rumours/{rumour.id}")
    assert response.status_code == 200
    for n in range(20):
        factories.argument(rumour, kind=("statistic", "question", "testimony", "emotional")[n % 4])
        factories.sighting(rumour, district_id=core.district().id)
    with query_counter() as many:
        response = client.get(f"/rumours/{rumour.id}")
    assert response.status_code == 200
    assert many.count == few.count


def test_export_escapes_formula_cells(client):
    factories.rumour("=HYPERLINK(\"http://evil\")", "@SUM(A1)")
    login(client, core.user("coordinator", locale="en"))
    csv_body = client.get("/rumours/export?format=csv").get_data(as_text=True)
    assert "'=HYPERLINK" in csv_body and "'@SUM(A1)" in csv_body
    xlsx = client.get("/rumours/export?format=xlsx").get_data()
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["B2"].value.startswith("'=") and sheet["A1"].value == "Number"


def test_themes_and_target_groups_are_managed_by_coordinators(client):
    login(client, core.user("coordinator", locale="en"))
    assert client.post_form("/rumours/lists/themes/new", {"name-fr": "", "name-en": "Jobs"}
                            ).status_code == 200
    client.post_form("/rumours/lists/themes/new", {"name-fr": "Emploi", "name-en": "Jobs",
                                                    "position": "1", "active": "y"})
    assert "Emploi" in client.get("/rumours/lists/themes").get_data(as_text=True) or \
        "Jobs" in client.get("/rumours/lists/themes").get_data(as_text=True)
    assert client.get("/rumours/lists/planets").status_code == 404


def test_the_list_keeps_the_chosen_filters_and_ignores_nonsense(client):
    theme = factories.theme("Santé", "Health")
    factories.rumour("Les migrants apportent des maladies", None, theme_id=theme.id)
    login(client, core.user("trainer", locale="en"))
    page = client.get(f"/rumours?status=catalogued&theme={theme.id}&q=maladies").get_data(
        as_text=True)
    assert 'value="catalogued" selected' in page and f'value="{theme.id}" selected' in page
    assert "Les migrants apportent des maladies" in page
    for query in ("from=yesterday", "district=abc", "sort=;drop", "page=-1", "per_page=0"):
        assert client.get(f"/rumours?{query}").status_code == 200


def test_the_attention_filter_lists_overdue_rumours(client):
    late = factories.rumour("Une rumeur en retard", status="triaged",
                            first_detected=today() - timedelta(days=40),
                            alert_deadline=today() - timedelta(days=1))
    factories.rumour("Une rumeur à jour", status="triaged")
    login(client, core.user("coordinator", locale="en"))
    page = client.get("/rumours?attention=overdue").get_data(as_text=True)
    assert '<option value="overdue" selected>Alert deadline passed</option>' in page
    assert f"/rumours/{late.id}" in page and "Une rumeur à jour" not in page
