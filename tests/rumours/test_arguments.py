"""Counter-arguments: drafting, validation, the daily expiry job and its notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core import notifications
from icc_network.core.clock import today
from icc_network.core.models import Notification
from icc_network.core.rules import RuleViolation
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.rumours.models import CounterArgument
from icc_network.rumours.services import arguments, attention
from icc_network.scheduler import run_job

from .. import factories as core
from . import factories


def _save(rumour, actor, argument=None, **overrides):
    values = dict(kind="statistic", text={"fr": "7 emplois sur 10"},
                  source_publisher="Observatoire de démonstration",
                  source_url="https://example.org/chiffres", valid_until=today() + timedelta(days=90))
    values.update(overrides)
    return arguments.save_argument(argument, rumour=rumour, actor=actor, **values)


@pytest.mark.parametrize("overrides, field", [
    ({"source_publisher": ""}, "source_publisher"),
    ({"valid_until": None}, "valid_until"),
    ({"source_url": "javascript:alert(1)"}, "source_url"),
    ({"text": {}}, "text"),
    ({"kind": "rumour"}, "kind"),
    ({"source_published_on": today() + timedelta(days=1)}, "source_published_on"),
    ({"source_published_on": today(), "valid_until": today() - timedelta(days=1)}, "valid_until"),
])
def test_bad_arguments_are_refused_with_the_field_named(overrides, field):
    with pytest.raises(RuleViolation) as refused:
        _save(factories.rumour(), core.user("coordinator"), **overrides)
    assert refused.value.field == field


def test_other_kinds_need_no_source_or_date():
    argument = _save(factories.rumour(), core.user("coordinator"), kind="question",
                     source_publisher="", valid_until=None, source_url="")
    assert argument.status == "draft"


def test_validation_and_editing_a_validated_argument_sends_it_back_to_draft():
    coordinator = core.user("coordinator")
    rumour = factories.rumour()
    argument = _save(rumour, coordinator)
    arguments.validate_argument(argument, actor=coordinator)
    assert argument.status == "validated" and argument.validated_by_id == coordinator.id
    with pytest.raises(RuleViolation):
        arguments.validate_argument(argument, actor=coordinator)
    _save(rumour, coordinator, argument, text={"fr": "8 emplois sur 10"})
    assert argument.status == "draft" and argument.validated_by_id is None
    arguments.validate_argument(argument, actor=coordinator)
    arguments.withdraw_argument(argument, actor=coordinator)
    assert argument.status == "draft"


def test_an_argument_past_its_date_cannot_be_validated():
    argument = factories.argument(factories.rumour(), status="draft",
                                  valid_until=today() - timedelta(days=1))
    with pytest.raises(RuleViolation):
        arguments.validate_argument(argument, actor=core.user("coordinator"))


def _run_expiry(app):
    spec = next(s for s in job_specs(app) if s.id == "rumours.expire_arguments")
    run_job(app, spec)


def test_the_daily_job_expires_stale_statistics_and_notifies_coordinators_once(app):
    coordinator, other = core.user("coordinator"), core.user("coordinator")
    core.user("partner")
    rumour = factories.rumour(status="validated", published=True, alert_deadline=today())
    stale = factories.argument(rumour, valid_until=today() - timedelta(days=1))
    fresh = factories.argument(rumour, valid_until=today() + timedelta(days=1))
    draft = factories.argument(rumour, status="draft", valid_until=today() - timedelta(days=5))
    db.session.commit()
    _run_expiry(app)
    _run_expiry(app)
    db.session.expire_all()
    statuses = {a.id: a.status for a in db.session.scalars(select(CounterArgument))}
    assert statuses == {stale.id: "expired", fresh.id: "validated", draft.id: "draft"}
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == "rumours.argument_expired")).all()
    assert sorted(n.user_id for n in notes) == sorted([coordinator.id, other.id])
    assert notes[0].link == f"/arguments/{stale.id}/edit"
    assert notes[0].params["rumour"]["fr"] == rumour.wording["fr"]


def test_expired_arguments_leave_the_kit_and_the_catalogue(app):
    rumour = factories.rumour(status="validated", published=True)
    factories.argument(rumour, valid_until=today() - timedelta(days=1))
    db.session.commit()
    assert db.session.scalars(arguments.catalogue_query()).all() == []
    assert db.session.scalars(arguments.kit_query()).all() == []
    _run_expiry(app)
    assert db.session.scalars(arguments.kit_query()).all() == []


def test_overdue_rumours_alert_their_assignee_once_per_deadline(app):
    coordinator = core.user("coordinator")
    factories.rumour(status="triaged", assignee_id=coordinator.id,
                     first_detected=today() - timedelta(days=20),
                     alert_deadline=today() - timedelta(days=2))
    factories.rumour(status="validated", first_detected=today() - timedelta(days=20),
                     alert_deadline=today() - timedelta(days=2))
    db.session.commit()
    _run_expiry(app)
    _run_expiry(app)
    count = db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.kind == "rumours.alert_overdue"))
    assert count == 1


def test_a_deadline_moved_and_missed_again_alerts_again(app):
    coordinator = core.user("coordinator")
    rumour = factories.rumour(status="triaged", assignee_id=coordinator.id,
                              first_detected=today() - timedelta(days=20),
                              alert_deadline=today() - timedelta(days=5))
    db.session.commit()
    _run_expiry(app)
    db.session.refresh(rumour)
    assert rumour.alert_sent_for == today() - timedelta(days=5)
    rumour.alert_deadline = today() - timedelta(days=1)
    db.session.commit()
    _run_expiry(app)
    _run_expiry(app)
    keys = db.session.scalars(select(Notification.dedupe_key).where(
        Notification.kind == "rumours.alert_overdue").order_by(Notification.id)).all()
    assert keys == [f"rumours.alert_overdue:{rumour.id}:{today() - timedelta(days=5)}",
                    f"rumours.alert_overdue:{rumour.id}:{today() - timedelta(days=1)}"]


def test_many_alerts_at_once_reach_each_coordinator_as_one_summary(app):
    coordinators = [core.user("coordinator"), core.user("coordinator")]
    late = [factories.rumour(status="reported", first_detected=today() - timedelta(days=40),
                             alert_deadline=today() - timedelta(days=3))
            for _ in range(attention.DIGEST_FROM)]
    own = factories.rumour(status="triaged", assignee_id=coordinators[0].id,
                           first_detected=today() - timedelta(days=40),
                           alert_deadline=today() - timedelta(days=3))
    for rumour in late:
        factories.argument(rumour, valid_until=today() - timedelta(days=1))
    db.session.commit()
    _run_expiry(app)
    _run_expiry(app)
    notes = db.session.scalars(select(Notification).order_by(Notification.user_id,
                                                             Notification.kind)).all()
    summary = [(n.user_id, n.kind, n.params.get("n"), n.link) for n in notes]
    first, second = (c.id for c in coordinators)
    expired, overdue = "/rumours?attention=expired", "/rumours?attention=overdue"
    assert sorted(summary, key=str) == sorted([
        (first, "rumours.alert_overdue", None, f"/rumours/{own.id}"),
        (first, "rumours.alerts_overdue", len(late), overdue),
        (first, "rumours.arguments_expired", len(late), expired),
        (second, "rumours.alerts_overdue", len(late), overdue),
        (second, "rumours.arguments_expired", len(late), expired),
    ], key=str)
    text = notifications.render(notes[1], "en")
    assert text == (f"{len(late)} rumours have no validated answer and their alert deadline "
                    "has passed.")


def test_kit_order_leads_with_facts():
    rumour = factories.rumour()
    emotional = factories.argument(rumour, kind="emotional")
    fact = factories.argument(rumour, kind="statistic")
    factories.argument(rumour, kind="question", status="draft")
    shown = arguments.arguments_of(rumour.id, drafts=False)
    assert [a.id for a in shown] == [fact.id, emotional.id]
    assert arguments.lead_facts([rumour.id])[rumour.id].id == fact.id
