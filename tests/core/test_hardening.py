"""What a penetration test found, fixed by class: each test would have caught its class."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from icc_network.core.models import District
from icc_network.core.text import MAX_ID, to_int
from icc_network.extensions import db

from .. import factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from ..support import login

# --- numbers that crashed: unicode digits and ids beyond the database's integers ---------


@pytest.mark.parametrize("text, number", [
    ("12", 12), (" 7 ", 7), ("²", None), ("١٢", None), ("-3", None), ("1.5", None), ("", None),
    (None, None), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), ("9" * 100_000, None)])
def test_one_number_parser_takes_ascii_digits_within_range_only(text, number):
    assert to_int(text) == number


@pytest.mark.parametrize("url", [
    "/catalogue?theme=%C2%B2", "/catalogue?theme=99999999999999999999",
    "/catalogue?page=%C2%B2&theme=%D9%A1", "/catalogue?page=99999999999999999999"])
def test_odd_numbers_in_query_parameters_are_ignored(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("path", ["/catalogue/{}", "/kit/{}", "/rumours/{}",
                                  "/network/organisations/{}"])
@pytest.mark.parametrize("number", ["99999999999999999999", str(2**63), str(MAX_ID + 1), "%C2%B2"])
def test_ids_out_of_range_in_routes_are_not_found(client, path, number):
    login(client, factories.user("coordinator"))
    assert client.get(path.format(number)).status_code == 404


def test_ids_out_of_range_in_forms_and_filters_are_refused_not_sent(client):
    login(client, factories.user("coordinator"))
    huge = "99999999999999999999"
    for url in (f"/rumours?theme={huge}&district={huge}&target_group={huge}",
                f"/network/?district={huge}&community={huge}",
                f"/network/ties?organisation={huge}", f"/network/path?from={huge}&to=1",
                f"/sightings/new?rumour={huge}"):
        assert client.get(url).status_code == 200, url


# --- control characters: NUL on PostgreSQL, and the rest in exports ----------------------


def test_nul_and_control_characters_never_reach_the_database(client):
    login(client, factories.user("admin"))
    assert client.get("/rumours?q=a%00b").status_code == 200
    assert client.get("/network/?q=%00").status_code == 200
    response = client.post_form("/admin/districts/new", {
        "code": "port", "name-fr": "Le\x00 Port\x0b", "name-en": "The\x0c Harbour",
        "position": "1", "active": "y"})
    assert response.status_code == 302
    district = db.session.scalar(select(District).where(District.code == "port"))
    assert district.name == {"fr": "Le Port", "en": "The Harbour"}


def test_a_control_character_typed_by_a_partner_does_not_break_the_xlsx_export(client):
    network_factories.organisation("Café\x0c", description={"fr": "ligne\x0bcoupée"})
    login(client, factories.user("coordinator"))
    response = client.get("/network/organisations.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A2"].value == "Café" and sheet["G2"].value == "lignecoupée"


def test_a_control_character_in_a_rumour_does_not_break_the_rumour_export(client):
    rumour_factories.rumour("Ils \x0bprennent tout")
    login(client, factories.user("coordinator"))
    response = client.get("/rumours/export?format=xlsx")
    assert response.status_code == 200
    load_workbook(io.BytesIO(response.data))


# --- exports the permission table forbids ------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_partners_and_agents_cannot_download_the_organisation_list(client, fmt):
    network_factories.organisation("Alpha")
    for role, status in (("partner", 403), ("agent", 403), ("staff", 200), ("trainer", 200)):
        login(client, factories.user(role))
        assert client.get(f"/network/organisations.{fmt}").status_code == status, role


# --- personal data kept by caches ---------------------------------------------------------


def test_signed_in_pages_and_downloads_are_not_stored_by_caches(client):
    organisation = network_factories.organisation("Alpha")
    network_factories.contact(organisation)
    assert "no-store" not in client.get("/catalogue").headers.get("Cache-Control", "")
    login(client, factories.user("coordinator"))
    for url in ("/", f"/network/organisations/{organisation.id}", "/network/contacts.csv",
                "/account/data.json"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", url


# --- translated messages that carry user data -------------------------------------------

MARKUP = '<a href="/login" id="fake">Sign in again</a><meta http-equiv="refresh" content="0">'


def test_a_spreadsheet_cell_in_an_import_error_is_shown_as_text(client):
    network_factories.organisation("Alpha")
    login(client, factories.user("coordinator"))
    data = f"From,To,Type\nAlpha,{MARKUP.replace(',', ' ')},collaborates\n".encode()
    page = client.post_form("/network/import", {"file": (io.BytesIO(data), "ties.csv")},
                            content_type="multipart/form-data").get_data(as_text=True)
    assert 'id="fake"' not in page and "<meta http-equiv" not in page
    assert "&lt;a href=&#34;/login&#34; id=&#34;fake&#34;&gt;" in page


def test_a_rumour_wording_in_an_import_hint_is_shown_as_text(client):
    rumour_factories.rumour(f"Ils prennent nos emplois {MARKUP}")
    login(client, factories.user("coordinator"))
    data = b"rumour,date\nIls prennent nos emplois,2026-01-05\n"
    page = client.post_form("/sightings/import", {"file": (io.BytesIO(data), "s.csv")},
                            content_type="multipart/form-data").get_data(as_text=True)
    assert "Closest known rumour" in page and 'id="fake"' not in page and "&lt;meta" in page


def test_every_lazy_message_is_built_by_the_products_own_lazy_gettext():
    """Flask-Babel's own lazy strings pass for safe HTML; only core.i18n's are escaped."""
    import pathlib

    import icc_network

    root = pathlib.Path(icc_network.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if "from flask_babel import lazy_gettext" in path.read_text()
                 and path.name != "extensions.py"]  # Flask-Login's fixed sign-in prompt only
    assert offenders == []


# --- rumour wordings readable by number; a merged rumour's old id ---------------------------




@pytest.mark.parametrize("role", ["partner", "agent"])
def test_reporters_are_offered_only_rumours_past_triage(client, role):
    secret = rumour_factories.rumour("Rumeur signalée, pas encore examinée", None, status="reported")
    old = rumour_factories.rumour("Rumeur archivée depuis longtemps", None, status="archived")
    known = rumour_factories.rumour("Rumeur connue du catalogue", None, status="catalogued")
    login(client, factories.user(role))
    for hidden in (secret, old):
        page = client.get(f"/sightings/new?rumour={hidden.id}").get_data(as_text=True)
        assert (hidden.wording["fr"] not in page
                and f'name="rumour" type="hidden" value="{hidden.id}"' not in page)
    page = client.get(f"/sightings/new?rumour={known.id}").get_data(as_text=True)
    assert known.wording["fr"] in page
    refused = client.post_form("/sightings/new", rumour_factories.sighting_form(rumour=str(secret.id)))
    assert refused.status_code == 200 and secret.sighting_count == 0


@pytest.mark.parametrize("role", ["coordinator", "staff"])
def test_the_register_readers_may_prefill_any_rumour_still_in_use(client, role):
    reported = rumour_factories.rumour("Rumeur signalée hier au marché", None, status="reported")
    login(client, factories.user(role))
    page = client.get(f"/sightings/new?rumour={reported.id}").get_data(as_text=True)
    assert reported.wording["fr"] in page


def test_an_old_link_to_a_merged_rumour_reports_on_the_rumour_that_absorbed_it(client):
    from icc_network.rumours.models import Sighting

    survivor = rumour_factories.rumour("Ils prennent tous les logements", None)
    duplicate = rumour_factories.rumour("Ils prennent les logements sociaux", None,
                                        status="archived")
    duplicate.merged_into_id = survivor.id
    login(client, factories.user("partner"))
    page = client.get(f"/sightings/new?rumour={duplicate.id}").get_data(as_text=True)
    assert survivor.wording["fr"] in page
    done = client.post_form("/sightings/new", rumour_factories.sighting_form(rumour=str(duplicate.id)))
    assert done.status_code == 302
    assert db.session.scalar(select(Sighting.rumour_id)) == survivor.id


def test_the_words_of_a_new_rumour_lose_phone_numbers_and_e_mails(client):
    from icc_network.rumours.models import Rumour

    login(client, factories.user("agent"))
    client.post_form("/sightings/new", rumour_factories.sighting_form(
        heard="Appelez le 06 12 34 56 78 ou ecrivez a x@y.org", rumour="new"))
    wording = db.session.scalar(select(Rumour.wording))
    assert "06 12" not in str(wording) and "x@y.org" not in str(wording)


# --- double submits -------------------------------------------------------------------------


def _submission_key(page: str) -> str:
    import re

    return re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)


def test_the_same_sighting_form_sent_twice_records_one_sighting(client):
    from sqlalchemy import func

    from icc_network.rumours.models import Sighting

    known = rumour_factories.rumour("Ils prennent les places en crèche", None)
    login(client, factories.user("partner"))
    key = _submission_key(client.get(f"/sightings/new?rumour={known.id}").get_data(as_text=True))
    first = client.post_form("/sightings/new", rumour_factories.sighting_form(rumour=str(known.id), submission_key=key))
    again = client.post_form("/sightings/new", rumour_factories.sighting_form(rumour=str(known.id), submission_key=key))
    assert first.status_code == again.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Sighting)) == 1
    fresh = _submission_key(client.get("/sightings/new").get_data(as_text=True))
    assert fresh != key


def test_a_create_form_sent_twice_leads_to_the_one_record_it_created(client):
    from icc_network.network.models import Organisation

    login(client, factories.user("coordinator"))
    key = _submission_key(client.get("/network/organisations/new").get_data(as_text=True))
    data = {"name": "Café des langues", "sector": "association", "district_id": "",
            "description-fr": "", "description-en": "", "submission_key": key}
    first = client.post_form("/network/organisations/new", data)
    again = client.post_form("/network/organisations/new", data)
    organisations = db.session.scalars(select(Organisation)).all()
    assert len(organisations) == 1
    assert first.headers["Location"] == again.headers["Location"]
    assert first.headers["Location"].endswith(f"/network/organisations/{organisations[0].id}")
