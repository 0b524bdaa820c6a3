"""Browser journeys of the rumours area, and an accessibility scan of each of its pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.services.stats import rebuild_aggregates

from .. import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def test_a_coordinator_records_answers_and_publishes_a_rumour(page):
    theme = rumour_factories.theme("Emploi", "Jobs")
    coordinator = factories.user("coordinator", name="Samira Benali", locale="fr")
    sign_in(page, coordinator)
    page.goto("/rumours")
    assert_accessible(page, "rumour list")
    page.get_by_role("link", name="Nouvelle rumeur").click()
    assert_accessible(page, "new rumour form")
    page.locator("#wording-fr").fill("Les immigrés prennent le travail des gens d’ici")
    page.locator("#wording-en").fill("Immigrants take local people’s jobs")
    page.locator("#theme_id").select_option(str(theme.id))
    page.get_by_label("Marché et commerces").check()
    page.locator("#risk").select_option("major")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("La rumeur a été enregistrée")

    _add_argument(page, "statistic", "7 emplois sur 10 occupés par des personnes immigrées sont dans "
                  "des métiers qui peinent à recruter.", source="Observatoire social de la ville")
    _add_argument(page, "question", "Quel emploi précis a été pris, et à qui ?")
    for _ in range(2):
        page.get_by_role("button", name="Valider").first.click()
        expect(page.locator(".alert-success")).to_contain_text("L’argument est validé")
    page.locator('input[name="status"][value="triaged"]').check()
    page.locator("#verdict").select_option("false")  # the verdict is chosen at triage
    page.get_by_role("button", name="Changer le statut").click()
    expect(page.locator(".alert-success")).to_contain_text("Triée")
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".alert-success")).to_contain_text("dans le catalogue public")
    assert_accessible(page, "rumour detail")

    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text("7 emplois sur 10")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview" and data["inLanguage"] == "fr"
    assert data["claimReviewed"] == "Les immigrés prennent le travail des gens d’ici"
    assert data["reviewRating"]["alternateName"] == "Faux"
    assert_accessible(page, "public page")


def _add_argument(page, kind: str, text: str, source: str = "") -> None:
    page.get_by_role("link", name="Ajouter un argument").click()
    page.locator("#kind").select_option(kind)
    page.locator("#text-fr").fill(text)
    if source:
        page.locator("#source_publisher").fill(source)
        page.locator("#valid_until").fill((today() + timedelta(days=200)).isoformat())
    assert_accessible(page, "argument form")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("brouillon")


def test_a_partner_on_a_phone_reports_a_sighting_of_a_known_rumour(new_page):
    known = rumour_factories.rumour("Les réfugiés passent avant tout le monde pour les logements",
                                    "Refugees jump the queue for social housing")
    factories.district("gare", "Quartier de la Gare", "Station district")
    partner = factories.user("partner", locale="fr")
    page = new_page(locale="fr-FR", viewport={"width": 375, "height": 740})
    sign_in(page, partner)
    page.goto("/sightings/new")
    page.locator("#heard").press_sequentially("les refugies passent avant pour les logements",
                                              delay=10)
    offered = page.get_by_label("Les réfugiés passent avant tout le monde pour les logements")
    expect(offered).to_be_visible()
    assert_accessible(page, "sighting form with suggestions")
    offered.check()
    page.locator("#district_id").select_option(label="Quartier de la Gare")
    page.locator("#sphere").select_option("neighbourhood")
    page.locator("#channel").select_option("conversation")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".alert-success")).to_contain_text("votre signalement a été enregistré")
    db.session.refresh(known)
    assert known.sighting_count == 1


def _world():
    coordinator = factories.user("coordinator", locale="en")
    rumour = rumour_factories.rumour("Les migrants apportent des maladies",
                                     "Migrants bring diseases", status="validated",
                                     published=True)
    rumour_factories.argument(rumour)
    draft = rumour_factories.argument(rumour, kind="question", status="draft")
    district = factories.district("port", "Le Port", "The Harbour")
    rumour_factories.sighting(rumour, district_id=district.id, verbatim="heard at the market")
    rumour_factories.sighting(rumour, seen_on=today() - timedelta(days=30))
    theme = rumour_factories.theme()
    rebuild_aggregates()
    return coordinator, rumour, draft, theme


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_every_rumours_page_is_accessible(new_page, locale):
    page = new_page(locale=locale)
    coordinator, rumour, draft, theme = _world()
    coordinator.locale = locale[:2]
    sign_in(page, coordinator)
    paths = ["/rumours", "/rumours?status=validated&translation=missing", "/rumours/new",
             f"/rumours/{rumour.id}", f"/rumours/{rumour.id}/edit",
             f"/rumours/{rumour.id}/arguments/new", f"/arguments/{draft.id}/edit",
             f"/rumours/{rumour.id}/key-phrases",
             "/sightings/new", f"/sightings/new?rumour={rumour.id}", "/sightings/import",
             "/catalogue/import", "/kit", f"/kit/{rumour.id}", f"/kit/{rumour.id}?lang=fr",
             "/catalogue", f"/catalogue/{rumour.id}", "/rumours/dashboard",
             "/rumours/lists/themes", "/rumours/lists/target-groups", "/rumours/lists/themes/new",
             f"/rumours/lists/themes/{theme.id}/edit"]
    for path in paths:
        page.goto(path)
        assert_accessible(page, path)


def test_import_previews_and_form_errors_are_accessible(page, tmp_path):
    coordinator = factories.user("coordinator", locale="en")
    sign_in(page, coordinator)
    broken = tmp_path / "survey.csv"
    broken.write_text("rumour,date\n999,2026-13-45\n")
    page.goto("/sightings/import")
    page.locator("#file").set_input_files(str(broken))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".alert-danger")).to_contain_text("nothing has been imported")
    assert_accessible(page, "sighting import with errors")
    feed = tmp_path / "feed.json"
    feed.write_text("not json")
    page.goto("/catalogue/import")
    page.locator("#file").set_input_files(str(feed))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".alert-danger")).to_be_visible()
    assert_accessible(page, "feed import with errors")
    page.goto("/rumours/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page, "rumour form with errors")


def test_anonymous_catalogue_is_accessible(page):
    rumour = rumour_factories.rumour("Ils ne veulent pas s’intégrer", "They don’t want to integrate",
                                     status="validated", published=True)
    rumour_factories.argument(rumour)
    db.session.commit()
    for path in ("/catalogue", f"/catalogue/{rumour.id}"):
        page.goto(path)
        assert_accessible(page, path)


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_a_coordinator_merges_a_reported_duplicate(page, locale):
    known = rumour_factories.rumour("Les migrants prennent nos emplois", "Migrants take our jobs",
                                    status="validated")
    duplicate = rumour_factories.rumour("Les migrants prennent tous les emplois", en=None,
                                        status="reported")
    rumour_factories.sighting(duplicate)
    db.session.commit()
    sign_in(page, factories.user("coordinator", locale=locale))
    page.goto(f"/rumours/{duplicate.id}")
    page.locator(f"a[href='/rumours/{duplicate.id}/merge']").click()
    assert_accessible(page, f"merge page ({locale})")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".invalid-feedback")).to_be_visible()
    assert_accessible(page, f"merge page with an error ({locale})")
    page.locator(f"#into-{known.id}").check()
    page.locator("#note").fill("Doublon signalé au marché")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(f"{page.url.split('/rumours')[0]}/rumours/{known.id}")
    expect(page.locator(".alert-success")).to_be_visible()
    db.session.expire_all()
    assert db.session.get(type(known), known.id).sighting_count == 1
