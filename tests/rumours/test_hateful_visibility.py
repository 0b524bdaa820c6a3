"""A report marked hateful never shows its words beyond coordinators: as a rumour's wording
(lists, detail, search, suggestions, kit, worklist), in exports, or in notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from icc_network.core import notifications
from icc_network.core.clock import today
from icc_network.core.models import AuditLog, Notification
from icc_network.extensions import db
from icc_network.rumours.models import Rumour, Sighting
from icc_network.rumours.services import attention, catalogue, hateful
from icc_network.rumours.services.sightings import insert_sightings, week_of

from .. import factories as core
from ..support import login
from . import factories

WORDS = "Ces gens sont des parasites"
PLACEHOLDER = "Report awaiting triage (hateful content hidden)"


def _report_hateful_rumour(client) -> Rumour:
    login(client, core.user("agent", locale="fr"))
    response = client.post_form("/sightings/new", factories.sighting_form(
        heard=WORDS, rumour="new", hateful="y", verbatim="des insultes"))
    assert response.status_code == 302
    return db.session.scalar(select(Rumour))


def _withheld_rumour() -> Rumour:
    rumour = factories.rumour(WORDS, None, status="reported", hateful_origin=True)
    factories.sighting(rumour, hateful=True, verbatim="des insultes")
    return rumour


def test_a_hateful_report_typed_as_a_new_rumour_keeps_its_words_from_others(client):
    rumour = _report_hateful_rumour(client)
    assert rumour.hateful_origin and rumour.wording_withheld
    assert rumour.wording == {"fr": WORDS}


@pytest.mark.parametrize("role", ["trainer", "staff"])
def test_other_roles_see_the_placeholder_in_the_list_and_on_the_page(client, role):
    rumour = _withheld_rumour()
    login(client, core.user(role, locale="en"))
    for path in ("/rumours", f"/rumours/{rumour.id}", f"/sightings?rumour={rumour.id}"):
        response = client.get(path)
        if response.status_code == 403:  # staff do not read the sightings register
            continue
        page = response.get_data(as_text=True)
        assert WORDS not in page and "des insultes" not in page, path
        assert PLACEHOLDER in page, path
    assert db.session.scalar(select(AuditLog).where(
        AuditLog.action == hateful.READ_ACTION)) is None


def test_coordinators_read_the_words_and_the_rumour_page_is_audited_once_per_view(client):
    rumour = _withheld_rumour()
    coordinator = core.user("coordinator", locale="en")
    login(client, coordinator)
    assert WORDS in client.get("/rumours").get_data(as_text=True)
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert WORDS in page and "des insultes" in page and "reword it neutrally" in page
    client.get(f"/rumours/{rumour.id}")
    entries = db.session.scalars(select(AuditLog).where(
        AuditLog.action == hateful.READ_ACTION).order_by(AuditLog.id)).all()
    assert len(entries) == 2 and all(e.user_id == coordinator.id for e in entries)
    assert entries[0].entity_type == "rumour" and entries[0].entity_id == str(rumour.id)
    assert entries[0].details["page"] == "rumour"
    assert entries[0].details["rumour_wording"] == rumour.id
    assert len(entries[0].details["sightings"]) == 1


def test_once_triaged_the_wording_is_shown_to_everyone(client):
    rumour = _withheld_rumour()
    catalogue.change_status(rumour, "triaged", actor=core.user("coordinator"),
                            verdict="false")
    assert not rumour.wording_withheld
    login(client, core.user("trainer", locale="en"))
    assert WORDS in client.get(f"/rumours/{rumour.id}").get_data(as_text=True)


def test_a_search_by_its_words_does_not_find_it_for_others(client):
    rumour = _withheld_rumour()
    login(client, core.user("trainer", locale="en"))
    page = client.get("/rumours?q=parasites").get_data(as_text=True)
    assert f"/rumours/{rumour.id}\"" not in page and "No rumour matches" in page
    login(client, core.user("coordinator", locale="en"))
    assert f"/rumours/{rumour.id}\"" in client.get("/rumours?q=parasites").get_data(as_text=True)


@pytest.mark.parametrize("role", ["partner", "trainer", "staff", "agent"])
def test_suggestions_never_offer_it_to_other_roles(client, role):
    rumour = _withheld_rumour()
    login(client, core.user(role, locale="fr"))
    offered = client.get("/sightings/suggest.json?q=ces gens sont des parasites").get_json()
    assert rumour.id not in [s["id"] for s in offered["suggestions"]]
    form = client.post_form("/sightings/new", factories.sighting_form(heard=WORDS))
    assert f'id="rumour-{rumour.id}"' not in form.get_data(as_text=True)


def test_suggestions_offer_it_to_coordinators(client):
    rumour = _withheld_rumour()
    login(client, core.user("coordinator", locale="fr"))
    offered = client.get("/sightings/suggest.json?q=ces gens sont des parasites").get_json()
    assert [s["id"] for s in offered["suggestions"]] == [rumour.id]


@pytest.mark.parametrize("role", ["coordinator", "trainer"])
def test_exports_carry_the_placeholder_and_no_hateful_words(client, role):
    rumour = _withheld_rumour()
    factories.sighting(factories.rumour("Rumeur ordinaire"), verbatim="mots ordinaires")
    login(client, core.user(role, locale="en"))
    sightings = client.get("/sightings/export?format=csv").get_data(as_text=True)
    assert "mots ordinaires" in sightings and PLACEHOLDER in sightings
    assert WORDS not in sightings and "des insultes" not in sightings
    if role == "coordinator":
        rumours = client.get("/rumours/export?format=csv").get_data(as_text=True)
        assert PLACEHOLDER in rumours and WORDS not in rumours
        assert f"{rumour.id}," in rumours


def test_the_translation_worklist_leaves_it_out(client):
    _withheld_rumour()
    for role in ("trainer", "coordinator"):
        login(client, core.user(role, locale="en"))
        page = client.get("/translations/worklist").get_data(as_text=True)
        assert WORDS not in page and "parasites" not in page


def test_the_kit_and_the_field_home_page_leave_it_out_until_triage(client):
    rumour = _withheld_rumour()
    factories.argument(rumour, fr="Un fait solide", en="A solid fact")
    login(client, core.user("partner", locale="en"))
    assert "A solid fact" not in client.get("/kit").get_data(as_text=True)
    assert client.get(f"/kit/{rumour.id}").status_code in (200, 404)
    assert WORDS not in client.get(f"/kit/{rumour.id}").get_data(as_text=True)
    assert WORDS not in client.get("/").get_data(as_text=True)


def test_coordinators_are_told_without_the_words_when_a_hateful_report_arrives(client):
    first, second = core.user("coordinator"), core.user("coordinator")
    core.user("trainer"), core.user("admin")
    _report_hateful_rumour(client)
    sighting = db.session.scalar(select(Sighting))
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == hateful.REPORTED_KIND).order_by(Notification.user_id)).all()
    assert [n.user_id for n in notes] == [first.id, second.id]
    assert notes[0].link == f"/rumours/hateful/{sighting.id}"
    text = notifications.render(notes[0], "en")
    assert f"sighting no. {sighting.id}" in text
    assert WORDS not in text and "insultes" not in text


def test_a_report_that_is_not_hateful_sends_no_hateful_notice(client):
    core.user("coordinator")
    login(client, core.user("agent", locale="fr"))
    client.post_form("/sightings/new", factories.sighting_form(heard="Ils ont tout", rumour="new"))
    # Only the new report's notice (tests/rumours/test_triage.py), nothing about hate.
    assert db.session.scalars(select(Notification.kind)).all() == ["rumours.to_triage"]
    assert not db.session.scalar(select(Rumour)).hateful_origin


def test_an_import_with_hateful_reports_sends_one_notice(app):
    coordinator, importer = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    rows = [{"rumour_id": rumour.id, "seen_on": rumour.first_detected,
             "week_start": week_of(rumour.first_detected), "district_id": None,
             "sphere": "street", "venue": "", "channel": "overheard", "people_count": 1,
             "language": "fr", "verbatim": f"mots {n}", "hateful": n < 2, "reporter_id": None,
             "import_key": f"k{n}"} for n in range(3)]
    assert insert_sightings(rows, actor=importer) == 3
    notes = db.session.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind, n.params) for n in notes] == [
        (coordinator.id, hateful.IMPORTED_KIND, {"n": 2})]


def test_alerts_about_a_withheld_rumour_carry_the_placeholder(app):
    core.user("coordinator")
    rumour = _withheld_rumour()
    rumour.alert_deadline = today() - timedelta(days=1)
    attention.notify_overdue(today())
    note = db.session.scalar(select(Notification).where(
        Notification.kind == "rumours.alert_overdue"))
    assert note.params["rumour"]["en"] == PLACEHOLDER
    assert WORDS not in notifications.render(note, "fr")


def test_the_annual_report_names_a_withheld_rumour_by_the_placeholder():
    from icc_network.evaluation.services import annual_report

    _withheld_rumour()
    report = annual_report.gather(today().year)  # its sighting was heard today
    assert [wording for wording, _n in report.rumours.top] == [hateful.placeholder()]
