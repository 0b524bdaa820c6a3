"""The reach of an activity: recorded once it started, by managers or by a partner whose
organisation runs it, whole numbers of zero or more, audited."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from icc_network.campaigns.services.reach import ReachData, may_record, record_reach
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from . import factories


def _activity(organisations=(), starts_at=datetime(2026, 3, 14, 9)):
    return factories.activity(factories.campaign(), organisations=organisations,
                              starts_at=starts_at)


def _partner(organisation):
    user = core_factories.user("partner")
    user.organisation_id = organisation.id
    return user


def _refused(activity, data, actor) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        record_reach(activity, data, actor=actor)
    db.session.rollback()
    return refused.value


def test_a_coordinator_records_the_reach_and_it_is_audited():
    activity = _activity()
    coordinator = core_factories.user("coordinator")
    record_reach(activity, ReachData(attendees=40, conversations=12, materials=0),
                 actor=coordinator)
    assert (activity.attendees, activity.conversations, activity.materials,
            activity.online_views) == (40, 12, 0, None)
    assert activity.reach_recorded_by_id == coordinator.id
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "activity.reach"))
    assert entry.details["after"]["attendees"] == 40


def test_a_partner_records_only_for_activities_their_organisation_runs():
    ours, theirs = network_factories.organisation(), network_factories.organisation()
    activity = _activity(organisations=[ours])
    assert may_record(_partner(ours), activity)
    stranger = _partner(theirs)
    assert not may_record(stranger, activity)
    record_reach(activity, ReachData(online_views=300), actor=_partner(ours))
    assert activity.online_views == 300
    db.session.commit()
    with force_locale("en"):
        assert "organisations running" in str(_refused(activity, ReachData(attendees=1),
                                                       stranger).message)


@pytest.mark.parametrize(("data", "field", "words"), [
    (ReachData(attendees=-1), "attendees", "zero or more"),
    (ReachData(conversations=3, materials=-20), "materials", "zero or more"),
    (ReachData(online_views=10**9), "online_views", "at most ten million"),
    (ReachData(), "attendees", "at least one figure"),
])
def test_figures_below_zero_or_missing_are_refused_with_a_clear_message(data, field, words):
    activity = _activity()
    db.session.commit()
    violation = _refused(activity, data, core_factories.user())
    assert violation.field == field
    with force_locale("en"):
        assert words in str(violation.message)
    db.session.refresh(activity)
    assert activity.reach_recorded_at is None and activity.materials is None


def test_no_reach_before_the_activity_starts_nor_for_a_cancelled_one():
    coming = _activity(starts_at=utcnow() + timedelta(days=2))
    with force_locale("en"):
        assert "once the activity has started" in str(
            _refused(coming, ReachData(attendees=5), core_factories.user()).message)
    cancelled = _activity()
    cancelled.cancelled_at = utcnow()
    with force_locale("en"):
        assert "cancelled" in str(
            _refused(cancelled, ReachData(attendees=5), core_factories.user()).message)
