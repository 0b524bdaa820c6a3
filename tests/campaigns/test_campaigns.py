"""Campaign rules without HTTP: the form's data, statuses by hand and by the scheduler, the
list's filters, deleting drafts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from icc_network.campaigns.models import Campaign, CampaignDistrict, CampaignRumour
from icc_network.campaigns.services import campaigns
from icc_network.campaigns.services.campaigns import CampaignData, CampaignFilters
from icc_network.core.calendar import city_today
from icc_network.core.models import AuditLog, JobStatus
from icc_network.core.rules import RuleViolation
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..rumours import factories as rumour_factories
from . import factories


def _data(**overrides) -> CampaignData:
    values = {"title": {"fr": "Les réfugiés", "en": "Refugees"},
              "objective": {"fr": "Déconstruire la rumeur"}, "starts_on": date(2026, 3, 1),
              "ends_on": date(2026, 4, 30), "budget": Decimal("1500.50"),
              "audiences": ["young_people"], "channels": ["events", "schools"]}
    return CampaignData(**{**values, **overrides})


def _refused(work) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        work()
    db.session.rollback()
    return caught.value


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _actions(action: str) -> list[AuditLog]:
    return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)))


# --- saving -------------------------------------------------------------------------

def test_a_new_campaign_is_a_draft_with_its_rumours_and_districts():
    actor = core_factories.user("coordinator")
    rumour, district = rumour_factories.rumour(), core_factories.district()
    campaign = campaigns.save_campaign(None, _data(rumour_ids=[rumour.id],
                                                   district_ids=[district.id]), actor=actor)
    assert campaign.status == "draft" and campaign.created_by_id == actor.id
    assert campaign.budget == Decimal("1500.50") and campaign.status_changed_at is not None
    assert db.session.scalars(select(CampaignRumour.rumour_id)).all() == [rumour.id]
    assert db.session.scalars(select(CampaignDistrict.district_id)).all() == [district.id]
    assert _actions("campaign.create")[0].entity_id == str(campaign.id)


def test_saving_again_makes_the_links_exactly_what_was_chosen():
    actor = core_factories.user("coordinator")
    first, second = rumour_factories.rumour(), rumour_factories.rumour()
    campaign = campaigns.save_campaign(None, _data(rumour_ids=[first.id]), actor=actor)
    db.session.commit()
    campaign = campaigns.load_campaign(campaign.id)
    campaigns.save_campaign(campaign, _data(rumour_ids=[second.id], budget=None,
                                            title={"fr": "Autre titre"}), actor=actor)
    db.session.commit()
    campaign = campaigns.load_campaign(campaign.id)
    assert [link.rumour_id for link in campaign.rumours] == [second.id]
    assert campaign.budget is None and campaign.title == {"fr": "Autre titre"}
    assert set(_actions("campaign.update")[0].details["changed"]) == {"title", "budget", "rumours"}


def test_an_end_before_the_start_is_refused_on_the_last_day_and_nothing_is_saved():
    violation = _refused(lambda: campaigns.save_campaign(
        None, _data(starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30)),
        actor=core_factories.user()))
    assert violation.field == "ends_on"
    with force_locale("en"):
        assert "before it starts" in str(violation.message)
    assert _count(Campaign) == 0


def test_a_one_day_campaign_is_accepted():
    campaign = campaigns.save_campaign(None, _data(starts_on=date(2026, 5, 1),
                                                   ends_on=date(2026, 5, 1)),
                                       actor=core_factories.user())
    assert campaign.starts_on == campaign.ends_on


@pytest.mark.parametrize("budget, message", [
    (Decimal("-0.01"), "cannot be negative"), (Decimal("NaN"), "cannot be negative"),
    (Decimal("10000000000"), "below ten billion")])
def test_a_budget_below_zero_or_beyond_the_column_is_refused(budget, message):
    violation = _refused(lambda: campaigns.save_campaign(None, _data(budget=budget),
                                                         actor=core_factories.user()))
    assert violation.field == "budget"
    with force_locale("en"):
        assert message in str(violation.message)


def test_the_title_and_objective_are_required_in_the_citys_language():
    for field in ("title", "objective"):
        violation = _refused(lambda f=field: campaigns.save_campaign(
            None, _data(**{f: {"en": "Only English"}}), actor=core_factories.user()))
        assert violation.field == field


@pytest.mark.parametrize("field, value", [
    ("audiences", ["nobody"]), ("channels", ["pigeons"]), ("rumour_ids", [2**40]),
    ("district_ids", [0])])
def test_entries_outside_the_lists_are_refused(field, value):
    violation = _refused(lambda: campaigns.save_campaign(None, _data(**{field: value}),
                                                         actor=core_factories.user()))
    assert violation.field == field


def test_archived_or_merged_rumours_and_retired_districts_cannot_be_chosen():
    archived = rumour_factories.rumour(status="archived")
    survivor = rumour_factories.rumour()
    merged = rumour_factories.rumour(merged_into_id=survivor.id)
    retired = core_factories.district(active=False)
    for field, value in (("rumour_ids", [archived.id]), ("rumour_ids", [merged.id]),
                         ("district_ids", [retired.id])):
        assert _refused(lambda f=field, v=value: campaigns.save_campaign(
            None, _data(**{f: v}), actor=core_factories.user())).field == field


def test_a_rumour_archived_since_it_was_chosen_may_stay():
    rumour = rumour_factories.rumour()
    campaign = factories.campaign(rumours=[rumour])
    rumour.status = "archived"
    db.session.commit()
    saved = campaigns.save_campaign(campaigns.load_campaign(campaign.id),
                                    _data(rumour_ids=[rumour.id]), actor=core_factories.user())
    assert saved.id == campaign.id


# --- statuses -----------------------------------------------------------------------

def test_a_coordinator_moves_a_campaign_along_the_workflow_and_it_is_audited():
    actor = core_factories.user("coordinator")
    campaign = factories.campaign(status="draft")
    campaigns.change_status(campaign, "planned", actor=actor, on=date(2026, 1, 1))
    assert campaign.status == "planned" and campaign.status_changed_at is not None
    entry = _actions("campaign.status")[0]
    assert entry.details == {"from_status": "draft", "to_status": "planned"}
    assert entry.user_id == actor.id


def test_moves_outside_the_workflow_are_refused():
    campaign = factories.campaign(status="draft")
    violation = _refused(lambda: campaigns.change_status(campaign, "completed",
                                                         actor=None, on=date(2026, 1, 1)))
    assert violation.field == "status" and campaign.status == "draft"


def test_moves_the_scheduler_would_undo_are_refused_with_the_reason():
    running = factories.campaign(status="running", starts_on=date(2026, 3, 1))
    completed = factories.campaign(status="completed", ends_on=date(2026, 6, 30))
    db.session.commit()
    with force_locale("en"):
        message = str(_refused(lambda: campaigns.change_status(
            running, "planned", actor=None, on=date(2026, 3, 2))).message)
    assert "first day has passed" in message
    assert _refused(lambda: campaigns.change_status(completed, "running", actor=None,
                                                    on=date(2026, 7, 1))).field == "status"
    campaigns.change_status(completed, "running", actor=None, on=date(2026, 6, 30))


def test_only_drafts_are_deleted():
    planned, draft = factories.campaign(status="planned"), factories.campaign(status="draft")
    db.session.commit()
    _refused(lambda: campaigns.delete_campaign(planned, actor=None))
    campaigns.delete_campaign(campaigns.load_campaign(draft.id), actor=None)
    db.session.commit()
    assert db.session.scalars(select(Campaign.id)).all() == [planned.id]
    assert _actions("campaign.delete")[0].entity_id == str(draft.id)


def test_the_scheduler_starts_and_completes_campaigns_on_their_dates_once():
    day = date(2026, 5, 10)
    starts = factories.campaign(status="planned", starts_on=day, ends_on=day + timedelta(30))
    later = factories.campaign(status="planned", starts_on=day + timedelta(1),
                               ends_on=day + timedelta(30))
    ends = factories.campaign(status="running", starts_on=day - timedelta(30),
                              ends_on=day - timedelta(1))
    last_day = factories.campaign(status="running", starts_on=day - timedelta(30), ends_on=day)
    missed = factories.campaign(status="planned", starts_on=day - timedelta(30),
                                ends_on=day - timedelta(2))
    draft = factories.campaign(status="draft", starts_on=day - timedelta(30), ends_on=day)
    assert campaigns.advance_statuses(day) == {"started": 2, "completed": 2}
    db.session.commit()
    db.session.expire_all()
    assert [c.status for c in (starts, later, ends, last_day, missed, draft)] == [
        "running", "planned", "completed", "running", "completed", "draft"]
    assert len(_actions("campaign.status")) == 4
    assert campaigns.advance_statuses(day) == {"started": 0, "completed": 0}


def test_the_job_moves_campaigns_by_the_citys_calendar(app):
    today = city_today()
    campaign = factories.campaign(status="planned", starts_on=today, ends_on=today)
    db.session.commit()
    spec = next(s for s in job_specs(app) if s.id == "campaigns.advance_statuses")
    run_job(app, spec)
    assert db.session.get(JobStatus, spec.id).last_result == {"started": 1, "completed": 0}
    assert db.session.get(Campaign, campaign.id).status == "running"


# --- the list -----------------------------------------------------------------------

def _listed(filters: CampaignFilters, locale: str = "fr") -> list[int]:
    return [row[0].id for row in db.session.execute(campaigns.campaign_query(filters, locale))]


def test_the_list_filters_by_status_district_rumour_and_folded_title():
    district, rumour = core_factories.district(), rumour_factories.rumour()
    refugees = factories.campaign("Les Réfugiés au marché", districts=[district])
    school = factories.campaign("L'école ensemble", status="running", rumours=[rumour])
    assert _listed(CampaignFilters(q="refugies MARCHE")) == [refugees.id]
    assert _listed(CampaignFilters(q="ecole")) == [school.id]
    assert _listed(CampaignFilters(q="l'École")) == [school.id]
    assert _listed(CampaignFilters(q="absent")) == []
    assert _listed(CampaignFilters(status="running")) == [school.id]
    assert _listed(CampaignFilters(district_id=district.id)) == [refugees.id]
    assert _listed(CampaignFilters(rumour_id=rumour.id)) == [school.id]


def test_the_list_sorts_and_counts_organisations_taking_part():
    from ..network import factories as network_factories

    first = factories.campaign("Bravo", starts_on=date(2026, 1, 1))
    second = factories.campaign("alpha", starts_on=date(2026, 2, 1))
    factories.participation(first, network_factories.organisation())
    factories.participation(first, network_factories.organisation(), state="withdrawn")
    assert _listed(CampaignFilters(sort="title")) == [second.id, first.id]
    assert _listed(CampaignFilters()) == [second.id, first.id]  # latest first
    assert _listed(CampaignFilters(sort="starts")) == [first.id, second.id]
    counts = dict((c.id, n) for c, n in db.session.execute(
        campaigns.campaign_query(CampaignFilters(), "fr")))
    assert counts == {first.id: 1, second.id: 0}


def test_odd_filters_are_ignored():
    filters = campaigns.parse_filters({"status": "lost", "district": "x", "sort": "';--",
                                       "rumour": "99999999999999"})
    assert filters == CampaignFilters()


def test_the_form_offers_chosen_rumours_then_the_register_but_never_archived_ones():
    chosen = rumour_factories.rumour(status="archived")
    heard = rumour_factories.rumour("Ils prennent nos emplois", sighting_count=9)
    rumour_factories.rumour("Rumeur archivée", status="archived")
    offered = campaigns.rumour_options([str(chosen.id), "junk"], "")
    assert [r.id for r in offered][:2] == [chosen.id, heard.id]
    assert len(offered) == 2
    assert [r.id for r in campaigns.rumour_options([], "emplois")] == [heard.id]


def test_a_rumours_campaigns_latest_first():
    rumour = rumour_factories.rumour()
    old = factories.campaign(rumours=[rumour], starts_on=date(2025, 1, 1),
                             ends_on=date(2025, 2, 1))
    new = factories.campaign(rumours=[rumour])
    factories.campaign()
    assert [c.id for c in campaigns.campaigns_targeting(rumour.id)] == [new.id, old.id]
