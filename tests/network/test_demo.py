"""The demonstration network is realistic, bilingual and ready to explore."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.auth.demo import demo_user
from icc_network.extensions import db
from icc_network.network.models import Contact, Decision, NetworkSnapshot, Organisation, Tie
from icc_network.network.services import analytics


def test_demo_network(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    organisations = db.session.scalars(select(Organisation)).all()
    assert 55 <= len(organisations) <= 65
    assert all(o.description.get("fr") and o.description.get("en") for o in organisations)
    assert len({o.district_id for o in organisations}) >= 8
    assert db.session.scalar(select(func.count()).select_from(Tie)) > 120
    contacts = db.session.scalars(select(Contact)).all()
    assert contacts and sum(c.consent_on is not None for c in contacts) > len(contacts) * 0.7
    partner = demo_user("partner")
    assert db.session.get(Organisation, partner.organisation_id).name == "Centre social des Moulins"
    assert any(d.overdue for d in db.session.scalars(select(Decision)))
    assert analytics.freshness().computed_at is not None
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) > 12
    assert analytics.top_brokers()


def test_demo_shows_the_metrics_history_attendance_and_the_next_meeting(app):
    from datetime import date

    from icc_network.core.clock import today
    from icc_network.network.models import Meeting, MeetingAttendance, OrganisationMetricsMonth
    from icc_network.network.services import meeting_invitations

    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    months = db.session.scalars(select(OrganisationMetricsMonth.month).distinct()).all()
    assert len(months) >= 6 and today().replace(day=1) in months
    assert date(today().year, today().month, 1) == max(months)
    statuses = set(db.session.scalars(select(MeetingAttendance.status)))
    assert statuses == {"present", "excused", "absent"}
    upcoming = db.session.scalars(select(Meeting).where(Meeting.held_on > today())).one()
    assert upcoming.starts_at and upcoming.agenda["fr"] and upcoming.agenda["en"]
    assert upcoming.invitation_sent_at is None
    found = meeting_invitations.recipients(upcoming)
    assert len(found.addressed) >= 8
    assert analytics.coverage().rising_districts  # the demo's rising rumours, in thin districts
