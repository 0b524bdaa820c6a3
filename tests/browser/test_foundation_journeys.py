"""Sign in, switch language, sign out; every foundation page passes an accessibility scan."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from icc_network.extensions import db

from .. import factories
from .helpers import assert_accessible, sign_in


def test_sign_in_switch_language_and_sign_out(page):
    user = factories.user("coordinator", name="Samira Benali", locale="en")
    sign_in(page, user)
    expect(page.locator("h1")).to_have_text("Hello, Samira Benali")

    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Bonjour, Samira Benali")
    db.session.refresh(user)
    assert user.locale == "fr"

    page.get_by_role("button", name="Samira Benali").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator(".alert")).to_contain_text("Vous êtes déconnecté")
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_wrong_password_keeps_the_email_and_explains(page):
    factories.user("staff", email="tom@example.org")
    db.session.commit()
    page.goto("/login")
    page.locator("#email").fill("tom@example.org")
    page.locator("#password").fill("not the password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-danger")).to_contain_text("not correct")
    expect(page.locator("#email")).to_have_value("tom@example.org")


def test_menu_works_on_a_phone(new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    admin = factories.user("admin", locale="en")
    sign_in(page, admin)
    toggler = page.get_by_role("button", name="Show or hide the menu")
    expect(toggler).to_be_visible()
    toggler.click()
    # Bootstrap marks the menu "show" once it has finished opening; act on it only then.
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    administration = page.get_by_role("button", name="Administration")
    administration.click()
    expect(administration).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Districts").click()
    expect(page.locator("h1")).to_have_text("Districts")


def test_anonymous_pages_are_accessible(page):
    for path in ("/", "/login", "/no-such-page"):
        page.goto(path)
        assert_accessible(page, path)


def _admin_pages(world):
    return ["/", "/account", "/account/password", "/admin/users", "/admin/users/new",
            f"/admin/users/{world['agent'].id}/edit", "/admin/districts", "/admin/districts/new",
            f"/admin/districts/{world['district'].id}/edit", "/translations/worklist",
            "/admin/audit", "/admin/status"]


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_signed_in_pages_are_accessible(new_page, locale):
    page = new_page(locale=locale)
    admin = factories.user("admin", locale=locale[:2])
    world = {"agent": factories.user("agent"), "district": factories.district("port", "Le Port", None)}
    sign_in(page, admin)
    for path in _admin_pages(world):
        page.goto(path)
        assert_accessible(page, path)


def test_form_errors_are_accessible(page):
    admin = factories.user("admin", locale="en")
    sign_in(page, admin)
    page.goto("/admin/users/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page, "user form with errors")


def test_a_partner_turns_off_notification_e_mails_on_a_phone_in_french(new_page):
    page = new_page(locale="fr-FR", viewport={"width": 390, "height": 844})
    partner = factories.user("partner", locale="fr")
    sign_in(page, partner)
    page.goto("/account")
    choice = page.get_by_label("Dans l’application seulement, jamais par e-mail")
    expect(page.get_by_label("Dans l’application et par e-mail, au plus un e-mail par heure")
           ).to_be_checked()
    choice.check()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    expect(page.locator(".alert")).to_contain_text("Votre choix de notifications a été enregistré.")
    expect(page.get_by_label("Dans l’application seulement, jamais par e-mail")).to_be_checked()
    assert_accessible(page, "account page with the notification choice")
    db.session.refresh(partner)
    assert partner.email_notifications == "never"
