"""The campaign journey end to end: a coordinator plans a campaign with a weekly café, a
partner joins it from their own account, is given a part in the café and finds it under
"my activities", and the reminder the day before reaches the partner's mailbox."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from icc_network.campaigns.models import Activity, ActivityOccurrence
from icc_network.campaigns.services import reminders
from icc_network.core import notifications
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def test_a_campaign_is_planned_joined_and_its_reminder_arrives(new_page, app, inbox):
    core_factories.district("gare", "Quartier de la Gare", "Station district")
    rumour_factories.rumour("Les aides vont d’abord aux nouveaux arrivants",
                            "Benefits go to newcomers first", status="validated")
    organisation = network_factories.organisation("Maison des associations")
    partner = core_factories.user("partner", name="Inès Moreau", locale="en",
                                  email="ines@maison.example")
    partner.organisation_id = organisation.id
    coordinator = core_factories.user("coordinator", name="Samir Benali", locale="en")
    today = datetime.now(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    first_day = today + timedelta(days=3)

    page = new_page()
    sign_in(page, coordinator)
    page.goto("/campaigns/new")
    assert_accessible(page, "new campaign")
    page.locator("#title-fr").fill("Les aides, parlons-en")
    page.locator("#title-en").fill("Benefits: let’s talk")
    page.locator("#objective-fr").fill("Défaire la rumeur sur les aides sociales.")
    page.locator("#starts_on").fill(today.isoformat())
    page.locator("#ends_on").fill((today + timedelta(days=60)).isoformat())
    page.get_by_label("Benefits go to newcomers first").check()
    page.get_by_label("General public").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Benefits: let’s talk")
    page.locator("#status").select_option("planned")
    page.get_by_role("button", name="Change", exact=True).click()
    expect(page.locator(".campaign-status")).to_contain_text("Planned")
    assert_accessible(page, "campaign")

    page.get_by_role("link", name="Add an activity").click()
    assert_accessible(page, "new activity")
    page.locator("#title-fr").fill("Café anti-rumeurs du samedi")
    page.locator("#day").fill(first_day.isoformat())
    page.locator("#start_time").fill("18:00")
    page.locator("#end_time").fill("20:00")
    page.locator("#frequency").select_option("WEEKLY")
    page.locator("#count").fill("4")
    page.locator("#exdates").fill((first_day + timedelta(days=14)).isoformat())
    page.locator("#place").fill("Médiathèque de la Gare")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Café anti-rumeurs du samedi")
    expect(page.locator("main")).to_contain_text("Every week")
    assert_accessible(page, "activity")

    partner_page = new_page()
    sign_in(partner_page, partner)
    partner_page.goto("/campaigns/open")
    assert_accessible(partner_page, "open campaigns")
    partner_page.get_by_role("link", name="Join").first.click()
    assert_accessible(partner_page, "join a campaign")
    partner_page.get_by_label("A venue").check()
    partner_page.locator("#commitment").fill("Notre salle, le samedi soir.")
    partner_page.get_by_role("button", name="Join the campaign").click()
    expect(partner_page.locator("main")).to_contain_text("Maison des associations")

    # The coordinator gives the organisation that joined a part in the café.
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Maison des associations (takes part in the campaign)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Maison des associations")

    partner_page.goto("/campaigns/mine")
    expect(partner_page.locator("main")).to_contain_text("Café anti-rumeurs du samedi")
    assert_accessible(partner_page, "my activities")

    # The scheduler, the day before the first café: the reminder reaches the mailbox once.
    db.session.expire_all()
    activity = db.session.scalars(db.select(Activity)).one()
    starts = db.session.scalars(db.select(ActivityOccurrence.starts_at)
                                .where(ActivityOccurrence.activity_id == activity.id)
                                .order_by(ActivityOccurrence.starts_at)).all()
    assert len(starts) == 3  # four Saturdays, one excepted
    local = starts[0].replace(tzinfo=ZoneInfo("UTC")).astimezone(
        ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"]))
    assert local.time() == time(18, 0)
    for _ in range(2):  # a second run finds nothing left to send
        reminders.deliver_due(now=starts[0] - timedelta(days=1) + timedelta(minutes=1))
        notifications.deliver_emails()
        db.session.commit()
    (message,) = inbox.to("ines@maison.example")
    assert "Café anti-rumeurs du samedi" in message.get_content()
