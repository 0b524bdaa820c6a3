"""Content in French and English: storage, display, the form field and the worklist."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from icc_network.core.forms import DistrictForm
from icc_network.core.services import translation_worklist
from icc_network.core.translatable import clean, localise, missing_locales
from icc_network.extensions import db

from .. import factories
from ..support import login


def test_clean_keeps_only_non_empty_known_languages():
    assert clean({"fr": "  Bonjour ", "en": "   ", "de": "Hallo"}) == {"fr": "Bonjour"}
    assert clean(None) == {}


def test_localise_falls_back_to_the_other_language_and_says_so():
    value = {"fr": "Bonjour"}
    assert localise(value, "fr").missing is False
    shown = localise(value, "en")
    assert (shown.text, shown.lang, shown.missing) == ("Bonjour", "fr", True)
    assert missing_locales(value) == ["en"]


def test_stored_value_round_trips_through_the_database():
    district = factories.district("quai", "Le Quai", "The Quay")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(type(district), district.id).name == {"fr": "Le Quai", "en": "The Quay"}


def test_form_field_requires_the_city_language_and_keeps_what_was_typed(app):
    with app.test_request_context(method="POST"):
        form = DistrictForm(formdata=MultiDict({"code": "port", "name-en": "Harbour"}), meta={"csrf": False})
        assert not form.validate()
        assert form.name.form["fr"].errors
        assert form.name.form["en"].data == "Harbour"


def test_form_field_data_is_the_cleaned_dictionary(app):
    with app.test_request_context(method="POST"):
        form = DistrictForm(formdata=MultiDict({"code": "port", "name-fr": " Le Port ", "name-en": ""}),
                            meta={"csrf": False})
        assert form.validate(), form.errors
        assert form.name.data == {"fr": "Le Port"}


def test_page_marks_text_not_yet_translated(client):
    admin = factories.user("admin", locale="en")
    factories.district("gare", "La Gare", None)
    login(client, admin)
    page = client.get("/admin/districts").get_data(as_text=True)
    assert '<span lang="fr">La Gare</span>' in page
    assert "not yet translated" in page


def test_worklist_lists_each_record_missing_a_language():
    factories.district("a", "A", None)
    factories.district("b", "B", "B")
    factories.district("c", "C", None)
    result = translation_worklist("en", None, 1, 10)
    titles = sorted(entry.record.code for entry in result.page.items)
    assert titles == ["a", "c"]
    assert result.page.total == 2
    assert translation_worklist("fr", None, 1, 10).page.total == 0


def test_worklist_paginates_across_records():
    for n in range(7):
        factories.district(f"d{n}", f"D{n}", None)
    first = translation_worklist("en", None, 1, 5)
    second = translation_worklist("en", None, 2, 5)
    assert len(first.page.items) == 5 and len(second.page.items) == 2
    seen = {e.record.id for e in first.page.items} | {e.record.id for e in second.page.items}
    assert len(seen) == 7


def test_worklist_page_links_to_the_edit_form(client):
    coordinator = factories.user("coordinator", locale="en")
    admin = factories.user("admin", locale="en")
    district = factories.district("nord", "Nord", None)
    login(client, admin)
    page = client.get("/translations/worklist?missing=en").get_data(as_text=True)
    assert f"/admin/districts/{district.id}/edit" in page
    login(client, coordinator)
    page = client.get("/translations/worklist?missing=en").get_data(as_text=True)
    assert "Nord" in page and f"/admin/districts/{district.id}/edit" not in page


def test_worklist_query_count_does_not_grow_with_the_records(app, client, query_counter):
    admin = factories.user("admin", locale="en")
    login(client, admin)
    factories.district("x1", "X1", None)
    with query_counter() as few:
        response = client.get("/translations/worklist")
    assert response.status_code == 200
    for n in range(30):
        factories.district(f"y{n}", f"Y{n}", None)
    with query_counter() as many:
        response = client.get("/translations/worklist")
    assert response.status_code == 200
    assert many.count == few.count
