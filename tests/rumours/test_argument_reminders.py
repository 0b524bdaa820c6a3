"""Coordinators hear of a validated argument before it passes its date, not only after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from icc_network.core import notifications
from icc_network.core.clock import today
from icc_network.core.models import Notification
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.rumours.services import arguments, attention, catalogue, review
from icc_network.scheduler import run_job

from .. import factories as core
from ..conftest import make_test_app
from . import factories


def _run_nightly(app):
    spec = next(s for s in job_specs(app) if s.id == "rumours.expire_arguments")
    run_job(app, spec)


def _notes(kind):
    return db.session.scalars(select(Notification).where(Notification.kind == kind)
                              .order_by(Notification.user_id)).all()


def test_the_nightly_job_warns_coordinators_of_arguments_close_to_their_date_once(app):
    coordinator, other = core.user("coordinator"), core.user("coordinator")
    core.user("partner")
    rumour = factories.rumour(status="validated", published=True)
    soon = factories.argument(rumour, valid_until=today() + timedelta(days=10))
    factories.argument(rumour, valid_until=today() + timedelta(days=45))
    factories.argument(rumour, status="draft", valid_until=today() + timedelta(days=3))
    db.session.commit()
    _run_nightly(app)
    _run_nightly(app)
    notes = _notes("rumours.argument_expiring")
    assert [n.user_id for n in notes] == sorted([coordinator.id, other.id])
    assert notes[0].link == f"/arguments/{soon.id}/edit"
    text = notifications.render(notes[0], "en")
    assert soon.text["en"] in text and rumour.wording["en"] in text
    assert (today() + timedelta(days=10)).strftime("%Y") in text


def test_the_notice_goes_to_the_rumour_assignee_when_there_is_one(app):
    coordinator, assignee = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour(status="validated", assignee_id=assignee.id)
    factories.argument(rumour, valid_until=today() + timedelta(days=1))
    db.session.commit()
    _run_nightly(app)
    assert [n.user_id for n in _notes("rumours.argument_expiring")] == [assignee.id]
    assert coordinator.id != assignee.id


def test_a_date_moved_later_and_approaching_again_warns_again(app):
    core.user("coordinator")
    argument = factories.argument(factories.rumour(), valid_until=today() + timedelta(days=5))
    db.session.commit()
    _run_nightly(app)
    argument.valid_until = today() + timedelta(days=20)
    db.session.commit()
    _run_nightly(app)
    _run_nightly(app)
    keys = [n.dedupe_key for n in _notes("rumours.argument_expiring")]
    assert sorted(keys) == sorted(
        [f"rumours.argument_expiring:{argument.id}:{today() + timedelta(days=d)}"
         for d in (5, 20)])


def test_the_notice_period_follows_the_setting_and_zero_turns_it_off(app, monkeypatch):
    core.user("coordinator")
    factories.argument(factories.rumour(), valid_until=today() + timedelta(days=40))
    db.session.commit()
    monkeypatch.setitem(app.config, "ARGUMENTS_EXPIRY_NOTICE_DAYS", "0")
    assert arguments.notify_expiring() == {"expiring": 0, "expiring_notified": 0}
    monkeypatch.setitem(app.config, "ARGUMENTS_EXPIRY_NOTICE_DAYS", "60")
    assert arguments.notify_expiring()["expiring"] == 1


def test_many_notices_at_once_reach_each_coordinator_as_one_summary(app):
    coordinator = core.user("coordinator")
    for _ in range(attention.DIGEST_FROM):
        factories.argument(factories.rumour(), valid_until=today() + timedelta(days=2))
    db.session.commit()
    _run_nightly(app)
    notes = _notes("rumours.arguments_expiring")
    assert [(n.user_id, n.params["n"], n.link) for n in notes] == [
        (coordinator.id, attention.DIGEST_FROM, "/rumours?attention=expiring")]
    listed = db.session.scalars(catalogue.rumour_query(
        catalogue.parse_filters({"attention": "expiring"}))).all()
    assert len(listed) == attention.DIGEST_FROM


@pytest.mark.parametrize("setting", ["thirty", "-1", "400", "1.5"])
def test_a_wrong_notice_setting_is_refused_with_its_name(setting):
    with pytest.raises(ValueError, match="ARGUMENTS_EXPIRY_NOTICE_DAYS"):
        review.parse_notice_days(setting)


def test_a_wrong_notice_setting_stops_the_application_at_start_up(database_url):
    with pytest.raises(ValueError, match="'soon' is not a number of days"):
        make_test_app(database_url, ARGUMENTS_EXPIRY_NOTICE_DAYS="soon")
