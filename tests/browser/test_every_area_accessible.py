"""A representative list and detail page of every area passes the accessibility scan in French
and in English, on a phone (390 px) and at a desk (1280 px), over the demonstration data."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.agents.models import Agent
from icc_network.auth.demo import DEMO_ACCOUNTS
from icc_network.campaigns.models import Campaign
from icc_network.extensions import db
from icc_network.network.models import Organisation
from icc_network.rumours.models import Rumour

from .helpers import assert_accessible

PHONE, DESK = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def _pages() -> list[str]:
    first = lambda model: db.session.scalar(select(model.id).order_by(model.id).limit(1))  # noqa: E731
    return ["/", "/rumours", f"/rumours/{first(Rumour)}", "/network/",
            f"/network/organisations/{first(Organisation)}", f"/agents/{first(Agent)}",
            f"/campaigns/{first(Campaign)}", "/evaluation/"]


def _sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_page_of_every_area_is_accessible_in_both_languages_on_phone_and_desk(app, new_page):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    db.session.commit()
    pages = _pages()
    coordinators = {a.locale: a for a in DEMO_ACCOUNTS if a.role == "coordinator"}
    for locale, account in coordinators.items():
        for viewport in (PHONE, DESK):
            page = new_page(locale=f"{locale}-{'FR' if locale == 'fr' else 'GB'}", viewport=viewport)
            _sign_in(page, account.email, account.password)
            for path in pages:
                response = page.goto(path)
                assert response.ok, path
                assert page.locator("html").get_attribute("lang") == locale
                assert_accessible(page, f"{path} in {locale} at {viewport['width']} px")
            page.close()
