"""Ties derived from joint campaign work: weights, drafts and cancellations, the job, and the
network metrics that read them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from icc_network.campaigns.models import Activity, Campaign
from icc_network.campaigns.services import campaigns, ties
from icc_network.core.clock import utcnow
from icc_network.core.models import JobStatus
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.models import NetworkState, Tie
from icc_network.network.services import analytics
from icc_network.scheduler import run_job

from ..network import factories as network_factories
from . import factories


def _derived() -> dict[tuple[str, int, int], float]:
    return {(t.origin_key, t.from_organisation_id, t.to_organisation_id): t.weight
            for t in db.session.scalars(select(Tie).where(Tie.origin == "derived"))}


def _version() -> int:
    return db.session.scalar(select(NetworkState.version)) or 0


def _spec(app, job_id):
    return next(s for s in job_specs(app) if s.id == job_id)


def _three():
    return sorted((network_factories.organisation() for _ in range(3)), key=lambda o: o.id)


def test_organisations_sharing_activities_co_organise_weighted_by_the_activities():
    a, b, c = _three()
    campaign = factories.campaign()
    factories.activity(campaign, organisations=[a, b])
    factories.activity(campaign, organisations=[b, a, c])
    factories.activity(campaign, organisations=[c])
    factories.activity(campaign, organisations=[a, c], cancelled_at=utcnow())
    assert ties.refresh_ties(campaign.id) == 3
    key = f"campaign:{campaign.id}"
    assert _derived() == {(key, a.id, b.id): 2.0, (key, a.id, c.id): 1.0,
                          (key, b.id, c.id): 1.0}
    assert {t.kind for t in db.session.scalars(select(Tie))} == {"co_organises"}


def test_each_campaign_has_its_own_ties_and_hand_entered_ones_stay():
    a, b, _c = _three()
    manual = network_factories.tie(a, b, "co_organises", weight=5)
    first, second = factories.campaign(), factories.campaign()
    factories.activity(first, organisations=[a, b])
    factories.activity(second, organisations=[a, b])
    ties.refresh([first.id, second.id])
    assert sorted(_derived().values()) == [1.0, 1.0]
    assert db.session.get(Tie, manual.id).weight == 5


def test_a_refresh_that_changes_nothing_leaves_the_network_alone():
    a, b, _c = _three()
    campaign = factories.campaign()
    factories.activity(campaign, organisations=[a, b])
    ties.refresh_ties(campaign.id)
    version = _version()
    assert ties.refresh_ties(campaign.id) == 1
    assert ties.refresh() == {"campaigns": 1, "changed": 0}
    assert _version() == version


def test_a_cancelled_activity_no_longer_counts():
    a, b, _c = _three()
    campaign = factories.campaign()
    cafe = factories.activity(campaign, organisations=[a, b])
    ties.refresh_ties(campaign.id)
    cafe.cancelled_at = utcnow()
    version = _version()
    assert ties.refresh_ties(campaign.id) == 0
    assert _derived() == {} and _version() == version + 1


def test_drafts_give_no_ties_until_they_are_planned_and_lose_them_going_back():
    a, b, _c = _three()
    campaign = factories.campaign(status="draft")
    factories.activity(campaign, organisations=[a, b])
    assert ties.refresh_ties(campaign.id) == 0
    campaigns.change_status(campaign, "planned", actor=None, on=campaign.starts_on)
    assert len(_derived()) == 1
    campaigns.change_status(campaign, "draft", actor=None, on=campaign.starts_on)
    assert _derived() == {}


def test_the_job_refreshes_every_campaign_first_then_those_changed_since(app):
    a, b, c = _three()
    old, recent = factories.campaign(), factories.campaign()
    factories.activity(old, organisations=[a, b])
    spec = _spec(app, "campaigns.derive_ties")
    db.session.commit()
    run_job(app, spec)
    assert db.session.get(JobStatus, spec.id).last_result == {"campaigns": 1, "changed": 1}
    # Both rows and their activities predate the last run, save one new activity.
    long_ago = utcnow() - timedelta(days=2)
    for model in (Campaign, Activity):
        db.session.execute(update(model).values(updated_at=long_ago))
    db.session.execute(update(JobStatus).where(JobStatus.job_id == spec.id)
                       .values(last_success_at=utcnow() - timedelta(hours=1)))
    factories.activity(recent, organisations=[b, c])
    db.session.commit()
    run_job(app, spec)
    assert db.session.get(JobStatus, spec.id).last_result == {"campaigns": 1, "changed": 1}
    assert len(_derived()) == 2


def test_the_nightly_job_catches_activities_removed_outright(app):
    a, b, _c = _three()
    campaign = factories.campaign()
    cafe = factories.activity(campaign, organisations=[a, b])
    ties.refresh_ties(campaign.id)
    db.session.delete(cafe)
    db.session.commit()
    run_job(app, _spec(app, "campaigns.derive_all_ties"))
    assert _derived() == {}


def test_the_network_metrics_see_the_derived_ties(app):
    a, b, c = _three()
    campaign = factories.campaign()
    for _n in range(3):
        factories.activity(campaign, organisations=[a, b],
                           starts_at=datetime(2026, 3, 14, 9) + timedelta(days=_n))
    factories.activity(campaign, organisations=[b, c])
    ties.refresh_ties(campaign.id)
    db.session.commit()
    graph = analytics.load_graph()
    assert graph[a.id][b.id]["weight"] == 3.0 and graph[b.id][c.id]["weight"] == 1.0
    state = db.session.scalars(select(NetworkState)).one()
    assert state.version > state.computed_version  # the metrics job will recompute
    run_job(app, _spec(app, "network.recompute_nightly"))
    assert db.session.get(JobStatus, "network.recompute_nightly").last_result["ties"] == 2
