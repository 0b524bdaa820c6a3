"""Partners joining campaigns without HTTP: commitments, withdrawing and joining again, the
coordinators' answer, and who is told."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from icc_network.campaigns.models import CampaignPartner
from icc_network.campaigns.services import participation
from icc_network.campaigns.services.participation import JoinData
from icc_network.core.models import AuditLog, Notification
from icc_network.core.notifications import render
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from . import factories

TODAY = date(2026, 4, 1)


@pytest.fixture
def people():
    organisation = network_factories.organisation("Maison des femmes")
    partner = core_factories.user("partner")
    partner.organisation_id = organisation.id
    colleague = core_factories.user("partner")
    colleague.organisation_id = organisation.id
    stranger = core_factories.user("partner")
    stranger.organisation_id = network_factories.organisation().id
    coordinator = core_factories.user("coordinator")
    core_factories.user("trainer")
    db.session.flush()
    return {"organisation": organisation, "partner": partner, "colleague": colleague,
            "stranger": stranger, "coordinator": coordinator}


def _join(campaign, people, **overrides):
    data = JoinData(**{"commitment": "Notre salle le samedi", "contributions": ["venue"],
                       **overrides})
    return participation.join(campaign, people["organisation"], data, actor=people["partner"],
                               on=TODAY)


def _notified(kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind)
                                   .order_by(Notification.id)))


def _refused(work) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        work()
    db.session.rollback()
    return caught.value


def test_joining_waits_for_an_answer_and_tells_the_coordinators(people):
    campaign = factories.campaign("Marchés", status="planned")
    row = _join(campaign, people, contributions=["people", "venue"])
    assert row.state == "pending" and row.joined_by_id == people["partner"].id
    assert row.contributions == ["venue", "people"]  # in the list's order
    sent = _notified(participation.JOINED_KIND)
    assert [n.user_id for n in sent] == [people["coordinator"].id]
    assert sent[0].dedupe_key.startswith("campaigns:")
    assert sent[0].link == f"/campaigns/{campaign.id}/participants"
    with force_locale("en"):
        assert "Maison des femmes joined the campaign “Campaign" in render(sent[0], "en")
    assert db.session.scalar(select(AuditLog.action).where(
        AuditLog.entity_type == "campaign_partner")) == "campaign_partner.join"


def test_changing_the_commitment_tells_nobody_again(people):
    campaign = factories.campaign()
    first = _join(campaign, people)
    second = _join(campaign, people, commitment="Deux bénévoles", contributions=["people"])
    assert first.id == second.id and second.commitment == "Deux bénévoles"
    assert len(_notified(participation.JOINED_KIND)) == 1


@pytest.mark.parametrize("overrides, field", [
    ({"contributions": []}, "contributions"), ({"contributions": ["gold"]}, "contributions"),
    ({"commitment": "   "}, "commitment"), ({"commitment": "x" * 2001}, "commitment")])
def test_a_commitment_needs_words_and_at_least_one_thing_brought(people, overrides, field):
    campaign = factories.campaign()
    assert _refused(lambda: _join(campaign, people, **overrides)).field == field
    assert db.session.scalars(select(CampaignPartner)).all() == []


@pytest.mark.parametrize("status, ends_on", [
    ("draft", date(2026, 6, 30)), ("completed", date(2026, 6, 30)),
    ("running", date(2026, 3, 31))])
def test_only_open_campaigns_can_be_joined(people, status, ends_on):
    campaign = factories.campaign(status=status, ends_on=ends_on)
    with force_locale("en"):
        assert "no longer open" in str(_refused(lambda: _join(campaign, people)).message)


def test_withdrawing_and_joining_again_reuse_the_same_row(people):
    campaign = factories.campaign()
    row = _join(campaign, people)
    participation.decide(row, True, actor=people["coordinator"])
    participation.withdraw(row, actor=people["partner"])
    assert row.state == "withdrawn"
    assert len(_notified(participation.WITHDRAWN_KIND)) == 1
    again = _join(campaign, people, commitment="De retour")
    assert again.id == row.id and again.state == "pending" and again.decided_at is None
    assert len(_notified(participation.JOINED_KIND)) == 2
    assert len(db.session.scalars(select(CampaignPartner)).all()) == 1


def test_a_declined_organisation_cannot_join_again_by_itself(people):
    campaign = factories.campaign()
    row = _join(campaign, people)
    participation.decide(row, False, "Déjà trop de partenaires", actor=people["coordinator"])
    db.session.commit()
    _refused(lambda: _join(campaign, people))
    assert db.session.get(CampaignPartner, row.id).state == "declined"


def test_the_answer_is_told_to_the_organisations_people_only(people):
    campaign = factories.campaign()
    row = _join(campaign, people)
    participation.decide(row, False, "Complet ce mois-ci", actor=people["coordinator"])
    sent = _notified(participation.DECLINED_KIND)
    assert {n.user_id for n in sent} == {people["partner"].id, people["colleague"].id}
    with force_locale("en"):
        assert "Complet ce mois-ci" in render(sent[0], "en")
    participation.decide(row, True, actor=people["coordinator"])
    assert len(_notified(participation.ACCEPTED_KIND)) == 2
    assert row.state == "accepted" and row.decision_note == ""
    assert row.decided_by_id == people["coordinator"].id


def test_a_withdrawn_organisation_gets_no_answer_and_a_closed_campaign_keeps_its_partners(
        people):
    campaign = factories.campaign()
    row = _join(campaign, people)
    participation.withdraw(row, actor=people["partner"])
    db.session.commit()
    _refused(lambda: participation.decide(row, True, actor=people["coordinator"]))
    done = factories.campaign(status="completed")
    kept = factories.participation(done, people["organisation"], state="accepted")
    db.session.commit()
    _refused(lambda: participation.withdraw(kept, actor=people["partner"]))


def test_open_campaigns_are_those_planned_or_running_and_not_over(people):
    expected = [factories.campaign(status="planned", starts_on=date(2026, 5, 1)),
                factories.campaign(status="running", starts_on=date(2026, 3, 1),
                                   ends_on=TODAY)]
    factories.campaign(status="running", ends_on=date(2026, 3, 31))
    factories.campaign(status="draft")
    factories.campaign(status="completed")
    found = db.session.scalars(participation.open_campaigns_query(TODAY)).all()
    assert [c.id for c in found] == [expected[1].id, expected[0].id]


def test_participants_are_listed_those_waiting_first(people):
    campaign = factories.campaign()
    accepted = factories.participation(campaign, network_factories.organisation("Alpha"),
                                       state="accepted")
    waiting = factories.participation(campaign, network_factories.organisation("Zeta"))
    rows = db.session.scalars(participation.participants_query(campaign.id)).all()
    assert [r.id for r in rows] == [waiting.id, accepted.id]
    only = db.session.scalars(participation.participants_query(campaign.id, "accepted")).all()
    assert [r.id for r in only] == [accepted.id]
