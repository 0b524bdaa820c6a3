"""The public comes in by the catalogue's front door (on a phone, in French and English): a
search that finds nothing says what to try and leads to a rumour's public page. A partner
prints the whole kit as one booklet and reads a sheet in the other language."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from icc_network.extensions import db

from .. import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}


def _catalogue():
    jobs = rumour_factories.theme("Emploi", "Jobs")
    health = rumour_factories.theme("Santé", "Health")
    made = []
    for theme, heard, fr, en in ((jobs, 9, "Sept emplois sur dix", "Seven jobs in ten"),
                                 (health, 3, "Les mêmes soins pour tous", "The same care for all")):
        rumour = rumour_factories.rumour(status="validated", published=True, theme_id=theme.id,
                                         sighting_count=heard)
        rumour_factories.argument(rumour, fr=fr, en=en)
        made.append(rumour)
    db.session.commit()
    return made


def test_a_visitor_on_a_phone_searches_in_french_and_finds_a_rumour_s_answer(new_page):
    loud, _ = _catalogue()
    page = new_page(locale="fr-FR", viewport=PHONE)
    page.goto("/")
    search = page.get_by_role("search")
    expect(search).to_be_visible()
    expect(page.locator(".theme-links a")).to_have_count(2)
    expect(page.locator(".most-heard a").first).to_have_text("Sept emplois sur dix")
    assert_accessible(page, "front page, French, phone")

    search.get_by_role("searchbox").fill("zzzqqq")
    search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/fr/catalogue\?q=zzzqqq$"))
    suggestions = page.locator("section.no-result")
    expect(suggestions).to_be_visible()
    expect(suggestions.locator(".theme-links a")).to_have_count(2)
    assert_accessible(page, "empty search, French, phone")

    suggestions.get_by_role("link", name="Sept emplois sur dix").click()
    expect(page).to_have_url(re.compile(rf"/fr/catalogue/{loud.id}$"))
    expect(page.locator("h1")).to_have_text("Sept emplois sur dix")
    assert_accessible(page, "public page, French, phone")


def test_a_visitor_in_english_browses_a_theme_from_the_front_page(new_page):
    _, quiet = _catalogue()
    page = new_page(locale="en-GB", viewport=PHONE)
    page.goto("/")
    expect(page.locator('a[href="/login"]')).to_have_count(1)  # in the header's menu only
    page.locator(".theme-links").get_by_role("link", name=re.compile("^Health")).click()
    expect(page).to_have_url(re.compile(rf"/en/catalogue\?theme={quiet.theme_id}$"))
    page.get_by_role("link", name="The same care for all").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("The same care for all")
    assert_accessible(page, "public page, English, phone")


def test_a_partner_prints_the_whole_kit_and_reads_a_sheet_in_english(page):
    loud, quiet = _catalogue()
    sign_in(page, factories.user("partner", locale="fr"))
    page.goto("/kit")
    page.locator('a[href="/kit/booklet"]').click()
    contents = page.locator("nav.booklet-toc")
    expect(contents.locator("a")).to_have_count(2)
    expect(page.locator(".kit-sheet")).to_have_count(2)
    expect(page.locator(".sheet-valid-until")).to_have_count(2)
    button = page.locator("button[data-print]")
    expect(button).to_be_visible()
    assert_accessible(page, "whole kit booklet")
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed") is True

    page.emulate_media(media="print")
    expect(contents).to_be_visible()
    expect(button).to_be_hidden()
    expect(page.locator("header nav").first).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto(f"/kit/{quiet.id}")
    page.locator(".kit-bar").get_by_role("link", name="English").click()
    expect(page.locator("div[lang=en] h1")).to_have_text("The same care for all")
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # the interface stays French
    expect(page.get_by_role("link", name="Retour au kit")).to_be_visible()
    assert_accessible(page, "kit sheet in English, French interface")
