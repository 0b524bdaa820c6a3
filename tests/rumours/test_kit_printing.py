"""Printing the kit: a Print button (a script file, no inline code), the whole kit as one
booklet with its contents by theme, each sheet's valid-until date, and language buttons
that change what is printed, not the interface."""

from __future__ import annotations

import re
from datetime import timedelta

from icc_network.core.clock import today
from icc_network.rumours.services import kit

from .. import factories as core
from ..support import count_queries, login
from . import factories

PRINT_SCRIPT = re.compile(r'<script src="/static/core/js/print\.[0-9a-f]+\.js"></script>')


def _published(theme=None, **kwargs):
    rumour = factories.rumour(status="validated", published=True,
                              theme_id=theme.id if theme else None, **kwargs)
    factories.argument(rumour, en=f"Fact of rumour {rumour.id}")
    return rumour


def test_kit_pages_have_a_print_button_run_by_a_script_file(client):
    theme = factories.theme()
    rumour = _published(theme)
    login(client, core.user("partner"))
    for address in (f"/kit/{rumour.id}", f"/kit/themes/{theme.id}/booklet", "/kit/booklet"):
        response = client.get(address)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert re.search(r'<button type="button" class="[^"]*" data-print hidden>', page)
        assert PRINT_SCRIPT.search(page)
        # the page's own scripts are files: the content security policy forbids inline code
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", page)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_kit_s_language_buttons_change_the_printed_content_not_the_interface(client):
    rumour = factories.rumour("Ils prennent nos emplois", "They take our jobs",
                              status="validated", published=True)
    factories.argument(rumour, fr="Sept emplois sur dix", en="Seven jobs in ten")
    login(client, core.user("partner", locale="fr"))
    page = client.get(f"/kit/{rumour.id}?lang=en").get_data(as_text=True)
    assert '<html lang="fr">' in page and '<div lang="en">' in page
    interface, content = page.split('<div lang="en">', 1)
    assert "Retour au kit" in interface and "Back to the kit" not in interface
    assert "Seven jobs in ten" in content and "The rumour this answers" in content
    assert "Sept emplois" not in content
    assert f'href="/kit/{rumour.id}?lang=fr"' in interface
    # the interface keeps the reader's language on the next page too
    assert '<html lang="fr">' in client.get("/kit").get_data(as_text=True)


def test_a_sheet_shows_the_date_it_goes_stale(client):
    rumour = factories.rumour(status="validated", published=True)
    soon, later = today() + timedelta(days=40), today() + timedelta(days=400)
    factories.argument(rumour, valid_until=later)
    factories.argument(rumour, valid_until=soon)
    factories.argument(rumour, kind="emotional")
    login(client, core.user("partner", locale="en"))
    page = client.get(f"/kit/{rumour.id}?lang=en").get_data(as_text=True)
    stale = re.search(r'class="[^"]*sheet-valid-until">([^<]*)<', page).group(1)
    assert stale.startswith("This sheet is valid until") and str(soon.year) in stale
    assert str(soon.day) in stale


def test_a_sheet_without_dates_says_nothing_of_staleness(app):
    rumour = factories.rumour(status="validated", published=True)
    argument = factories.argument(rumour, kind="emotional")
    assert kit.Sheet(rumour, argument, [], "", None).valid_until is None


def test_the_whole_kit_booklet_has_contents_by_theme_and_every_published_sheet(app, client):
    first, second = factories.theme("Emploi", "Jobs"), factories.theme("Santé", "Health")
    jobs = [_published(first, sighting_count=n) for n in (1, 5)]
    health = _published(second, sighting_count=9)
    loose = _published()
    factories.argument(factories.rumour(status="validated", theme_id=first.id))  # unpublished
    login(client, core.user("staff", locale="en"))
    with count_queries(app) as queries:
        response = client.get("/kit/booklet?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1>The whole kit</h1>" in page
    toc = page.split('class="booklet-toc"')[1].split("</nav>")[0]
    # themes in their order, the sheets of each in the kit's order, those without a theme last
    assert toc.index("Jobs") < toc.index(f"#sheet-{jobs[1].id}") < toc.index(
        f"#sheet-{jobs[0].id}") < toc.index("Health") < toc.index(
        f"#sheet-{health.id}") < toc.index("Other rumours") < toc.index(f"#sheet-{loose.id}")
    sheets = re.findall(r'<article class="fact-sheet kit-sheet" id="sheet-(\d+)"', page)
    assert [int(s) for s in sheets] == [jobs[1].id, jobs[0].id, health.id, loose.id]
    assert "1 answered rumour is not in the public catalogue" in page
    for _ in range(3):
        _published(second)
    with count_queries(app) as again:
        client.get("/kit/booklet?lang=en")
    assert again.count == queries.count  # no query per sheet


def test_the_kit_offers_the_whole_booklet_and_its_language_buttons_keep_to_it(client):
    _published(factories.theme())
    login(client, core.user("partner", locale="en"))
    assert 'href="/kit/booklet"' in client.get("/kit").get_data(as_text=True)
    page = client.get("/kit/booklet?lang=fr").get_data(as_text=True)
    assert 'href="/kit/booklet?lang=en"' in page and '<div lang="fr" class="kit-booklet">' in page
    assert '<html lang="en">' in page


def test_an_empty_kit_prints_a_booklet_that_says_so(client):
    login(client, core.user("partner", locale="en"))
    page = client.get("/kit/booklet?lang=en").get_data(as_text=True)
    assert "No published rumour has a validated argument yet." in page


def test_the_public_does_not_print_the_kit(client):
    response = client.get("/kit/booklet")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
