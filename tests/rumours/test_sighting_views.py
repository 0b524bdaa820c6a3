"""Reporting sightings from a phone, with or without JavaScript; importing them."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.rumours.models import Rumour, Sighting

from .. import factories as core
from ..support import login
from . import factories


def test_without_javascript_the_server_offers_matching_rumours_then_records(client):
    known = factories.rumour("Les immigrés prennent le travail des gens d’ici", None)
    login(client, core.user("partner", locale="en"))
    first = client.post_form("/sightings/new", factories.sighting_form(venue="Marché Saint-Jean"))
    page = first.get_data(as_text=True)
    assert first.status_code == 200 and f'value="{known.id}"' in page
    assert "Marché Saint-Jean" in page and db.session.scalar(select(Sighting)) is None
    done = client.post_form("/sightings/new", factories.sighting_form(rumour=str(known.id)))
    assert done.status_code == 302
    assert db.session.scalar(select(Sighting)).rumour_id == known.id


def test_a_reporter_may_propose_a_new_rumour(client):
    login(client, core.user("agent", locale="fr"))
    response = client.post_form("/sightings/new", factories.sighting_form(heard="Ils ont des logements gratuits",
                                                          rumour="new", hateful="y",
                                                          verbatim="Appelez le 06 12 34 56 78"))
    assert response.status_code == 302
    rumour = db.session.scalar(select(Rumour))
    assert rumour.status == "reported" and rumour.wording == {"fr": "Ils ont des logements gratuits"}
    sighting = db.session.scalar(select(Sighting))
    assert sighting.hateful and "06 12" not in sighting.verbatim


def test_bad_reports_keep_what_was_typed(client):
    login(client, core.user("staff", locale="en"))
    for data in (factories.sighting_form(seen_on="2999-01-01", rumour="new"), factories.sighting_form(people_count="-3"),
                 factories.sighting_form(sphere="moon"), factories.sighting_form(heard=""), factories.sighting_form(district_id="abc")):
        response = client.post_form("/sightings/new", data)
        assert response.status_code == 200
    page = client.post_form("/sightings/new", factories.sighting_form(seen_on="2999-01-01", rumour="new",
                                                      venue="Gare routière")).get_data(as_text=True)
    assert "This date is in the future." in page and "Gare routière" in page
    assert db.session.scalar(select(func.count()).select_from(Rumour)) == 0


def test_a_link_from_the_kit_preselects_the_rumour(client):
    rumour = factories.rumour("Les migrants apportent des maladies", None)
    login(client, core.user("partner", locale="en"))
    page = client.get(f"/sightings/new?rumour={rumour.id}").get_data(as_text=True)
    assert "You are reporting:" in page and "Les migrants apportent des maladies" in page


def test_suggestions_while_typing_come_as_json(client):
    rumour = factories.rumour("Les réfugiés passent avant tout le monde pour les logements",
                              "Refugees jump the queue for housing")
    login(client, core.user("partner", locale="en"))
    body = client.get("/sightings/suggest.json?q=refugees+jump+queue").get_json()
    assert body["suggestions"][0] == {"id": rumour.id,
                                      "wording": "Refugees jump the queue for housing",
                                      "score": body["suggestions"][0]["score"],
                                      "untriaged": False}
    assert client.get("/sightings/suggest.json?q=").get_json() == {"suggestions": []}


def test_import_preview_then_confirm_then_nothing_twice(client):
    rumour = factories.rumour()
    login(client, core.user("coordinator", locale="en"))
    csv = f"rumour,date\n{rumour.id},2026-01-02\n{rumour.id},2026-01-03\n".encode()
    preview = client.post_form("/sightings/import", {"file": (__import__("io").BytesIO(csv), "s.csv")},
                               content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert "2 new sightings are ready" in page
    pending = page.split('name="pending_id" type="hidden" value="')[1].split('"')[0]
    done = client.post_form("/sightings/import/confirm", {"pending_id": pending},
                            follow_redirects=True)
    assert "2 sightings imported" in done.get_data(as_text=True)
    again = client.post_form("/sightings/import", {"file": (__import__("io").BytesIO(csv), "s.csv")},
                             content_type="multipart/form-data").get_data(as_text=True)
    assert "0 new sightings" in again and "Import these sightings" not in again
    stale = client.post_form("/sightings/import/confirm", {"pending_id": pending},
                             follow_redirects=True)
    assert "no longer available" in stale.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Sighting)) == 2


def test_a_broken_import_shows_every_error_and_imports_nothing(client):
    import io

    login(client, core.user("coordinator", locale="en"))
    csv = b"rumour,date\n999,2026-01-02\n,yesterday\n"
    page = client.post_form("/sightings/import", {"file": (io.BytesIO(csv), "s.csv")},
                            content_type="multipart/form-data").get_data(as_text=True)
    assert "The file has 2 errors" in page and "Name the rumour" in page
    assert "Tell what this form" in page and "999" in page  # an unknown number is asked
    unreadable = client.post_form("/sightings/import", {"file": (io.BytesIO(b"PK\x03\x04x"), "s.xlsx")},
                                  content_type="multipart/form-data").get_data(as_text=True)
    assert "could not be read" in unreadable
    missing = client.post_form("/sightings/import", {}).get_data(as_text=True)
    assert "Choose a file." in missing
    assert db.session.scalar(select(func.count()).select_from(Sighting)) == 0
