"""On a phone (390 px) no detail page, nor the audit log, is wider than the screen: long words
wrap, tables and charts scroll inside their own box, in French and in English."""

from __future__ import annotations

from sqlalchemy import select, update

from icc_network.agents.models import Agent, Programme, TrainingSession
from icc_network.auth.demo import DEMO_ACCOUNTS
from icc_network.auth.models import User
from icc_network.campaigns.models import Activity, Campaign
from icc_network.evaluation.models import Measure, Survey
from icc_network.extensions import db
from icc_network.network.models import Meeting, Organisation
from icc_network.rumours.models import Rumour

from ..rumours import factories as rumour_factories
from .helpers import sign_in

PHONE = {"width": 390, "height": 844}
WIDTH = "() => document.documentElement.scrollWidth"
# What is wider than the screen, to name it when the test fails.
WIDEST = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  const name = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > edge && !clipped(e))
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= edge
                 || e.parentElement === document.body)
    .slice(0, 5).map(name);
}"""


def _first(model) -> int:
    return db.session.scalar(select(model.id).order_by(model.id).limit(1))


def _detail_pages(long_rumour: int) -> list[str]:
    return [f"/rumours/{_first(Rumour)}", f"/rumours/{long_rumour}",
            f"/network/organisations/{_first(Organisation)}",
            f"/network/support-group/meetings/{_first(Meeting)}",
            f"/agents/{_first(Agent)}", f"/agents/programmes/{_first(Programme)}",
            f"/agents/sessions/{_first(TrainingSession)}",
            f"/campaigns/{_first(Campaign)}", f"/campaigns/activities/{_first(Activity)}",
            f"/evaluation/measures/{_first(Measure)}", f"/evaluation/surveys/{_first(Survey)}"]


def _too_wide(page, paths: list[str]) -> dict[str, tuple[int, list[str]]]:
    wide = {}
    for path in paths:
        response = page.goto(path)
        assert response.ok, path
        page.wait_for_load_state("load")
        if (width := page.evaluate(WIDTH)) > PHONE["width"]:
            wide[path] = (width, page.evaluate(WIDEST))
    return wide


def test_detail_pages_and_the_audit_log_fit_a_phone_in_both_languages(app, new_page):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    # A wording with a word longer than the screen, as a pasted address or hashtag would be.
    long_word = "https://exemple.org/" + "statistiques-emploi-" * 6
    rumour = rumour_factories.rumour(fr="Ilsprennenttouslesemploisdelaville" * 3 + " " + long_word,
                                     en="Theytakeallthejobsofthecity" * 3)
    rumour_factories.argument(rumour, fr="Selon " + long_word, en="According to " + long_word,
                              source_url=long_word)
    rumour_factories.sighting(rumour, verbatim="Ilsprennenttout" * 8, venue=long_word[:120])
    long_rumour = rumour.id
    db.session.commit()
    pages = _detail_pages(long_rumour)
    coordinators = {a.locale: a for a in DEMO_ACCOUNTS if a.role == "coordinator"}
    admin = next(a for a in DEMO_ACCOUNTS if a.role == "admin")
    wide = {}
    for locale, account in coordinators.items():
        page = new_page(locale=f"{locale}-{'FR' if locale == 'fr' else 'GB'}", viewport=PHONE)
        sign_in(page, db.session.scalar(select(User).where(User.email == account.email)),
                account.password)
        wide |= {f"{path} ({locale})": found for path, found in _too_wide(page, pages).items()}
        page.close()

        db.session.execute(update(User).where(User.email == admin.email).values(locale=locale))
        page = new_page(locale=f"{locale}-{'FR' if locale == 'fr' else 'GB'}", viewport=PHONE)
        sign_in(page, db.session.scalar(select(User).where(User.email == admin.email)), admin.password)
        wide |= {f"{path} ({locale})": found
                 for path, found in _too_wide(page, ["/admin/audit", "/admin/districts"]).items()}
        page.close()
    assert not wide, f"pages wider than {PHONE['width']} px on a phone: {wide}"
