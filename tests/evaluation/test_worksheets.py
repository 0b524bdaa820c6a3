"""Turn-the-curve worksheets: their lines (partners, what works, the action plan), the
rules for adding one, and the printable page and its edit page through the client."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from icc_network.core.rules import RuleViolation
from icc_network.evaluation.models import WorksheetLink
from icc_network.evaluation.services import worksheets
from icc_network.extensions import db

from .. import factories as core_factories
from ..campaigns import factories as campaign_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from ..support import login
from . import factories


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(WorksheetLink))


def test_lines_are_grouped_by_section_with_their_records():
    measure = factories.measure()
    organisation = network_factories.organisation("Maison des associations")
    campaign = campaign_factories.campaign("Vivre ensemble")
    decision = network_factories.decision(network_factories.meeting(), due_on=date(2026, 5, 1))
    worksheets.add_link(measure, "partner", "organisation", organisation.id, "Relais",
                        actor=None)
    worksheets.add_link(measure, "what_works", "campaign", campaign.id, "", actor=None)
    worksheets.add_link(measure, "action", "decision", decision.id, "", actor=None)
    sections = worksheets.worksheet(measure)
    assert [line.target for line in sections["partner"]] == [organisation]
    assert sections["partner"][0].link.note == "Relais"
    assert [line.kind for line in sections["what_works"]] == ["campaign"]
    assert [line.target for line in sections["action"]] == [decision]


@pytest.mark.parametrize("section, kind", [("partner", "campaign"), ("action", "argument"),
                                           ("what_works", "decision")])
def test_a_section_takes_only_its_kinds_of_record(section, kind):
    with pytest.raises(RuleViolation) as refused:
        worksheets.add_link(factories.measure(), section, kind, 1, "", actor=None)
    assert refused.value.field == "kind"


def test_only_a_validated_argument_can_be_said_to_work():
    rumour = rumour_factories.rumour()
    draft = rumour_factories.argument(rumour, status="draft")
    with pytest.raises(RuleViolation) as refused:
        worksheets.add_link(factories.measure(), "what_works", "argument", draft.id, "",
                            actor=None)
    assert refused.value.field == "target_id"


def test_a_record_is_linked_once_per_section_and_a_missing_one_is_refused():
    measure = factories.measure()
    organisation = network_factories.organisation()
    worksheets.add_link(measure, "partner", "organisation", organisation.id, "", actor=None)
    for target_id in (organisation.id, 999_999, None):
        with pytest.raises(RuleViolation):
            worksheets.add_link(measure, "partner", "organisation", target_id, "", actor=None)
    assert _count() == 1


def test_the_options_are_bounded_and_searchable():
    for n in range(worksheets.OPTIONS_SHOWN + 5):
        network_factories.organisation(f"Association {n}")
    network_factories.organisation("Bibliothèque Zola")
    assert len(worksheets.options("organisation")) == worksheets.OPTIONS_SHOWN
    assert [row[1] for row in worksheets.options("organisation", "bibliotheque")] == [
        "Bibliothèque Zola"]
    campaign_factories.campaign("Vivre ensemble")
    assert len(worksheets.options("campaign", "ensemble")) == 1


# --- pages --------------------------------------------------------------------------


@pytest.fixture
def coordinator(client):
    user = core_factories.user("coordinator")
    login(client, user)
    return user


def test_the_printable_worksheet_shows_its_sections_and_empty_states(client, coordinator):
    measure = factories.measure()
    page = client.get(f"/evaluation/measures/{measure.id}/worksheet").get_data(as_text=True)
    assert "The story behind the curve is still to be written" in page
    assert page.count("Nothing in this section yet") == 3
    assert "data-print" in page and "No figure yet" in page


def test_the_worksheet_shows_decisions_with_their_due_dates_and_whether_done(client,
                                                                             coordinator):
    measure = factories.measure()
    meeting = network_factories.meeting()
    late = network_factories.decision(meeting, due_on=date(2020, 1, 1))
    done = network_factories.decision(meeting, due_on=date(2020, 1, 1), done_on=date(2020, 1, 2))
    factories.worksheet_link(measure, "action", decision=late)
    factories.worksheet_link(measure, "action", decision=done)
    page = client.get(f"/evaluation/measures/{measure.id}/worksheet").get_data(as_text=True)
    assert "overdue" in page and "done on" in page


def test_a_coordinator_writes_the_story_and_adds_and_removes_lines(client, coordinator):
    measure = factories.measure()
    organisation = network_factories.organisation("Radio Quartiers")
    base = f"/evaluation/measures/{measure.id}/worksheet"
    assert client.post_form(f"{base}/edit", {"story-fr": "Les rumeurs montent en hiver.",
                                             "story-en": ""}).status_code == 302
    assert measure.story["fr"] == "Les rumeurs montent en hiver."
    page = client.get(f"{base}/edit").get_data(as_text=True)
    assert "Radio Quartiers" in page
    assert client.post_form(f"{base}/links", {
        "section": "partner", "kind": "organisation", "target_id": str(organisation.id),
        "note": "Diffuse les messages", "add": "1"}).status_code == 302
    link = db.session.scalar(select(WorksheetLink))
    assert link.note == "Diffuse les messages"
    assert client.post_form(f"/evaluation/worksheet-links/{link.id}/remove").status_code == 302
    assert _count() == 0


def test_choosing_a_section_offers_its_kinds_without_adding_anything(client, coordinator):
    measure = factories.measure()
    campaign_factories.campaign("Vivre ensemble")
    page = client.post_form(f"/evaluation/measures/{measure.id}/worksheet/links", {
        "section": "action", "kind": "organisation", "q": "", "choose": "1"}
    ).get_data(as_text=True)
    assert "Decision of the support group" in page and "Partner organisation" not in page
    assert _count() == 0


def test_adding_a_line_without_a_record_says_so(client, coordinator):
    measure = factories.measure()
    page = client.post_form(f"/evaluation/measures/{measure.id}/worksheet/links", {
        "section": "partner", "kind": "organisation", "target_id": "", "add": "1"}
    ).get_data(as_text=True)
    assert "Choose a record of the list" in page and _count() == 0


def test_the_worksheet_costs_the_same_queries_however_many_lines(client, coordinator,
                                                                 query_counter):
    measure = factories.measure()
    meeting = network_factories.meeting()
    counts = []
    for extra in (1, 6):
        for _ in range(extra):
            factories.worksheet_link(measure, "partner",
                                     organisation=network_factories.organisation())
            factories.worksheet_link(measure, "action",
                                     decision=network_factories.decision(meeting))
            factories.worksheet_link(measure, "what_works",
                                     campaign=campaign_factories.campaign())
        with query_counter() as log:
            assert client.get(f"/evaluation/measures/{measure.id}/worksheet").status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1]
