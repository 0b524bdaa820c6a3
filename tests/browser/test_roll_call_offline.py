"""The roll call on a tablet when the connection drops, and the training pages' accessibility,
in headless Chromium."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import expect
from sqlalchemy import select

from icc_network.agents.models import Attendance, Certificate
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories
from .helpers import assert_accessible, sign_in

TABLET = {"width": 768, "height": 1024}


def _session(trainer):
    programme = factories.programme("Formation de base", threshold_hours=4,
                                    modules=((4, True), (4, False)))
    session = factories.session(programme, starts_at=datetime(2026, 3, 2, 8, 0), hours=4,
                                trainer=trainer, capacity=3)
    people = [factories.agent(first, "Diallo", status="in_training")
              for first in ("Awa", "Binta", "Coumba")]
    for person in people:
        factories.enrolment(session, person)
    db.session.commit()
    return programme, session, people


def test_a_roll_call_ticked_offline_is_kept_and_sent_once_back_online(new_page):
    trainer = core_factories.user("trainer", locale="en")
    _programme, session, people = _session(trainer)
    page = new_page(viewport=TABLET)
    sign_in(page, trainer)
    page.goto(f"/agents/sessions/{session.id}/roll-call")
    assert_accessible(page, "roll call")
    page.get_by_role("button", name="Mark everyone present").click()
    page.locator(f"#hours-{people[1].id}").fill("1,5")  # ticks "partly present" itself
    page.context.set_offline(True)
    page.get_by_role("button", name="Record the roll call").click()
    expect(page.locator("#roll-call-notice")).to_contain_text("saved on this device")
    assert db.session.scalars(select(Attendance)).all() == []
    stored = page.evaluate(f"() => window.localStorage.getItem('roll-call:{session.id}')")
    assert '"pending":true' in stored
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    page.wait_for_url(f"**/agents/sessions/{session.id}")
    expect(page.locator("body")).to_contain_text("The roll call has been recorded.")
    db.session.expire_all()
    marks = {row.agent_id: (row.status, row.minutes) for row in db.session.scalars(
        select(Attendance))}
    assert marks == {people[0].id: ("present", 240), people[1].id: ("partial", 90),
                     people[2].id: ("present", 240)}
    assert len(db.session.scalars(select(Certificate)).all()) == 2
    assert page.evaluate(f"() => window.localStorage.getItem('roll-call:{session.id}')") is None


def test_the_training_pages_pass_the_accessibility_scan(new_page):
    trainer = core_factories.user("trainer", locale="en")
    programme, session, _people = _session(trainer)
    page = new_page(viewport=TABLET)
    sign_in(page, trainer)
    for path in ("/agents/programmes", f"/agents/programmes/{programme.id}",
                 "/agents/programmes/new", f"/agents/programmes/{programme.id}/edit",
                 f"/agents/programmes/{programme.id}/modules/new", "/agents/sessions?when=all",
                 f"/agents/sessions/{session.id}?q=diallo", "/agents/sessions/new",
                 f"/agents/sessions/{session.id}/edit", f"/agents/sessions/{session.id}/cancel"):
        page.goto(path)
        assert_accessible(page, path)
