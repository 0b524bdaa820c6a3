"""A forgotten password, in French: ask for a link on the login page, read the e-mail,
choose a new password, and sign in with it; both pages pass the accessibility scan."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from icc_network.extensions import db

from .. import factories
from .helpers import assert_accessible

NEW_PASSWORD = "plum orchard lantern 84"


def test_a_forgotten_password_is_reset_from_the_e_mailed_link(new_page, inbox):
    user = factories.user("partner", name="Ana Partenaire", email="ana@asso.example",
                          locale="fr")
    db.session.commit()
    page = new_page(locale="fr-FR")
    page.goto("/login")
    page.locator("main a[href='/password/forgotten']").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible(page, "forgotten password")
    page.locator("#email").fill("ana@asso.example")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator(".alert")).to_be_visible()

    (message,) = inbox.to(user.email)
    path = re.search(r"https?://[^/\s]+(/password/reset/\S+)", message.get_content()).group(1)
    page.goto(path)
    assert_accessible(page, "new password")
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/login$"))

    page.locator("#email").fill(user.email)
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login"))
    page.goto(path)  # the link worked once
    expect(page.locator("main a[href='/password/forgotten']")).to_be_visible()
