"""The public catalogue has an address per language, with hreflang alternates and a canonical
link; the addresses without a language (older kits, QR codes) keep working."""

from __future__ import annotations

import json
import re

import pytest

from icc_network.rumours.services import merging

from .. import factories as core
from ..support import login
from . import factories

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _links(page: str) -> dict[str, str]:
    found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)
    return {**found, "canonical": canonical.group(1) if canonical else ""}


@pytest.fixture
def rumour():
    rumour = factories.rumour("Les immigrés prennent nos emplois", "Immigrants take our jobs",
                              status="validated", published=True)
    factories.argument(rumour, fr="Sept emplois sur dix", en="Seven jobs in ten")
    return rumour


def test_the_english_address_shows_english_whatever_the_browser_says(client, rumour):
    response = client.get(f"/en/catalogue/{rumour.id}", headers={"Accept-Language": "fr"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in page
    assert "Seven jobs in ten" in page and "Sept emplois" not in page
    data = json.loads(JSON_LD.search(page).group(1))
    assert data["inLanguage"] == "en" and data["claimReviewed"] == "Immigrants take our jobs"
    assert data["url"] == f"http://localhost/en/catalogue/{rumour.id}"
    assert _links(page) == {"canonical": f"http://localhost/en/catalogue/{rumour.id}",
                            "fr": f"http://localhost/fr/catalogue/{rumour.id}",
                            "en": f"http://localhost/en/catalogue/{rumour.id}",
                            "x-default": f"http://localhost/fr/catalogue/{rumour.id}"}
    french = client.get(f"/fr/catalogue/{rumour.id}", headers={"Accept-Language": "en"})
    assert "Sept emplois sur dix" in french.get_data(as_text=True)
    assert _links(french.get_data(as_text=True))["canonical"].endswith(f"/fr/catalogue/{rumour.id}")


def test_the_old_address_shows_the_reader_s_language_with_its_canonical(client, rumour):
    response = client.get(f"/catalogue/{rumour.id}", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Seven jobs in ten" in page
    assert _links(page)["canonical"] == f"http://localhost/en/catalogue/{rumour.id}"
    assert json.loads(JSON_LD.search(page).group(1))["url"] == _links(page)["canonical"]
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    listing = client.get("/catalogue", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert _links(listing)["canonical"] == "http://localhost/fr/catalogue"
    assert f'href="/fr/catalogue/{rumour.id}"' in listing


@pytest.mark.parametrize("path", ["/catalogue/{id}", "/fr/catalogue/{id}", "/en/catalogue/{id}"])
def test_lang_in_the_query_leads_to_that_language_s_address(client, rumour, path):
    response = client.get(path.format(id=rumour.id) + "?lang=en")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/en/catalogue/{rumour.id}"


def test_the_listing_keeps_its_search_and_links_in_its_language(client, rumour):
    response = client.get("/fr/catalogue?q=emplois&lang=en")
    assert response.headers["Location"] == "/en/catalogue?q=emplois"
    page = client.get("/en/catalogue?q=emplois").get_data(as_text=True)
    assert f'href="/en/catalogue/{rumour.id}"' in page and "Seven jobs in ten" in page
    assert _links(page)["fr"] == "http://localhost/fr/catalogue?q=emplois"
    assert client.get("/catalogue?lang=xx").status_code == 200  # an unknown language: ignored
    assert client.get("/de/catalogue").status_code == 404
    assert client.get(f"/de/catalogue/{rumour.id}").status_code == 404


def test_the_language_switcher_goes_to_the_other_language_s_address(client, rumour):
    page = client.get(f"/en/catalogue/{rumour.id}").get_data(as_text=True)
    target = f"/fr/catalogue/{rumour.id}"
    assert f'formaction="/language?next={target}"' in page
    response = client.post_form(f"/language?next={target}", {"locale": "fr"})
    assert response.status_code == 302 and response.headers["Location"] == target
    # Other pages follow the choice too.
    assert '<html lang="fr">' in client.get("/catalogue").get_data(as_text=True)


def test_a_merged_duplicate_leads_to_the_same_language_s_address(client, rumour):
    duplicate = factories.rumour("Ils prennent nos emplois", "They take our jobs",
                                 status="triaged")
    merging.merge_rumour(duplicate, rumour.id, actor=core.user("coordinator"))
    moved = client.get(f"/en/catalogue/{duplicate.id}")
    assert moved.status_code == 301 and moved.headers["Location"] == f"/en/catalogue/{rumour.id}"
    assert client.get(f"/catalogue/{duplicate.id}").headers["Location"] == (
        f"/catalogue/{rumour.id}")


def test_a_french_kit_points_its_qr_code_at_the_french_page(client, rumour):
    login(client, core.user("partner", locale="en"))
    page = client.get(f"/kit/{rumour.id}?lang=fr").get_data(as_text=True)
    assert f"http://localhost/fr/catalogue/{rumour.id}" in page
    assert f"http://localhost/en/catalogue/{rumour.id}" not in page


def test_pages_of_other_areas_have_no_language_links(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'rel="canonical"' not in page and "hreflang" not in page
    assert '<input type="hidden" name="next"' in page
