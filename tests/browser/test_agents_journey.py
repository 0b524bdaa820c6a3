"""The training journey end to end: a trainer plans a session, enrols three people, takes
the roll call on a tablet, and the certificate one of them earned verifies on the public
page in French."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from .. import factories as core_factories
from ..agents import factories
from .helpers import assert_accessible, sign_in

TABLET = {"width": 768, "height": 1024}
PEOPLE = (("Awa", "Diallo"), ("Bruno", "Lefèvre"), ("Chloé", "Nguyen"))


def test_a_trainer_trains_three_people_and_the_certificate_verifies_in_french(new_page, app):
    core_factories.district("gare", "Quartier de la Gare", "Station district")
    factories.programme("Formation de base", threshold_hours=8, modules=((4, True), (4, True)))
    people = [factories.agent(first, last, status="candidate", email=f"{first.lower()}@example.org")
              for first, last in PEOPLE]
    trainer = core_factories.user("trainer", name="Nadia Haddad", locale="en")
    # Today on the city's clock: the roll call is taken on the day of the session.
    day = datetime.now(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])).date()

    page = new_page(viewport=TABLET)
    sign_in(page, trainer)
    page.goto("/agents/sessions/new")
    assert_accessible(page, "new session")
    page.get_by_label("Module 1").check()
    page.get_by_label("Module 2").check()
    page.locator("#day").fill(day.isoformat())
    page.locator("#start_time").fill("09:00")
    page.locator("#end_time").fill("17:00")
    page.locator("#place").fill("Maison de quartier de la Gare")
    page.locator("#capacity").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Basic course")

    for first, last in PEOPLE:
        page.locator("#q").fill(last)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("button", name=f"Enrol {first} {last}").click()
        expect(page.locator("table")).to_contain_text(f"{first} {last}")
    assert_accessible(page, "session with participants")

    page.get_by_role("link", name="Roll call").click()
    assert_accessible(page, "roll call")
    awa, bruno, chloe = people
    page.locator(f"label[for='status-{awa.id}-present']").click()
    page.locator(f"label[for='status-{bruno.id}-partial']").click()
    page.locator(f"#hours-{bruno.id}").fill("4")
    page.locator(f"label[for='status-{chloe.id}-absent']").click()
    page.get_by_role("button", name="Record the roll call").click()
    expect(page.locator("body")).to_contain_text("The roll call has been recorded.")

    page.goto(f"/agents/{awa.id}")
    expect(page.locator("body")).to_contain_text("Certified")
    code = page.locator(".certificate-code").first.inner_text()
    page.goto(f"/agents/{bruno.id}")
    expect(page.locator("body")).to_contain_text("No certificate yet.")

    public = new_page(locale="fr-FR")
    public.goto("/agents/verify")
    assert_accessible(public, "verification form")
    public.locator("#code").fill(code.lower().replace("-", " "))
    public.locator("main form button[type=submit]").click()
    expect(public.locator("html")).to_have_attribute("lang", "fr")
    expect(public.locator(".verify-result")).to_contain_text("Certificat valide")
    expect(public.locator(".verify-facts")).to_contain_text("Awa D.")
    expect(public.locator(".verify-facts")).not_to_contain_text("Diallo")
    assert_accessible(public, "verification result")
