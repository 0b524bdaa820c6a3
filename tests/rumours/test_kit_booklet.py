"""The printed kit: each sheet shows its sources with their valid-until dates, the city's
name and a QR code to the rumour's public page; a theme prints as one booklet."""

from __future__ import annotations

from datetime import timedelta

import segno

from icc_network.core.clock import today
from icc_network.core.links import qr_svg
from icc_network.rumours.services import kit

from .. import factories as core
from ..support import count_queries, login
from . import factories


def _qr_of(url: str) -> str:
    return qr_svg(url, "Public page", "kit-qr")


def test_the_qr_code_is_segnos_drawing_of_the_public_address(app):
    rumour = factories.rumour(status="validated", published=True)
    url = kit.public_page(rumour.id)
    assert url == f"http://localhost/fr/catalogue/{rumour.id}"  # the city's language outside a kit
    drawn = str(kit.public_qr(rumour.id, "Public page"))
    assert drawn == _qr_of(url)
    # The same symbol as segno encodes for that address, and for no other.
    assert segno.make(url, error="m").svg_inline(scale=4, title="Public page", svgclass="kit-qr",
                                                 lineclass="kit-qr-line") == drawn
    assert _qr_of(url + "0") != drawn


def test_a_kit_sheet_shows_sources_valid_until_the_city_and_the_public_qr_code(
        app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CITY_NAME", "Villeneuve")
    rumour = factories.rumour(status="validated", published=True)
    until = today() + timedelta(days=80)
    factories.argument(rumour, valid_until=until, source_publisher="Insee")
    # PUBLIC_URL on https while the sheet is served over http: the code follows PUBLIC_URL.
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    login(client, core.user("partner"))
    page = client.get(f"/kit/{rumour.id}?lang=en").get_data(as_text=True)
    assert "Insee" in page and "Valid until" in page and str(until.year) in page
    assert "Anti-rumours kit of Villeneuve" in page
    assert _qr_of(f"https://localhost/en/catalogue/{rumour.id}") in page  # the kit's language
    assert "http://localhost/en/catalogue" not in page


def test_an_unpublished_rumour_s_sheet_has_no_qr_code(client):
    rumour = factories.rumour(status="validated")
    factories.argument(rumour)
    login(client, core.user("coordinator"))
    page = client.get(f"/kit/{rumour.id}").get_data(as_text=True)
    assert "kit-qr" not in page and "/catalogue/" not in page


def test_a_theme_s_booklet_has_contents_and_one_sheet_per_published_rumour(
        app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CITY_NAME", "Villeneuve")
    theme, other = factories.theme(), factories.theme()
    published = [factories.rumour(status="validated", published=True, theme_id=theme.id)
                 for _ in range(3)]
    facts = [factories.argument(r, en=f"Fact for rumour {r.id}") for r in published]
    factories.argument(published[0], kind="emotional", en="A neighbour's story")
    factories.argument(factories.rumour(status="validated", theme_id=theme.id))  # unpublished
    factories.argument(factories.rumour(status="validated", published=True,
                                        theme_id=other.id), en="Another theme's fact")
    factories.rumour(status="catalogued", published=False, theme_id=theme.id)  # unanswered
    login(client, core.user("partner"))
    with count_queries(app) as queries:
        response = client.get(f"/kit/themes/{theme.id}/booklet?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for rumour, fact in zip(published, facts, strict=True):
        assert f'href="#sheet-{rumour.id}"' in page and f'id="sheet-{rumour.id}"' in page
        assert fact.text["en"] in page
        assert _qr_of(f"http://localhost/en/catalogue/{rumour.id}") in page
    assert "A neighbour&#39;s story" in page and "Another theme&#39;s fact" not in page
    assert page.count("Anti-rumours kit of Villeneuve") == 1 + len(published)
    assert "1 answered rumour of this theme is not in the public catalogue" in page
    more = factories.rumour(status="validated", published=True, theme_id=theme.id)
    factories.argument(more)
    with count_queries(app) as again:
        client.get(f"/kit/themes/{theme.id}/booklet?lang=en")
    assert again.count == queries.count  # no query per sheet


def test_a_long_booklet_says_it_was_cut_short(app, monkeypatch):
    theme = factories.theme()
    for _ in range(3):
        factories.argument(factories.rumour(status="validated", published=True,
                                            theme_id=theme.id))
    made = kit.booklet(theme, "QR", limit=2)
    assert len(made.sheets) == 2 and made.cut_short and made.unpublished == 0


def test_an_empty_theme_prints_a_booklet_that_says_so_and_an_unknown_one_is_not_found(client):
    theme = factories.theme()
    login(client, core.user("staff"))
    page = client.get(f"/kit/themes/{theme.id}/booklet?lang=en").get_data(as_text=True)
    assert "No published rumour of this theme has a validated argument yet." in page
    assert client.get("/kit/themes/999999/booklet").status_code == 404


def test_the_kit_offers_the_booklet_once_a_theme_is_chosen(client):
    theme = factories.theme()
    login(client, core.user("partner"))
    assert f"/kit/themes/{theme.id}/booklet" not in client.get("/kit").get_data(as_text=True)
    assert f"/kit/themes/{theme.id}/booklet" in client.get(
        f"/kit?theme={theme.id}").get_data(as_text=True)
