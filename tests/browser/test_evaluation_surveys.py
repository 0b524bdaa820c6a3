"""The perception survey journey: a coordinator working in French adds two waves to a
survey, imports each wave's responses (a file with mistakes first), and reads the change
with its interval; every survey page passes the accessibility scan."""

from __future__ import annotations

from playwright.sync_api import expect

from .. import factories as core_factories
from ..campaigns import factories as campaign_factories
from ..evaluation import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def _responses(agreeing: int, total: int, start: int) -> bytes:
    rows = ["id;quartier;q1"]
    rows += [f"r{start + i};Nord;{'plutôt d’accord' if i < agreeing else 'pas du tout d’accord'}"
             for i in range(total)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _import(page, wave_name: str, data: bytes) -> None:
    expect(page.locator("#waves-table")).to_contain_text(wave_name)
    page.locator(f"#waves-table tr:has-text('{wave_name}') a[href$='/import']").click()
    assert_accessible(page, "import")
    page.locator("#file").set_input_files(
        files=[{"name": "vague.csv", "mimeType": "text/csv", "buffer": data}])
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#import-summary")).to_be_visible()
    page.locator("button[value=import]").click()
    expect(page.locator("h1")).to_be_visible()


def _add_wave(page, name: str, kind: str, starts_on: str, ends_on: str) -> None:
    page.locator("a[href$='/waves/new']").click()
    assert_accessible(page, "new wave")
    page.locator("#name").fill(name)
    page.locator("#kind").select_option(kind)
    page.locator("#starts_on").fill(starts_on)
    page.locator("#ends_on").fill(ends_on)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#waves-table")).to_contain_text(name)


def test_a_coordinator_imports_two_waves_and_reads_the_change_in_french(new_page):
    core_factories.district("nord", "Nord", "North")
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    campaign = campaign_factories.campaign("Campagne de l’emploi", rumours=[rumour])
    survey = factories.survey("Baromètre des rumeurs", rumours=[rumour], campaign=campaign)
    coordinator = core_factories.user("coordinator", locale="fr")

    page = new_page()
    sign_in(page, coordinator)
    page.goto("/evaluation/surveys")
    assert_accessible(page, "survey list")
    page.goto("/evaluation/surveys/new")
    assert_accessible(page, "new survey")
    page.goto(f"/evaluation/surveys/{survey.id}")
    assert_accessible(page, "survey")

    _add_wave(page, "Avant", "baseline", "2026-01-05", "2026-01-25")
    _add_wave(page, "Après", "follow_up", "2026-06-01", "2026-06-20")

    # A file with an unknown answer is previewed with its line, and nothing is imported.
    page.locator("#waves-table tr:has-text('Avant') a[href$='/import']").click()
    page.locator("#file").set_input_files(files=[{
        "name": "vague.csv", "mimeType": "text/csv",
        "buffer": "id;q1\nr1;peut-être\n".encode()}])
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#import-errors")).to_contain_text("peut-être")
    assert_accessible(page, "import errors")
    page.goto(f"/evaluation/surveys/{survey.id}")

    _import(page, "Avant", _responses(60, 100, 0))
    page.goto(f"/evaluation/surveys/{survey.id}")
    _import(page, "Après", _responses(40, 100, 1000))

    page.goto(f"/evaluation/surveys/{survey.id}/results")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    verdict = page.locator(".change-verdict .verdict").first
    expect(verdict).to_contain_text("en baisse de 20 points")
    expect(verdict).to_contain_text("intervalle à 95 %")
    expect(verdict).to_contain_text("33")
    expect(page.locator("main")).not_to_contain_text("NaN")
    assert_accessible(page, "results")

    wave_id = page.locator("#second option").last.get_attribute("value")
    page.goto(f"/evaluation/waves/{wave_id}/totals")
    assert_accessible(page, "wave totals")
    page.goto(f"/evaluation/waves/{wave_id}/clear")
    assert_accessible(page, "removing a wave's answers")
    page.goto(f"/campaigns/{campaign.id}/summary")
    expect(page.locator("main")).to_contain_text("Baromètre des rumeurs")
    assert_accessible(page, "campaign summary")
