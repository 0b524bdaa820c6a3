"""HTTP caching of the public pages: an ETag per version and language, 304 for a reader who has
it; a signed-in user's pages are never kept, nor ever answered with the public copy."""

from __future__ import annotations

import pytest

from .. import factories as core
from . import factories


@pytest.fixture
def published():
    rumour = factories.rumour("Ils prennent nos emplois", "They take our jobs",
                              status="validated", published=True)
    factories.argument(rumour)
    return rumour


def _public_addresses(rumour) -> list[str]:
    return ["/", "/catalogue", "/en/catalogue", f"/catalogue/{rumour.id}",
            f"/fr/catalogue/{rumour.id}"]


def test_a_visitor_who_has_the_page_gets_304(client, published):
    for path in _public_addresses(published):
        first = client.get(path)
        etag = first.headers["ETag"]
        assert first.status_code == 200 and "Cookie" in first.headers["Vary"], path
        assert "no-cache" in first.headers["Cache-Control"], path
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b"", path
        assert again.headers["ETag"] == etag


def test_the_page_s_etag_changes_with_what_it_shows(client, published):
    path = f"/en/catalogue/{published.id}"
    etag = client.get(path).headers["ETag"]
    factories.argument(published, kind="question", en="Which jobs, exactly?")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Which jobs, exactly?" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag


def test_each_language_has_its_own_etag(client, make_client, published):
    french = client.get(f"/fr/catalogue/{published.id}").headers["ETag"]
    english = client.get(f"/en/catalogue/{published.id}", headers={"If-None-Match": french})
    assert english.status_code == 200 and english.headers["ETag"] != french
    # At the address without a language, the browser's language chooses the page.
    reader = make_client()
    asked_fr = reader.get("/catalogue", headers={"Accept-Language": "fr"})
    asked_en = reader.get("/catalogue", headers={"Accept-Language": "en",
                                                 "If-None-Match": asked_fr.headers["ETag"]})
    assert asked_en.status_code == 200 and asked_en.headers["ETag"] != asked_fr.headers["ETag"]
    assert "Accept-Language" in asked_en.headers["Vary"]


def test_another_session_never_gets_304_for_a_page_holding_someone_else_s_form_token(
        client, make_client, published):
    etag = client.get("/catalogue").headers["ETag"]
    assert client.get("/catalogue", headers={"If-None-Match": etag}).status_code == 304
    assert make_client().get("/catalogue", headers={"If-None-Match": etag}).status_code == 200


def test_signed_in_pages_are_never_kept_nor_answered_with_the_public_copy(
        client, make_client, login_as, published):
    coordinator = login_as(core.user("coordinator"), on=make_client())
    for path in [*_public_addresses(published), "/rumours", f"/rumours/{published.id}"]:
        public = client.get(path)
        mine = coordinator.get(path, headers={"If-None-Match": public.headers.get("ETag", "x")})
        assert mine.status_code == 200, path
        assert mine.headers["Cache-Control"] == "no-store", path
        assert mine.get_data() != public.get_data(), path
