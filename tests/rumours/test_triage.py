"""New reports reach the coordinators: a verdict only after triage, one notice an hour at
most, and the "To triage" panel of their home page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from icc_network.core.clock import today, utcnow
from icc_network.core.models import Notification
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import Rumour
from icc_network.rumours.services import catalogue, triage
from icc_network.rumours.services.sightings import SightingInput, record_sighting

from .. import factories as core
from ..support import count_queries, login
from . import factories


def _report(reporter, heard="Ils ont tous des logements gratuits", **overrides):
    data = SightingInput(seen_on=today(), district_id=None, sphere="market",
                         channel="overheard", people_count=1, language="fr", **overrides)
    sighting = record_sighting(data, reporter=reporter, new_wording=heard)
    return db.session.get(Rumour, sighting.rumour_id)


def _notices(user):
    return db.session.scalars(select(Notification).where(
        Notification.user_id == user.id, Notification.kind == triage.KIND)).all()


def test_a_new_report_is_not_assessed_until_triage_chooses_a_verdict():
    coordinator = core.user("coordinator")
    rumour = _report(core.user("partner"))
    assert rumour.verdict == "not_assessed"
    with pytest.raises(RuleViolation) as refused:
        catalogue.change_status(rumour, "triaged", actor=coordinator)
    assert refused.value.field == "verdict" and rumour.status == "reported"
    catalogue.change_status(rumour, "triaged", actor=coordinator, verdict="misleading")
    assert (rumour.status, rumour.verdict) == ("triaged", "misleading")


def test_archiving_an_unchecked_report_needs_no_verdict():
    rumour = factories.rumour(status="reported")
    catalogue.change_status(rumour, "archived", actor=core.user("coordinator"))
    assert (rumour.status, rumour.verdict) == ("archived", "not_assessed")


def test_a_rumour_is_published_only_with_a_verdict():
    coordinator = core.user("coordinator")
    rumour = factories.rumour(status="validated", verdict="not_assessed")
    factories.argument(rumour)
    with pytest.raises(RuleViolation) as refused:
        catalogue.set_published(rumour, True, actor=coordinator)
    assert refused.value.field == "publish" and not rumour.published
    rumour.verdict = "false"
    catalogue.set_published(rumour, True, actor=coordinator)
    assert rumour.published
    with pytest.raises(RuleViolation):
        catalogue.save_rumour(rumour, actor=coordinator, wording=rumour.wording, theme_id=None,
                              target_group_ids=[], spheres=["street"], detection="other",
                              cause={}, first_detected=rumour.first_detected, risk="moderate",
                              alert_deadline=None, assignee_id=None, verdict="not_assessed")


def test_coordinators_are_told_of_a_new_report_at_most_once_an_hour():
    first, second = core.user("coordinator"), core.user("coordinator")
    core.user("coordinator", active=False)
    trainer = core.user("trainer")
    partner = core.user("partner")
    rumour = _report(partner)
    _report(partner, heard="Les nouveaux arrivants passent avant nous")
    assert len(_notices(first)) == len(_notices(second)) == 1 and _notices(trainer) == []
    notice = _notices(first)[0]
    assert notice.params == {"rumour": rumour.id} and "status=reported" in notice.link
    # An hour later the next report is announced again.
    notice.created_at = utcnow() - timedelta(hours=1, minutes=1)
    db.session.flush()
    _report(partner, heard="Les réfugiés ont des téléphones gratuits")
    assert len(_notices(first)) == 2


def test_the_coordinator_who_reports_is_not_told_and_known_rumours_tell_no_one():
    reporter, other = core.user("coordinator"), core.user("coordinator")
    _report(reporter)
    assert _notices(reporter) == [] and len(_notices(other)) == 1
    known = factories.rumour(status="catalogued")
    third = core.user("coordinator")
    record_sighting(SightingInput(seen_on=today(), district_id=None, sphere="market",
                                  channel="overheard", people_count=1, language="fr"),
                    reporter=core.user("agent"), rumour_id=known.id)
    assert _notices(third) == []


def test_a_hateful_new_report_is_announced_once_as_hateful():
    coordinator = core.user("coordinator")
    _report(core.user("agent"), hateful=True, verbatim="des insultes")
    kinds = db.session.scalars(select(Notification.kind)
                               .where(Notification.user_id == coordinator.id)).all()
    assert kinds == ["rumours.hateful_reported"]


def test_the_inbox_counts_the_waiting_reports_and_shows_the_oldest():
    waiting = [factories.rumour(status="reported") for _ in range(7)]
    factories.rumour(status="triaged")
    count, oldest = triage.inbox(limit=5)
    assert count == 7 and [r.id for r in oldest] == [r.id for r in waiting[:5]]


def test_the_home_page_shows_the_triage_inbox_to_coordinators(client, app):
    rumour = factories.rumour("Ils ont des logements gratuits", status="reported")
    hateful = factories.rumour("des mots haineux", status="reported", hateful_origin=True)
    login(client, core.user("coordinator", locale="en"))
    with count_queries(app) as queries:
        page = client.get("/").get_data(as_text=True)
    assert 'id="panel-triage-inbox"' in page and f"/rumours/{rumour.id}\"" in page
    assert f"/rumours/{hateful.id}\"" in page
    assert queries.count < 60
    login(client, core.user("partner", locale="en"))
    assert 'id="panel-triage-inbox"' not in client.get("/").get_data(as_text=True)
