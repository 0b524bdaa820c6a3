"""The end of the evaluation journey: a coordinator opens the annual report from the menu,
chooses the year and French, and downloads the PDF, whose text holds the French headings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import expect
from pypdf import PdfReader

from icc_network.core.calendar import city_today

from .. import factories as core_factories
from ..campaigns import factories as campaign_factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def _year_with_a_campaign_and_sightings(year: int) -> None:
    rumour = rumour_factories.rumour("On ne peut plus sortir le soir",
                                     first_detected=date(year, 2, 1))
    for day in (3, 10, 17):
        rumour_factories.sighting(rumour, seen_on=date(year, 3, day))
    campaign = campaign_factories.campaign("Cafés de l'été", status="completed",
                                           starts_on=date(year, 6, 1), ends_on=date(year, 8, 31))
    campaign_factories.activity(campaign, starts_at=datetime(year, 6, 14, 9), attendees=35)


def test_coordinator_downloads_the_annual_report_in_french(app, page):
    year = city_today().year - 1
    _year_with_a_campaign_and_sightings(year)
    sign_in(page, core_factories.user("coordinator", locale="en"))

    page.goto("/")
    # The area's entries share the "Evaluation" drop-down; alone, an entry is a plain link.
    menu = page.get_by_role("navigation", name="Main menu")
    evaluation_menu = menu.get_by_role("button", name="Evaluation")
    if evaluation_menu.count():
        evaluation_menu.click()
    menu.get_by_role("link", name="Annual report").click()
    expect(page.locator("h1")).to_have_text("Annual report")
    assert_accessible(page, "annual report")

    page.get_by_label("Year").select_option(str(year))
    page.get_by_label("Language of the report").select_option("fr")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"rapport-annuel-{year}.pdf"

    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(download.path()).pages)
    with app.test_request_context(), force_locale("fr"):
        headings = [_("Annual report %(year)s", year=year), _("Summary"), _("Campaigns"),
                    _("Training"), _("Network"), _("Rumours")]
    assert headings[2] == "Campagnes"  # already translated: the report really is in French
    for heading in headings:
        assert heading in text, heading
    assert "Cafés de l'été" in text and f"mars {year}" in text
