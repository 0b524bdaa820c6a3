"""An administrator narrows the audit log to one person, and the filtered page stays
accessible; the link to download it keeps the filter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from icc_network.core.audit import record

from .. import factories
from .helpers import assert_accessible, sign_in


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_the_audit_log_narrowed_to_one_person_is_accessible(new_page, locale):
    page = new_page(locale=locale)
    admin = factories.user("admin", name="Alice Admin", locale=locale[:2])
    tom = factories.user("trainer", name="Tom Trainer")
    nadia = factories.user("coordinator", name="Nadia Coordinator")
    record(tom, "agent.view", entity_type="agent", entity_id=7)
    record(nadia, "rumour.update", entity_type="rumour", entity_id=1)
    sign_in(page, admin)
    page.goto("/admin/audit")
    page.locator("#who").select_option(label="Tom Trainer")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"who={tom.id}"))
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td[data-action='agent.view']")).to_have_count(1)
    expect(rows.first).not_to_contain_text("agent.view")  # a label, not the code
    expect(page.locator("#who")).to_have_value(str(tom.id))
    expect(page.locator("main a[href*='/admin/audit.csv']")).to_have_attribute(
        "href", re.compile(rf"who={tom.id}"))
    assert_accessible(page, "audit log filtered by person")
