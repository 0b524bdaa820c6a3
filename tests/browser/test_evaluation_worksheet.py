"""The results-based accountability journey: a coordinator sets out a result, a
programme and a measure entered by hand, enters its figures, and builds the measure's
turn-the-curve worksheet (story, partners, what works, action plan) ready to print; the
public finds the published measure in the open data. Every page passes the axe scan."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from icc_network.evaluation.models import Measure
from icc_network.extensions import db

from .. import factories as core_factories
from ..campaigns import factories as campaign_factories
from ..evaluation import factories
from ..network import factories as network_factories
from .helpers import assert_accessible, sign_in


def _record_run(measure: Measure) -> None:
    """The curve the measures job would have stored for the figures entered."""
    db.session.expire_all()
    factories.measure_run(measure, [(date(2025, 1, 1), 61.0), (date(2025, 4, 1), 63.5)],
                          baseline=61.0, forecast=[(date(2025, 7, 1), 62.0, 60.0, 64.0)])
    db.session.commit()


def test_a_coordinator_builds_a_turn_the_curve_worksheet(new_page):
    network_factories.organisation("Maison des associations")
    meeting = network_factories.meeting()
    network_factories.decision(meeting, due_on=date(2099, 6, 1))
    campaign = campaign_factories.campaign("Vivre ensemble au quartier")
    coordinator = core_factories.user("coordinator", name="Samir Benali", locale="en")
    db.session.commit()

    page = new_page()
    sign_in(page, coordinator)
    page.goto("/evaluation/")
    expect(page.locator("main")).to_contain_text("No result yet")
    assert_accessible(page, "evaluation overview, empty")
    page.goto("/evaluation/catalogue")
    assert_accessible(page, "catalogue of measures")

    page.goto("/evaluation/results/new")
    assert_accessible(page, "new result")
    page.locator("#title-fr").fill("Les habitants ne croient pas les rumeurs sur les nouveaux arrivants")
    page.locator("#title-en").fill("Residents do not believe rumours about newcomers")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Residents do not believe rumours")

    page.goto("/evaluation/programmes/new")
    assert_accessible(page, "new programme")
    page.locator("#title-fr").fill("Le réseau anti-rumeurs")
    page.locator("#title-en").fill("The anti-rumour network")
    page.locator("#kind").select_option("network")
    page.locator("#result_id").select_option(label="Residents do not believe rumours about newcomers")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The anti-rumour network")

    page.goto("/evaluation/measures/new")
    assert_accessible(page, "new measure")
    page.locator("#title-fr").fill("Score ICC de la ville")
    page.locator("#title-en").fill("The city's ICC Index score")
    page.locator("#programme_id").select_option(label="The anti-rumour network")
    page.locator("#quadrant").select_option("better_off")
    page.locator("#source_kind").select_option("manual")
    page.locator("#source").fill("ICC Index, Council of Europe")
    page.locator("#unit").select_option("score")
    page.locator("#frequency").select_option("quarter")
    page.locator("#series_start").fill("2025-01-01")
    page.locator("#target_value").fill("70")
    page.locator("#target_on").fill("2020-01-01")
    page.locator("#public").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The target date has passed")
    expect(page.locator("#source")).to_have_value("ICC Index, Council of Europe")
    assert_accessible(page, "measure form with an error")
    page.locator("#target_on").fill("2099-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("The city's ICC Index score")
    expect(page.locator("main")).to_contain_text("No figure yet")
    assert_accessible(page, "measure without figures")

    page.get_by_role("link", name="Enter figures").click()
    assert_accessible(page, "figures entered by hand")
    page.locator("#period").select_option("2025-01-01")
    page.locator("#value").fill("sixty")
    page.get_by_role("button", name="Record the figure").click()
    expect(page.locator("main")).to_contain_text("Enter a number")
    expect(page.locator("#value")).to_have_value("sixty")
    page.locator("#value").fill("61")
    page.locator("#note").fill("ICC Index 2025")
    page.get_by_role("button", name="Record the figure").click()
    expect(page.locator("main")).to_contain_text("The figure has been recorded")

    measure = db.session.scalars(db.select(Measure)).one()
    _record_run(measure)
    page.goto(f"/evaluation/measures/{measure.id}")
    expect(page.locator("#curve-table")).to_contain_text("Forecast if nothing changes")
    expect(page.locator("canvas[data-chart-for='curve-table']")).to_be_visible()
    assert_accessible(page, "measure with its curve")

    page.get_by_role("link", name="Turn-the-curve worksheet").click()
    page.get_by_role("link", name="Edit the worksheet").click()
    assert_accessible(page, "worksheet editing")
    page.locator("#story-fr").fill("Le score monte depuis la première campagne.")
    page.locator("#story-en").fill("The score rises since the first campaign.")
    page.get_by_role("button", name="Save the story").click()
    expect(page.locator("main")).to_contain_text("The story behind the curve has been saved")

    page.locator("#section").select_option("partner")
    page.locator("#target_id").select_option(label="Maison des associations")
    page.locator("#note").fill("Hosts the anti-rumour cafés")
    page.get_by_role("button", name="Add the line").click()
    expect(page.locator("main")).to_contain_text("The line has been added")

    page.locator("#section").select_option("action")
    page.get_by_role("button", name="Show the records").click()
    page.locator("#kind").select_option("campaign")
    page.get_by_role("button", name="Show the records").click()
    page.locator("#target_id").select_option(index=0)
    page.get_by_role("button", name="Add the line").click()
    expect(page.locator("main")).to_contain_text("The line has been added")
    page.locator("#section").select_option("action")
    page.get_by_role("button", name="Show the records").click()
    page.locator("#kind").select_option("decision")
    page.get_by_role("button", name="Show the records").click()
    page.locator("#target_id").select_option(index=0)
    page.get_by_role("button", name="Add the line").click()
    expect(page.locator("main")).to_contain_text("The line has been added")
    assert_accessible(page, "worksheet with its lines")

    page.get_by_role("link", name="Back to the worksheet").click()
    worksheet = page.locator("article.rba-worksheet")
    expect(worksheet).to_contain_text("The score rises since the first campaign.")
    expect(worksheet).to_contain_text("Hosts the anti-rumour cafés")
    expect(worksheet).to_contain_text("due by")
    expect(worksheet).to_contain_text(campaign.title["en"])
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert_accessible(page, "printable worksheet")

    public = new_page()
    public.goto("/evaluation/open-data")
    expect(public.locator("main")).to_contain_text("ICC Index, Council of Europe")
    assert_accessible(public, "open data")
