"""Administrators manage the city's districts."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.core.models import AuditLog, District
from icc_network.extensions import db

from .. import factories
from ..support import login


def _admin(client):
    login(client, factories.user("admin", locale="en"))


def test_admin_creates_a_district(client):
    _admin(client)
    response = client.post_form("/admin/districts/new", {
        "code": "vieux-port", "name-fr": "Vieux-Port", "name-en": "Old Port", "position": "3", "active": "y",
    })
    assert response.status_code == 302
    district = db.session.scalar(select(District).where(District.code == "vieux-port"))
    assert district.name == {"fr": "Vieux-Port", "en": "Old Port"} and district.position == 3
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "district.create"))


def test_bad_code_is_explained_and_input_kept(client):
    _admin(client)
    response = client.post_form("/admin/districts/new", {"code": "Bad Code!", "name-fr": "Mon quartier"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "lower-case letters" in page
    assert 'value="Bad Code!"' in page and "Mon quartier" in page
    assert db.session.scalar(select(District)) is None


def test_duplicate_code_is_refused_on_the_field(client):
    factories.district("gare", "Gare", "Station")
    _admin(client)
    response = client.post_form("/admin/districts/new", {"code": "gare", "name-fr": "Autre"})
    assert "Another district already uses this code." in response.get_data(as_text=True)


def test_missing_french_name_is_refused(client):
    _admin(client)
    response = client.post_form("/admin/districts/new", {"code": "ouest", "name-en": "West"})
    page = response.get_data(as_text=True)
    assert "Enter the text in Français." in page and 'value="West"' in page


def test_non_numeric_order_is_a_form_error_not_a_crash(client):
    _admin(client)
    response = client.post_form("/admin/districts/new", {"code": "est", "name-fr": "Est", "position": "abc"})
    assert response.status_code == 200
    assert "is-invalid" in response.get_data(as_text=True)


def test_admin_edits_and_deactivates_a_district(client):
    district = factories.district("sud", "Sud", None)
    _admin(client)
    response = client.post_form(f"/admin/districts/{district.id}/edit",
                                {"code": "sud", "name-fr": "Sud", "name-en": "South", "position": "1"})
    assert response.status_code == 302
    db.session.refresh(district)
    assert district.name["en"] == "South" and district.active is False


def test_unknown_district_is_404(client):
    _admin(client)
    assert client.get("/admin/districts/999/edit").status_code == 404
