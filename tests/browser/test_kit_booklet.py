"""A partner prints a theme's kit as one booklet: contents, sheets with QR codes, print layout."""

from __future__ import annotations

from playwright.sync_api import expect

from .. import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def test_a_partner_opens_a_theme_s_booklet_and_prints_it(page):
    theme = rumour_factories.theme("Emploi", "Jobs")
    rumours = [rumour_factories.rumour(status="validated", published=True, theme_id=theme.id)
               for _ in range(2)]
    for rumour in rumours:
        rumour_factories.argument(rumour, en=f"Checked fact about rumour {rumour.id}")
        rumour_factories.argument(rumour, kind="emotional", en="A neighbour's story")
    sign_in(page, factories.user("partner", locale="en"))
    page.goto(f"/kit?theme={theme.id}")
    page.get_by_role("link", name="Print this theme's published rumours as one booklet").click()
    expect(page.locator("h1")).to_have_text("Jobs")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_count(2)
    expect(page.locator(".kit-sheet svg.kit-qr")).to_have_count(2)
    assert_accessible(page, "kit booklet")

    second = rumours[1]
    contents.get_by_role("link", name=f"Checked fact about rumour {second.id}").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#sheet-{second.id}")
    expect(page.locator(f"#sheet-{second.id}")).to_be_in_viewport()

    page.emulate_media(media="print")
    expect(contents).to_be_visible()
    expect(page.locator(".kit-footer").first).to_be_visible()
    expect(page.get_by_role("link", name="Back to the kit")).to_be_hidden()
    assert_accessible(page, "kit booklet, printed")
