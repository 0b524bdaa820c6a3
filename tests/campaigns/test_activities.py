"""Activities of a campaign: saving writes their dates, changes that calendars show raise
the sequence, bad input is refused with a clear message and leaves nothing behind."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from icc_network.campaigns.models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
)
from icc_network.campaigns.services import activities, reminders, ties
from icc_network.campaigns.services.activities import ActivityData
from icc_network.campaigns.services.recurrence import Recurrence
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from . import factories


def _data(**overrides) -> ActivityData:
    values = {"kind": "cafe", "title": {"fr": "Café des rumeurs", "en": "Rumour café"},
              "day": date(2026, 3, 21), "start_time": time(18), "end_time": time(20),
              "place": "Médiathèque", "language": "fr", **overrides}
    return ActivityData(**values)


def _weekly(count: int = 4, days=("SA",)) -> Recurrence:
    return Recurrence("WEEKLY", weekdays=days, count=count)


def _dates(activity: Activity) -> list[tuple[datetime, datetime]]:
    return [(start, end) for start, end in db.session.execute(
        select(ActivityOccurrence.starts_at, ActivityOccurrence.ends_at)
        .where(ActivityOccurrence.activity_id == activity.id)
        .order_by(ActivityOccurrence.starts_at))]


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _refused(campaign, data, activity=None) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        activities.save_activity(activity, campaign, data, actor=None)
    db.session.rollback()
    return refused.value


def _message(violation: RuleViolation) -> str:
    with force_locale("en"):
        return str(violation.message)


@pytest.fixture
def calls(monkeypatch):
    """What was asked of reminders and of the network's ties."""
    seen: list[tuple[str, int]] = []
    monkeypatch.setattr(reminders, "replan", lambda a: seen.append(("replan", a.id)) or 0)
    monkeypatch.setattr(reminders, "activity_cancelled",
                        lambda a: seen.append(("cancelled", a.id)) or 0)
    monkeypatch.setattr(ties, "refresh_ties", lambda cid: seen.append(("ties", cid)) or 0)
    return seen


def test_a_one_off_activity_has_one_date_in_utc_and_is_audited(calls):
    campaign = factories.campaign()
    user = core_factories.user()
    activity = activities.save_activity(None, campaign, _data(), actor=user)
    assert (activity.starts_at, activity.ends_at) == (datetime(2026, 3, 21, 17),
                                                      datetime(2026, 3, 21, 19))
    assert activity.last_ends_at == datetime(2026, 3, 21, 19)
    assert _dates(activity) == [(activity.starts_at, activity.ends_at)]
    assert activity.rrule == "" and activity.sequence == 0
    assert calls == [("replan", activity.id), ("ties", campaign.id)]
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "activity.create"))
    assert entry.user_id == user.id and entry.entity_id == str(activity.id)


def test_a_weekly_activity_writes_each_date_without_the_exceptions_across_summer_time(calls):
    campaign = factories.campaign()
    activity = activities.save_activity(None, campaign, _data(
        recurrence=_weekly(4), exdates=[date(2026, 3, 28)]), actor=None)
    assert activity.rrule == "FREQ=WEEKLY;BYDAY=SA;COUNT=4"
    assert activity.exdates == ["2026-03-28"]
    assert [start for start, _end in _dates(activity)] == [
        datetime(2026, 3, 21, 17), datetime(2026, 4, 4, 16), datetime(2026, 4, 11, 16)]
    assert activity.last_ends_at == datetime(2026, 4, 11, 18)


def test_changing_what_a_calendar_shows_raises_the_sequence_and_rewrites_the_dates(calls):
    campaign = factories.campaign()
    activity = activities.save_activity(None, campaign, _data(recurrence=_weekly(3)),
                                        actor=None)
    kept = db.session.scalar(select(ActivityOccurrence.id).where(
        ActivityOccurrence.activity_id == activity.id,
        ActivityOccurrence.starts_at == datetime(2026, 3, 21, 17)))
    activities.save_activity(activity, campaign, _data(recurrence=_weekly(2), capacity=30),
                             actor=None)
    assert activity.sequence == 1
    assert len(_dates(activity)) == 2
    assert db.session.get(ActivityOccurrence, kept) is not None  # unchanged dates stay
    activities.save_activity(activity, campaign, _data(recurrence=_weekly(2), capacity=40),
                             actor=None)
    assert activity.sequence == 1  # the number of places is no calendar's business
    activities.save_activity(activity, campaign, _data(recurrence=_weekly(2), capacity=40,
                                                       start_time=time(17)), actor=None)
    assert activity.sequence == 2
    assert _dates(activity)[0] == (datetime(2026, 3, 21, 16), datetime(2026, 3, 21, 19))
    assert calls.count(("replan", activity.id)) == 4


def test_organisations_and_agents_are_set_to_those_chosen(calls):
    campaign = factories.campaign()
    first, second = network_factories.organisation(), network_factories.organisation()
    agent = agent_factories.agent(status="certified")
    activity = activities.save_activity(None, campaign, _data(
        organisation_ids=[first.id, second.id], agent_ids=[agent.id]), actor=None)
    activities.save_activity(activity, campaign, _data(organisation_ids=[second.id]),
                             actor=None)
    assert activities.organisation_ids(activity.id) == [second.id]
    assert activities.agent_ids(activity.id) == []
    assert activity.sequence == 0


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"end_time": time(17)}, "end_time", "must end after it starts"),
    ({"end_time": time(18)}, "end_time", "must end after it starts"),
    ({"recurrence": Recurrence("WEEKLY", weekdays=("SA",))}, "count", "must end"),
    ({"recurrence": Recurrence("DAILY", count=2, until=date(2026, 4, 1))}, "count",
     "not both"),
    ({"recurrence": Recurrence("DAILY", until=date(2027, 12, 31))}, "until",
     "more than 366 dates"),
    ({"recurrence": _weekly(3, ("SU",))}, "weekdays", "must be one of the days chosen"),
    ({"capacity": -5}, "capacity", "above zero"),
    ({"capacity": 0}, "capacity", "above zero"),
    ({"recurrence": _weekly(3), "exdates": [date(2026, 3, 22)]}, "exdates",
     "not dates of the activity"),
    ({"exdates": [date(2026, 3, 21)]}, "exdates", "recurring activity only"),
    ({"recurrence": _weekly(1), "exdates": [date(2026, 3, 21)]}, "exdates", "never take place"),
    ({"day": date(2026, 2, 28)}, "day", "outside the campaign's period"),
    ({"kind": "rave"}, "kind", "Choose an entry"),
    ({"title": {}}, "title", "title"),
    ({"day": date(2026, 3, 29), "start_time": time(2, 30), "end_time": time(3, 10)},
     "start_time", "do not exist"),
])
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(calls, overrides, field, words):
    campaign = factories.campaign()
    violation = _refused(campaign, _data(**overrides))
    assert violation.field == field
    assert words in _message(violation)
    assert _count(Activity) == _count(ActivityOccurrence) == 0
    assert calls == []


def test_a_stray_exception_date_is_named_in_the_message(calls):
    violation = _refused(factories.campaign(), _data(recurrence=_weekly(3),
                                                     exdates=[date(2026, 3, 23)]))
    assert "23 mars 2026" in str(violation.message)  # the test locale is French


def test_later_dates_may_go_past_the_campaign_but_are_counted_for_a_warning(calls):
    campaign = factories.campaign(ends_on=date(2026, 3, 31))
    activity = activities.save_activity(None, campaign, _data(recurrence=_weekly(4)),
                                        actor=None)
    assert activities.dates_after_period(activity, campaign) == 2


def test_unknown_organisations_and_erased_agents_are_refused(calls):
    campaign = factories.campaign()
    erased = agent_factories.agent(erased_at=datetime(2026, 1, 1))
    assert _refused(campaign, _data(organisation_ids=[987654])).field == "organisation_ids"
    assert _refused(campaign, _data(agent_ids=[erased.id])).field == "agent_ids"
    assert _count(ActivityOrganisation) == _count(ActivityAgent) == 0


def test_an_evaluated_campaign_takes_no_new_or_changed_activity(calls):
    campaign = factories.campaign(status="evaluated")
    assert "evaluated" in _message(_refused(campaign, _data()))


def test_cancelling_raises_the_sequence_tells_reminders_and_freezes_the_activity(calls):
    campaign = factories.campaign()
    activity = activities.save_activity(None, campaign, _data(), actor=None)
    activities.cancel_activity(activity, campaign, "  Salle indisponible ", actor=None)
    assert activity.cancelled_at is not None and activity.cancel_reason == "Salle indisponible"
    assert activity.sequence == 1
    assert ("cancelled", activity.id) in calls
    db.session.commit()
    with pytest.raises(RuleViolation):
        activities.cancel_activity(activity, campaign, "", actor=None)
    assert "cancelled" in _message(_refused(campaign, _data(), activity))
    assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.action == "activity.cancel")) == 1


def test_the_edit_form_gets_back_the_local_times_and_the_rule(calls):
    campaign = factories.campaign()
    activity = activities.save_activity(None, campaign, _data(
        day=date(2026, 4, 4), recurrence=Recurrence("WEEKLY", 2, ("SA",),
                                                    until=date(2026, 5, 30)),
        exdates=[date(2026, 4, 18)]), actor=None)
    values = activities.form_values(activity)
    assert values["day"] == date(2026, 4, 4) and values["start_time"] == time(18)
    assert values["end_time"] == time(20)
    assert (values["frequency"], values["interval"], values["weekdays"]) == ("WEEKLY", 2, ["SA"])
    assert values["until"] == date(2026, 5, 30) and values["count"] is None
    assert values["exdates"] == [date(2026, 4, 18)]
