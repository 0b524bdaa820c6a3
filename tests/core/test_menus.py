"""The menus and the home page: built once per role and language, right for every page."""

from __future__ import annotations

import re
from datetime import timedelta

from icc_network.core.clock import today

from .. import factories
from ..network import factories as network_factories
from ..support import login


def _menu(page: str) -> str:
    return page[page.index('<ul class="navbar-nav'):page.index('<form method="post" action="/language"')]


def _current(page: str) -> list[str]:
    return re.findall(r'aria-current="page"\s*href="([^"]+)"', _menu(page))


def test_each_role_gets_its_own_menu_whatever_was_shown_before(client):
    login(client, factories.user("coordinator", locale="en"))
    coordinator = _menu(client.get("/").get_data(as_text=True))
    login(client, factories.user("partner", locale="en"))
    partner = _menu(client.get("/").get_data(as_text=True))
    login(client, factories.user("admin", locale="en"))
    admin = _menu(client.get("/").get_data(as_text=True))
    assert "Rumours dashboard" in coordinator and "Rumours dashboard" not in partner
    assert "Report a sighting" in partner
    assert "Administration" in admin and "Administration" not in coordinator
    client.post_form("/logout")
    anonymous = client.get("/").get_data(as_text=True)
    assert "Report a sighting" not in _menu(anonymous) and "Public catalogue" in _menu(anonymous)


def test_the_menu_speaks_the_users_language(client):
    login(client, factories.user("coordinator", locale="fr"))
    french = _menu(client.get("/").get_data(as_text=True))
    login(client, factories.user("coordinator", locale="en"))
    english = _menu(client.get("/").get_data(as_text=True))
    assert "Toutes les rumeurs" in french and "All rumours" not in french
    assert "All rumours" in english and "Toutes les rumeurs" not in english


def test_the_current_page_is_marked_in_the_menu(client):
    login(client, factories.user("coordinator", locale="en"))
    assert _current(client.get("/").get_data(as_text=True)) == []
    assert _current(client.get("/rumours").get_data(as_text=True)) == ["/rumours"]
    assert _current(client.get("/network/").get_data(as_text=True)) == [
        "/network/"]


def test_the_home_page_shows_the_users_shortcuts(client):
    login(client, factories.user("partner", locale="en"))
    page = client.get("/").get_data(as_text=True)
    main = page[page.index('<main'):]
    assert "Report a sighting" in main and "Rumours dashboard" not in main


def test_the_coordinators_home_page_costs_as_many_queries_however_much_is_overdue(
        client, query_counter):
    login(client, factories.user("coordinator"))
    client.get("/")  # the headline measures' panel is drawn once, on the first view
    with query_counter() as none_late:
        response = client.get("/")
    assert response.status_code == 200
    meeting = network_factories.meeting(today() - timedelta(days=90))
    owner = network_factories.member(person="Élise Roux")
    for days in range(8):
        network_factories.decision(meeting, owner, today() - timedelta(days=days + 1))
    with query_counter() as few_late:
        response = client.get("/")
    assert response.status_code == 200
    # The decisions due are listed and counted in two queries, whether any are late or not.
    assert few_late.count == none_late.count
