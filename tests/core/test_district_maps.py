"""District boundaries: imported from GeoJSON through a preview, drawn as an SVG choropleth."""

from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import select

from icc_network.core import boundaries, maps
from icc_network.core.demo import boundaries as demo_boundaries
from icc_network.core.models import AuditLog, District
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories
from ..support import login

PENDING = re.compile(r'name="pending_id" type="hidden" value="(\d+)"')


def _square(x: float, y: float, size: float = 0.01) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(properties: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _upload(client, data: bytes, name: str = "quartiers.geojson"):
    return client.post_form("/admin/districts/boundaries", {"file": (io.BytesIO(data), name)},
                            content_type="multipart/form-data")


@pytest.fixture
def two_districts():
    return factories.district("gare", "La Gare", "Station"), factories.district("port", "Le Port",
                                                                              "Harbour")


def test_admin_previews_then_confirms_the_boundaries(client, two_districts):
    gare, port = two_districts
    login(client, factories.user("admin", locale="en"))
    data = _collection(_feature({"code": "gare"}, _square(2.0, 46.0)),
                       _feature({"name": "Le Port"}, {"type": "MultiPolygon", "coordinates": [
                           _square(2.01, 46.0)["coordinates"], _square(2.03, 46.0)["coordinates"]]}))
    page = _upload(client, data).get_data(as_text=True)
    assert "<svg" in page and page.count("<path") == 2 and "new boundary" in page
    assert db.session.scalar(select(District.boundary).where(District.id == gare.id)) is None
    pending = PENDING.search(page).group(1)
    response = client.post_form("/admin/districts/boundaries/confirm",
                                {"pending_id": pending, "action": "import"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(District, gare.id).boundary["type"] == "Polygon"
    assert db.session.get(District, port.id).boundary["type"] == "MultiPolygon"
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "district.boundary_import"))
    assert entry.details == {"count": 2, "districts": ["gare", "port"]}


def test_admin_removes_a_boundary_after_reading_what_happens(client, two_districts):
    gare, port = two_districts
    gare.boundary, port.boundary = _square(2.0, 46.0), _square(2.01, 46.0)
    db.session.commit()
    admin = factories.user("admin", locale="en")
    login(client, admin)
    listing = client.get("/admin/districts").get_data(as_text=True)
    assert listing.count('class="boundary-remove"') == 2
    page = client.get(f"/admin/districts/{gare.id}/boundary/remove").get_data(as_text=True)
    assert 'id="boundary-consequences"' in page and "Station" in page
    assert "keeps the district, its sightings, partners and activities" in page
    assert db.session.get(District, gare.id).boundary is not None  # asking changed nothing

    response = client.post_form(f"/admin/districts/{gare.id}/boundary/remove", {})
    assert response.status_code == 302 and response.location.endswith("/admin/districts")
    db.session.expire_all()
    assert db.session.get(District, gare.id).boundary is None
    assert db.session.get(District, port.id).boundary is not None
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "district.boundary_remove"))
    assert (entry.user_id, entry.entity_type, entry.entity_id) == (admin.id, "district", str(gare.id))
    assert client.get("/admin/districts").get_data(as_text=True).count('class="boundary-remove"') == 1

    # Gone already (a second tab): said so, nothing recorded twice.
    again = client.get(f"/admin/districts/{gare.id}/boundary/remove", follow_redirects=True)
    assert "This district has no boundary to remove." in again.get_data(as_text=True)
    with pytest.raises(RuleViolation):
        boundaries.remove_boundary(db.session.get(District, gare.id), actor=admin)


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty"),
    (b"{not json", "not GeoJSON"),
    (json.dumps({"type": "Feature"}).encode(), "not a GeoJSON FeatureCollection"),
    (b" " * (boundaries.MAX_BYTES + 1), "larger than 5 MB"),
])
def test_unreadable_files_are_refused_on_the_form(client, two_districts, data, message):
    login(client, factories.user("admin", locale="en"))
    response = _upload(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and not PENDING.search(page)


def test_every_bad_feature_is_listed_and_nothing_is_staged(client, two_districts):
    login(client, factories.user("admin", locale="en"))
    unclosed = {"type": "Polygon", "coordinates": [[[2, 46], [2.1, 46], [2.1, 46.1], [2, 46.2]]]}
    data = _collection(
        _feature({"code": "nowhere"}, _square(2.0, 46.0)),
        _feature({"code": "gare"}, {"type": "Point", "coordinates": [2, 46]}),
        _feature({"code": "port"}, unclosed),
        _feature({"name": "La Gare"}, _square(200.0, 46.0)),
        _feature({}, _square(2.0, 46.0)))
    page = _upload(client, data).get_data(as_text=True)
    assert "The file has 5 errors" in page
    for message in ("No district has the code or name", "Polygon or a MultiPolygon",
                    "is not closed", "outside longitudes", "no “code” or “name” property"):
        assert message in page
    assert not PENDING.search(page)


def test_a_district_drawn_twice_is_refused(app, two_districts):
    data = _collection(_feature({"code": "gare"}, _square(2.0, 46.0)),
                       _feature({"name": "Station"}, _square(2.1, 46.0)))
    checked = boundaries.check_file("b.geojson", data)
    assert len(checked.preview.rows) == 1
    assert "déjà dessiné" in str(checked.preview.errors[0].message) or \
        "already drawn" in str(checked.preview.errors[0].message)


def test_too_many_points_are_refused(app, two_districts, monkeypatch):
    monkeypatch.setattr(boundaries, "MAX_POINTS", 6)
    data = _collection(_feature({"code": "gare"}, _square(2.0, 46.0)),
                       _feature({"code": "port"}, _square(2.1, 46.0)))
    with pytest.raises(RuleViolation):
        boundaries.check_file("b.geojson", data)


def test_the_map_has_one_path_per_district_with_a_boundary(app):
    shapes = demo_boundaries(3)
    for i, shape in enumerate(shapes):
        factories.district(f"d{i}", f"Quartier {i}", f"District {i}", boundary=shape)
    factories.district("online", "Sans contour", "No outline")
    db.session.flush()
    ids = list(db.session.scalars(select(District.id).order_by(District.id)))
    drawn = maps.district_map({ids[0]: 12, ids[1]: 3}, "Sightings")
    assert drawn.svg.count("<path") == 4 and drawn.svg.count("<title>") == 4
    assert "Quartier 0: 12" in drawn.svg or "District 0: 12" in drawn.svg
    assert 'viewBox="0 0' in drawn.svg and "http" not in drawn.svg.replace(
        "http://www.w3.org/2000/svg", "")
    assert [row.drawn for row in drawn.rows] == [True, True, True, True, False]
    assert drawn.rows[0].colour == maps.PALETTE[-1] and drawn.rows[2].colour == maps.PALETTE[0]
    assert drawn.legend[0].low == 0 and drawn.legend[-1].high == 12


def test_a_city_without_boundaries_gets_the_table_only(app):
    district = factories.district("gare", "La Gare", "Station")
    drawn = maps.district_map({district.id: 2}, "Sightings")
    assert drawn.svg is None and drawn.rows[0].figure == 2


def test_the_drawing_is_kept_until_boundaries_or_figures_change(app, query_counter):
    district = factories.district("gare", "La Gare", "Station", boundary=_square(2.0, 46.0))
    db.session.commit()
    district_id = district.id
    first = maps.district_map({district_id: 2}, "Sightings")
    with query_counter() as again:
        second = maps.district_map({district_id: 2}, "Sightings")
    assert second.svg == first.svg and len(again.statements) == 2
    assert maps.district_map({district_id: 3}, "Sightings").svg != first.svg


def test_the_coverage_gaps_show_the_members_per_district_on_a_map(client):
    from ..network import factories as network

    shapes = demo_boundaries(2)
    drawn = factories.district("gare", "La Gare", "Station", boundary=shapes[0])
    factories.district("port", "Le Port", "Harbour", boundary=shapes[1])
    factories.district("sans", "Sans contour", "No outline")
    network.organisation("Amicale", district=drawn)
    network.organisation("Bibliothèque", sector="library", district=drawn)
    login(client, factories.user("coordinator", locale="en"))
    page = client.get("/network/analytics").get_data(as_text=True)
    section = page[page.index('id="members-map"'):]
    assert section[:section.index("</svg>")].count("<path") == 2
    assert "Station: 2" in section and "No outline" in section
    heard = page[page.index('id="sightings-map"'):page.index('id="members-map"')]
    assert heard.count("<path") == 2 and "Station: 0" in heard


def test_a_district_saved_without_a_boundary_has_none(app):
    district = factories.district("gare", "La Gare", "Station", boundary=None)
    db.session.flush()
    assert maps.district_map({district.id: 1}, "Sightings").svg is None
