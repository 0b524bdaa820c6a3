"""Reminders of activities: planned from the offsets for those taking part, re-planned when
an activity moves, loses a person or is cancelled, delivered once each."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from icc_network.campaigns.models import ActivityAgent, ActivityOccurrence, Reminder
from icc_network.campaigns.services import reminders
from icc_network.core import notifications
from icc_network.core.clock import utcnow
from icc_network.core.models import JobStatus, Notification
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..conftest import make_test_app
from ..network import factories as network_factories
from ..support import login, race
from . import factories

NOW = datetime(2030, 3, 1, 9, 0)  # the clock of these tests (UTC)
SATURDAY = datetime(2030, 3, 16, 9, 0)  # 10:00 in Paris
DAY, WEEK = 24 * 60, 7 * 24 * 60


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(reminders, "utcnow", lambda: moment["now"])
    return moment


@pytest.fixture
def people():
    """An agent with an account, and a partner whose organisation runs the activity."""
    agent_user = core_factories.user("agent", locale="en")
    organisation = network_factories.organisation("Maison des associations")
    partner = core_factories.user("partner", locale="fr")
    partner.organisation_id = organisation.id
    agent = agent_factories.agent(user=agent_user)
    return agent_user, partner, agent, organisation


def _activity(people, starts=(SATURDAY,), **kwargs):
    _agent_user, _partner, agent, organisation = people
    campaign = factories.campaign(status="running")
    return factories.activity(campaign, occurrences=list(starts), agents=[agent],
                              organisations=[organisation], **kwargs)


def _reminders(**where) -> list[Reminder]:
    db.session.expire_all()
    query = select(Reminder).order_by(Reminder.user_id, Reminder.occurrence_starts_at,
                                      Reminder.offset_minutes.desc())
    for name, value in where.items():
        query = query.where(getattr(Reminder, name) == value)
    return list(db.session.scalars(query))


def _pending(**where) -> set[tuple]:
    return {(r.user_id, r.occurrence_starts_at, r.offset_minutes) for r in _reminders(**where)
            if r.sent_at is None and r.dropped_at is None}


def _deliver(now: datetime, **kwargs) -> dict:
    db.session.commit()  # on SQLite the queue is claimed before anything is written
    return reminders.deliver_due(now, **kwargs)


# --- offsets -------------------------------------------------------------------------


def test_offsets_are_read_as_minutes_longest_first():
    assert reminders.parse_offsets("7d,1d,2h,30m") == (WEEK, DAY, 120, 30)
    assert reminders.parse_offsets(" 1D , 7d,,1d ") == (WEEK, DAY)
    assert reminders.parse_offsets("") == ()


@pytest.mark.parametrize("setting", ["7 days", "1d;2h", "0d", "-1d", "d", "400d", "2w"])
def test_a_wrong_offset_is_refused_with_the_part_at_fault(setting):
    with pytest.raises(ValueError, match="CAMPAIGNS_REMINDER_OFFSETS"):
        reminders.parse_offsets(setting)


def test_a_wrong_offset_setting_stops_the_application_at_start_up(database_url):
    with pytest.raises(ValueError, match="'soon' is not an offset"):
        make_test_app(database_url, CAMPAIGNS_REMINDER_OFFSETS="7d,soon")


# --- planning ------------------------------------------------------------------------


def test_each_person_gets_a_reminder_per_future_occurrence_and_offset(app, clock, people,
                                                                      monkeypatch):
    monkeypatch.setitem(app.config, "CAMPAIGNS_REMINDER_OFFSETS", "7d,1d,2h")
    agent_user, partner, _agent, _org = people
    past = NOW - timedelta(days=1)
    soon = NOW + timedelta(days=3)  # its 7-day reminder would be due in the past
    activity = _activity(people, starts=(past, soon, SATURDAY))
    assert reminders.replan(activity) == 2 * (2 + 3)
    assert _pending() == {(user.id, start, offset)
                          for user in (agent_user, partner)
                          for start, offsets in ((soon, (DAY, 120)),
                                                 (SATURDAY, (WEEK, DAY, 120)))
                          for offset in offsets}
    (row,) = _reminders(user_id=partner.id, occurrence_starts_at=SATURDAY, offset_minutes=WEEK)
    assert row.due_at == SATURDAY - timedelta(days=7)


def test_planning_twice_plans_once(clock, people):
    activity = _activity(people)
    reminders.replan(activity)
    reminders.replan(activity)
    assert len(_reminders()) == 4


def test_a_moved_occurrence_drops_the_old_reminders_and_plans_new_ones(clock, people):
    activity = _activity(people)
    reminders.replan(activity)
    moved = SATURDAY + timedelta(days=7)
    db.session.execute(delete(ActivityOccurrence).where(ActivityOccurrence.activity_id == activity.id))
    db.session.add(ActivityOccurrence(activity_id=activity.id, campaign_id=activity.campaign_id,
                                      starts_at=moved,
                                      ends_at=moved + timedelta(hours=2)))
    reminders.replan(activity)
    assert {start for _u, start, _o in _pending()} == {moved}
    old = _reminders(occurrence_starts_at=SATURDAY)
    assert len(old) == 4 and all(r.dropped_at == NOW for r in old)


def test_a_reminder_already_sent_is_not_planned_again_after_a_move_back(clock, people):
    activity = _activity(people)
    reminders.replan(activity)
    clock["now"] = SATURDAY - timedelta(days=6)
    assert _deliver(clock["now"])["sent"] == 2  # the 7-day reminders
    reminders.replan(activity)
    sent = [r for r in _reminders() if r.sent_at is not None]
    assert len(sent) == 2 and all(r.offset_minutes == WEEK for r in sent)
    assert {offset for _u, _s, offset in _pending()} == {DAY}


def test_someone_taken_off_the_activity_loses_their_reminders_and_gets_them_back(clock, people):
    agent_user, partner, agent, _org = people
    activity = _activity(people)
    reminders.replan(activity)
    db.session.execute(delete(ActivityAgent).where(ActivityAgent.agent_id == agent.id))
    reminders.replan(activity)
    assert {user for user, _s, _o in _pending()} == {partner.id}
    db.session.add(ActivityAgent(activity_id=activity.id, agent_id=agent.id))
    db.session.flush()
    reminders.replan(activity)
    assert {user for user, _s, _o in _pending()} == {partner.id, agent_user.id}
    assert len(_reminders()) == 4  # planned again, not twice


def test_a_cancelled_activity_drops_its_reminders_and_tells_those_taking_part_once(
        clock, people):
    agent_user, partner, _agent, _org = people
    activity = _activity(people, cancel_reason="Salle indisponible")
    reminders.replan(activity)
    activity.cancelled_at, activity.sequence = NOW, 1
    assert reminders.activity_cancelled(activity) == 2
    assert reminders.activity_cancelled(activity) == 0
    assert reminders.replan(activity) == 0
    assert _pending() == set() and all(r.dropped_at for r in _reminders())
    rows = {n.user_id: n for n in db.session.scalars(select(Notification))}
    assert set(rows) == {agent_user.id, partner.id}
    assert rows[partner.id].dedupe_key == f"campaigns:activity:{activity.id}:cancelled:1"
    text = notifications.render(rows[agent_user.id], "en")
    assert "is cancelled" in text and "Saturday, 16 March 2030" in text
    assert "Salle indisponible" in text


# --- delivery ------------------------------------------------------------------------


def test_a_due_reminder_becomes_a_notification_in_each_readers_language(clock, people):
    agent_user, partner, _agent, _org = people
    district = core_factories.district("centre", "Centre-ville", "Town centre")
    activity = _activity(people, district=district, title="Café des langues")
    reminders.replan(activity)
    # The 1-day reminders supersede the 7-day ones, due with them.
    assert _deliver(SATURDAY - timedelta(days=1)) == {"sent": 2, "dropped": 2, "batches": 1}
    rows = list(db.session.scalars(select(Notification).order_by(Notification.id)))
    english = notifications.render(next(n for n in rows if n.user_id == agent_user.id), "en")
    assert english == (f"Reminder: “{activity.title['en']}”, Saturday, 16 March 2030 at "
                       "10:00, Médiathèque, Town centre.")
    french = next(n for n in rows if n.user_id == partner.id)
    assert "samedi 16 mars 2030" in notifications.render(french, "fr")
    assert "Café des langues" in notifications.render(french, "fr")
    assert notifications.subject(french, "en") == f"Reminder: {activity.title['en']}"


def test_after_a_downtime_each_person_is_reminded_once_per_occurrence(clock, people):
    gone_by = SATURDAY - timedelta(days=20)
    activity = _activity(people, starts=(gone_by, SATURDAY))
    clock["now"] = gone_by - timedelta(days=10)
    reminders.replan(activity)
    assert len(_reminders()) == 8
    after_downtime = SATURDAY - timedelta(hours=3)  # every due time long past
    results = [_deliver(after_downtime) for _ in range(3)]
    assert [r["sent"] for r in results] == [2, 0, 0]
    assert results[0]["dropped"] == 6  # the occurrence gone by, and the superseded offsets
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 2
    assert all(r.sent_at or r.dropped_at for r in _reminders())


def test_reminders_of_cancelled_activities_or_closed_accounts_are_dropped(clock, people):
    agent_user, partner, _agent, _org = people
    cancelled, live = _activity(people), _activity(people)
    reminders.replan(cancelled)
    reminders.replan(live)
    cancelled.cancelled_at = NOW  # cancelled without re-planning: delivery still knows
    agent_user.active = False
    result = _deliver(SATURDAY - timedelta(hours=1))
    assert result["sent"] == 1 and result["dropped"] == 7
    assert {n.user_id for n in db.session.scalars(select(Notification))} == {partner.id}


def test_delivery_goes_batch_after_batch_until_none_is_left(clock, people):
    activity = _activity(people, starts=[SATURDAY + timedelta(days=i) for i in range(10)])
    reminders.replan(activity)
    result = _deliver(SATURDAY - timedelta(days=5), batch=4)
    # The 7-day reminders of the first three days, for two people, in batches of four.
    assert result == {"sent": 6, "dropped": 0, "batches": 2}
    assert _deliver(SATURDAY + timedelta(days=30), batch=7)["sent"] == 0  # all begun


def _race(app, batch: int) -> list[dict]:
    """Two scheduler processes: threads with their own app context and connection."""
    return race(app, lambda: reminders.deliver_due(SATURDAY - timedelta(hours=1), batch=batch))


def test_two_scheduler_processes_never_send_a_reminder_twice(app, clock, people):
    """On PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED and both processes share
    the queue; on SQLite one holds the queue's named claim while the other finds it taken."""
    users = [core_factories.user("agent") for _ in range(30)]
    agents = [agent_factories.agent(user=user) for user in users]
    campaign = factories.campaign(status="running")
    starts = [SATURDAY + timedelta(hours=i) for i in range(10)]
    activity = factories.activity(campaign, occurrences=starts, agents=agents)
    clock["now"] = SATURDAY - timedelta(days=10)
    reminders.replan(activity)
    planned = len(_reminders())
    assert planned == len(users) * len(starts) * 2  # 7 days and 1 day before
    db.session.commit()
    results = _race(app, batch=20)  # every one due: the 1-day reminders supersede the others
    assert sum(r["sent"] for r in results) == len(users) * len(starts)
    assert sum(r["sent"] + r["dropped"] for r in results) == planned
    notified = db.session.execute(
        select(Notification.dedupe_key, func.count()).group_by(Notification.dedupe_key)).all()
    assert len(notified) == len(users) * len(starts) and {n for _k, n in notified} == {1}
    assert all(r.sent_at or r.dropped_at for r in _reminders())


# --- the scheduled job ---------------------------------------------------------------


def test_the_job_delivers_the_due_reminders_and_the_status_page_shows_it(app, client, people):
    starts_at = utcnow().replace(microsecond=0) + timedelta(hours=20)
    activity = _activity(people, starts=(starts_at,))
    db.session.add(Reminder(activity_id=activity.id, user_id=people[1].id,
                            occurrence_starts_at=starts_at,
                            offset_minutes=DAY, due_at=utcnow() - timedelta(hours=4),
                            attempts=0, last_error=""))
    db.session.commit()
    spec = next(s for s in job_specs(app) if s.id == "campaigns.deliver_reminders")
    run_job(app, spec)
    run_job(app, spec)
    status = db.session.get(JobStatus, "campaigns.deliver_reminders")
    assert status.run_count == 2 and status.last_error is None
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 1
    login(client, core_factories.user("admin", locale="en"))
    page = client.get("/admin/status").get_data(as_text=True)
    assert "campaigns.deliver_reminders" in page and "Reminders sent" in page


def test_a_failing_run_is_recorded_with_its_error(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(reminders, "deliver_due", broken)
    spec = next(s for s in job_specs(app) if s.id == "campaigns.deliver_reminders")
    run_job(app, spec)
    status = db.session.get(JobStatus, "campaigns.deliver_reminders")
    assert "database went away" in status.last_error and status.last_success_at is None


def test_times_are_written_on_the_citys_clock_in_every_language(app):
    summer = datetime(2030, 7, 6, 8, 0)  # 10:00 in Paris in summer time
    texts = reminders.when_texts([summer])[summer]
    assert texts["en"] == "Saturday, 6 July 2030 at 10:00"
    assert texts["fr"].startswith("samedi 6 juillet 2030") and texts["fr"].endswith(" 10:00")
