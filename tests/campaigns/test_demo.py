"""The demonstration data of the campaigns area: every stage of a campaign, bilingual, with
the demo partner's organisation and the demo agent taking part."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from icc_network.agents.models import Agent
from icc_network.auth.demo import demo_user
from icc_network.campaigns.demo import weekly_dates
from icc_network.campaigns.models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
    Campaign,
    CampaignPartner,
)
from icc_network.campaigns.services import summary
from icc_network.core.calendar import to_local
from icc_network.core.clock import today
from icc_network.extensions import db


def _load(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_the_demo_has_a_campaign_at_every_stage_in_both_languages(app):
    _load(app)
    campaigns = db.session.scalars(select(Campaign).order_by(Campaign.id)).all()
    assert [c.status for c in campaigns] == ["completed", "running", "planned", "draft"]
    assert all(c.title.get("fr") and c.title.get("en") for c in campaigns)
    assert all(c.objective.get("fr") and c.objective.get("en") for c in campaigns)
    titles = db.session.scalars(select(Activity.title)).all()
    assert titles and all(t.get("fr") and t.get("en") for t in titles)
    running = campaigns[1]
    assert running.starts_on <= today() <= running.ends_on
    assert campaigns[0].ends_on < today() < campaigns[2].starts_on


def test_the_weekly_cafe_skips_its_exception_on_the_citys_clock(app):
    _load(app)
    cafes = db.session.scalars(select(Activity).where(Activity.rrule != "")).all()
    assert cafes and all(c.exdates for c in cafes)
    for cafe in cafes:
        starts = db.session.scalars(select(ActivityOccurrence.starts_at).where(
            ActivityOccurrence.activity_id == cafe.id).order_by(ActivityOccurrence.starts_at)).all()
        count = int(cafe.rrule.rpartition("=")[2])
        assert len(starts) == count - len(cafe.exdates)
        local = [to_local(s) for s in starts]
        assert len({(t.hour, t.minute, t.weekday()) for t in local}) == 1  # across DST too
        assert not {t.date().isoformat() for t in local} & set(cafe.exdates)
        assert cafe.starts_at == starts[0] and cafe.last_ends_at > starts[-1]


def test_the_demo_accounts_take_part_and_past_activities_have_their_reach(app):
    _load(app)
    partner_organisation = demo_user("partner").organisation_id
    assert db.session.scalar(select(func.count()).select_from(CampaignPartner).where(
        CampaignPartner.organisation_id == partner_organisation)) >= 2
    assert db.session.scalar(select(func.count()).select_from(ActivityOrganisation).where(
        ActivityOrganisation.organisation_id == partner_organisation)) >= 2
    own_agent = db.session.scalar(select(Agent.id).where(Agent.user_id == demo_user("agent").id))
    assert db.session.scalar(select(func.count()).select_from(ActivityAgent).where(
        ActivityAgent.agent_id == own_agent)) >= 3
    completed = db.session.scalar(select(Campaign).where(Campaign.status == "completed"))
    data = summary.summary(completed)
    assert data.reach.held == 3 and data.reach.cancelled == 1 and data.reach.attendees > 300
    assert data.partners and data.agents >= 4 and data.trend.rows


def test_a_weekly_rule_counts_its_excepted_dates():
    first = date(2026, 3, 7)
    days = weekly_dates(first, 4, [first + timedelta(weeks=1)])
    assert days == [first, first + timedelta(weeks=2), first + timedelta(weeks=3)]
