"""Reminders by e-mail, received by a real SMTP server the tests start on loopback."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from icc_network.campaigns.services import reminders
from icc_network.core import notifications
from icc_network.core.clock import utcnow
from icc_network.core.models import Notification
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..network import factories as network_factories
from ..support import race
from . import factories


def _partners(count: int, organisation):
    people = [core_factories.user("partner", locale="en", email=f"partner{i}@asso.example")
              for i in range(count)]
    for person in people:
        person.organisation_id = organisation.id
    return people


def _planned_activity(partners_count: int = 1):
    """An activity tomorrow run by an organisation with ``partners_count`` partner accounts,
    whose 1-day reminder is already due."""
    organisation = network_factories.organisation("Maison des associations")
    people = _partners(partners_count, organisation)
    starts_at = utcnow().replace(microsecond=0) + timedelta(hours=20)
    activity = factories.activity(factories.campaign(status="running"), title="Café",
                                  occurrences=[starts_at], organisations=[organisation])
    for person in people:
        factories.reminder(activity, person, starts_at)
    db.session.commit()
    return activity, people


def _run(app, job_id: str) -> None:
    run_job(app, next(spec for spec in job_specs(app) if spec.id == job_id))


def test_a_reminder_arrives_once_however_often_the_jobs_run(app, inbox):
    activity, (person,) = _planned_activity()
    for _ in range(3):
        _run(app, "campaigns.deliver_reminders")
        _run(app, "core.deliver_notifications")
    (message,) = inbox.to(person.email)
    assert message["Subject"] == f"Reminder: {activity.title['en']}"
    assert message["From"] == "anti-rumeurs@ville.example"
    body = message.get_content()
    assert f"Reminder: “{activity.title['en']}”" in body and "Médiathèque" in body
    assert db.session.scalar(select(Notification.emailed_at)) is not None


def test_a_batch_of_messages_shares_one_connection(app, inbox):
    _activity, people = _planned_activity(partners_count=5)
    _run(app, "campaigns.deliver_reminders")
    _run(app, "core.deliver_notifications")
    assert sorted(m["To"] for m in inbox.messages) == sorted(p.email for p in people)
    assert inbox.sessions == 1


def test_a_refused_address_fails_alone_and_is_tried_again_later(app, inbox):
    _activity, people = _planned_activity(partners_count=3)
    inbox.refused = {people[1].email}
    _run(app, "campaigns.deliver_reminders")
    _run(app, "core.deliver_notifications")
    assert sorted(m["To"] for m in inbox.messages) == sorted([people[0].email, people[2].email])
    refused = db.session.scalar(select(Notification).where(Notification.user_id == people[1].id))
    assert refused.emailed_at is None and refused.email_attempts == 1
    assert "No such mailbox" in refused.last_email_error
    inbox.refused = set()
    _run(app, "core.deliver_notifications")
    assert len(inbox.to(people[1].email)) == 1 and len(inbox.messages) == 3


def test_two_scheduler_processes_e_mail_each_reminder_once(app, inbox):
    _activity, people = _planned_activity(partners_count=12)
    assert reminders.deliver_due()["sent"] == 12
    race(app, notifications.deliver_emails, timeout=60)
    assert sorted(m["To"] for m in inbox.messages) == sorted(p.email for p in people)


def test_a_cancellation_is_e_mailed_too(app, inbox):
    activity, (person,) = _planned_activity()
    activity.cancelled_at = datetime(2030, 1, 1)
    activity.sequence += 1
    reminders.activity_cancelled(activity)
    db.session.commit()
    _run(app, "campaigns.deliver_reminders")
    _run(app, "core.deliver_notifications")
    (message,) = inbox.to(person.email)
    assert message["Subject"] == f"Cancelled: {activity.title['en']}"
