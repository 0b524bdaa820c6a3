"""The hateful reports queue: reading a report (audited), recording what was done, the
retention rule that erases the words and keeps the counts, the coordinators' home panel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core.clock import today, utcnow
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.rumours.models import HatefulAction, Sighting
from icc_network.rumours.services import hateful
from icc_network.scheduler import run_job

from .. import factories as core
from ..support import count_queries, login
from . import factories


def _reads():
    return db.session.scalars(select(AuditLog).where(AuditLog.action == hateful.READ_ACTION)
                              .order_by(AuditLog.id)).all()


def test_the_queue_lists_open_reports_without_their_words(client):
    rumour = factories.rumour()
    open_report = factories.sighting(rumour, hateful=True, verbatim="insulte numéro un")
    handled = factories.sighting(rumour, hateful=True, verbatim="insulte numéro deux",
                                 hateful_handled_at=utcnow())
    factories.sighting(rumour, verbatim="mots ordinaires")
    login(client, core.user("coordinator", locale="en"))
    page = client.get("/rumours/hateful").get_data(as_text=True)
    assert f"/rumours/hateful/{open_report.id}\"" in page
    assert f"/rumours/hateful/{handled.id}\"" not in page
    assert "insulte" not in page and "mots ordinaires" not in page
    handled_page = client.get("/rumours/hateful?state=handled").get_data(as_text=True)
    assert f"/rumours/hateful/{handled.id}\"" in handled_page
    assert f"/rumours/hateful/{open_report.id}\"" not in handled_page
    every = client.get("/rumours/hateful?state=all").get_data(as_text=True)
    assert every.count("/rumours/hateful/") >= 2
    assert _reads() == []  # the list shows no words: nothing to audit


def test_the_queue_is_paginated(client):
    rumour = factories.rumour()
    reports = [factories.sighting(rumour, hateful=True, seen_on=today() - timedelta(days=n))
               for n in range(5)]
    login(client, core.user("coordinator", locale="en"))
    first = client.get("/rumours/hateful?per_page=2").get_data(as_text=True)
    third = client.get("/rumours/hateful?per_page=2&page=3").get_data(as_text=True)
    assert f"/rumours/hateful/{reports[0].id}\"" in first
    assert f"/rumours/hateful/{reports[4].id}\"" in third
    assert f"/rumours/hateful/{reports[0].id}\"" not in third and "state=open" in first


def test_opening_a_report_shows_its_words_and_is_audited_once_per_view(client):
    report = factories.sighting(factories.rumour(), hateful=True, verbatim="insulte grave")
    coordinator = core.user("coordinator", locale="en")
    login(client, coordinator)
    page = client.get(f"/rumours/hateful/{report.id}").get_data(as_text=True)
    assert "insulte grave" in page
    client.get(f"/rumours/hateful/{report.id}")
    reads = _reads()
    assert len(reads) == 2 and reads[0].user_id == coordinator.id
    assert (reads[0].entity_type, reads[0].entity_id) == ("rumour_sighting", str(report.id))
    assert reads[0].details["page"] == "report" and reads[0].details["words"] is True


def test_the_register_and_its_correction_form_are_audited_once_per_view(client):
    rumour = factories.rumour()
    first = factories.sighting(rumour, hateful=True, verbatim="insulte une")
    second = factories.sighting(rumour, hateful=True, verbatim="insulte deux")
    factories.sighting(rumour, verbatim="mots ordinaires")
    login(client, core.user("trainer", locale="en"))
    client.get("/sightings")
    assert _reads() == []
    login(client, core.user("coordinator", locale="en"))
    client.get("/sightings")
    reads = _reads()
    assert len(reads) == 1 and sorted(reads[0].details["sightings"]) == [first.id, second.id]
    assert reads[0].details["page"] == "register"
    client.get(f"/sightings/{first.id}/edit")
    reads = _reads()
    assert len(reads) == 2 and reads[1].details == {
        "page": "correction", "sightings": [first.id], "rumour_wording": None}


def test_a_sighting_that_is_not_hateful_has_no_report_page(client):
    plain = factories.sighting(factories.rumour(), verbatim="mots")
    login(client, core.user("coordinator", locale="en"))
    assert client.get(f"/rumours/hateful/{plain.id}").status_code == 404
    with pytest.raises(RuleViolation):
        hateful.record_action(plain, hateful.ActionInput("removed"), actor=None)


@pytest.mark.parametrize("role", ["trainer", "partner", "staff", "agent"])
def test_only_coordinators_reach_the_queue(client, role):
    report = factories.sighting(factories.rumour(), hateful=True, verbatim="insulte")
    login(client, core.user(role, locale="en"))
    assert client.get("/rumours/hateful").status_code == 403
    assert client.get(f"/rumours/hateful/{report.id}").status_code == 403


def test_a_referral_needs_its_date_and_reference():
    report = factories.sighting(factories.rumour(), hateful=True)
    actor = core.user("coordinator")
    for data, field in ((hateful.ActionInput("referred", None, "PH-1"), "referred_on"),
                        (hateful.ActionInput("referred", today(), "  "), "reference"),
                        (hateful.ActionInput("referred", today() + timedelta(days=1), "PH-1"),
                         "referred_on"),
                        (hateful.ActionInput("deleted"), "outcome")):
        with pytest.raises(RuleViolation) as refused:
            hateful.record_action(report, data, actor=actor)
        assert refused.value.field == field
    assert report.hateful_handled_at is None


def test_recording_what_was_done_keeps_who_when_and_is_audited():
    report = factories.sighting(factories.rumour(), hateful=True)
    actor = core.user("coordinator")
    action = hateful.record_action(
        report, hateful.ActionInput("referred", today(), " PH-2026-0042 ", "Signalé"), actor=actor)
    assert (action.outcome, action.referred_on, action.reference) == (
        "referred", today(), "PH-2026-0042")
    assert action.user_id == actor.id and action.at is not None
    assert report.hateful_handled_at == action.at
    removed = hateful.record_action(
        report, hateful.ActionInput("removed", today(), "ignored"), actor=actor)
    assert removed.referred_on is None and removed.reference == ""
    entries = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "sighting.hateful_action").order_by(AuditLog.id)).all()
    assert [e.details["outcome"] for e in entries] == ["referred", "removed"]
    assert entries[0].details["reference"] == "PH-2026-0042"


def test_the_form_records_an_action_and_the_report_leaves_the_open_list(client):
    report = factories.sighting(factories.rumour(), hateful=True, verbatim="insulte")
    coordinator = core.user("coordinator", locale="en")
    login(client, coordinator)
    path = f"/rumours/hateful/{report.id}/action"
    refused = client.post_form(path, {"outcome": "referred", "referred_on": "",
                                      "reference": "", "note": "Vu au marché"})
    assert refused.status_code == 200 and "Vu au marché" in refused.get_data(as_text=True)
    assert db.session.scalar(select(HatefulAction)) is None
    done = client.post_form(path, {"outcome": "referred",
                                   "referred_on": today().isoformat(),
                                   "reference": "PH-77", "note": ""})
    assert done.status_code == 302
    action = db.session.scalar(select(HatefulAction))
    assert action.user_id == coordinator.id and action.reference == "PH-77"
    assert f"/rumours/hateful/{report.id}\"" not in client.get("/rumours/hateful").get_data(
        as_text=True)
    page = client.get(f"/rumours/hateful/{report.id}").get_data(as_text=True)
    assert "PH-77" in page and coordinator.name in page


def test_the_queue_page_costs_the_same_queries_for_more_reports(app, client):
    login(client, core.user("coordinator", locale="en"))
    actor = core.user("coordinator")

    def add(n):
        for i in range(n):
            report = factories.sighting(factories.rumour(), hateful=True, verbatim=f"m{i}",
                                        district_id=core.district().id)
            hateful.record_action(report, hateful.ActionInput("no_action"), actor=actor)

    add(2)
    with count_queries(app) as few:
        client.get("/rumours/hateful?state=all")
    add(10)
    with count_queries(app) as many:
        client.get("/rumours/hateful?state=all")
    assert many.count == few.count


def _run_retention(app):
    run_job(app, next(s for s in job_specs(app) if s.id == "rumours.erase_hateful_words"))


def test_the_retention_job_erases_old_hateful_words_and_keeps_the_counts(app, client):
    rumour = factories.rumour()
    old = factories.sighting(rumour, hateful=True, verbatim="vieille insulte", people_count=3,
                             created_at=utcnow() - timedelta(days=181))
    recent = factories.sighting(rumour, hateful=True, verbatim="insulte récente",
                                created_at=utcnow() - timedelta(days=10))
    plain = factories.sighting(rumour, verbatim="vieux mots ordinaires",
                               created_at=utcnow() - timedelta(days=400))
    db.session.commit()
    counted = rumour.sighting_count
    _run_retention(app)
    _run_retention(app)  # a second run finds nothing left to erase
    db.session.expire_all()
    assert (old.verbatim, old.verbatim_erased_on, old.people_count) == ("", today(), 3)
    assert recent.verbatim == "insulte récente" and recent.verbatim_erased_on is None
    assert plain.verbatim == "vieux mots ordinaires"
    assert db.session.scalar(select(func.count()).select_from(Sighting)) == 3
    assert rumour.sighting_count == counted
    erasures = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "sighting.hateful_erased")).all()
    assert len(erasures) == 1 and erasures[0].details["erased"] == 1
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/rumours/hateful/{old.id}").get_data(as_text=True)
    assert "vieille insulte" not in page and "The words were erased on" in page


def test_the_retention_period_is_a_checked_setting(app):
    assert hateful.parse_retention_days("30") == 30
    for wrong in ("0", "-5", "six mois", "99999"):
        with pytest.raises(ValueError, match="HATEFUL_VERBATIM_RETENTION_DAYS"):
            hateful.check_settings({"HATEFUL_VERBATIM_RETENTION_DAYS": wrong})
    app.config["HATEFUL_VERBATIM_RETENTION_DAYS"] = "5"
    try:
        report = factories.sighting(factories.rumour(), hateful=True, verbatim="insulte",
                                    created_at=utcnow() - timedelta(days=6))
        assert hateful.erase_expired_verbatims() == {"erased": 1}
        db.session.refresh(report)
        assert report.verbatim == ""
    finally:
        app.config["HATEFUL_VERBATIM_RETENTION_DAYS"] = "180"


def test_the_coordinators_home_page_counts_the_open_reports(client):
    rumour = factories.rumour()
    for _ in range(2):
        factories.sighting(rumour, hateful=True)
    factories.sighting(rumour, hateful=True, hateful_handled_at=utcnow())
    login(client, core.user("coordinator", locale="en"))
    page = client.get("/").get_data(as_text=True)
    assert 'id="panel-hateful-reports"' in page and "2 reports marked hateful" in page
    login(client, core.user("trainer", locale="en"))
    assert 'id="panel-hateful-reports"' not in client.get("/").get_data(as_text=True)
