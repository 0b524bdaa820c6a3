"""The rumour catalogue's rules, without HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.core.rules import RuleViolation
from icc_network.rumours.models import RumourStatusChange
from icc_network.rumours.services import attention, catalogue
from icc_network.rumours.services.catalogue import parse_filters, rumour_query

from .. import factories as core
from . import factories


def _save(actor, **overrides):
    values = dict(wording={"fr": "Ils prennent nos emplois"}, theme_id=None, target_group_ids=[],
                  spheres=["market"], detection="survey", cause={}, first_detected=today(),
                  risk="major", alert_deadline=None, assignee_id=None)
    values.update(overrides)
    return catalogue.save_rumour(None, actor=actor, **values)


def test_a_new_rumour_is_reported_with_its_history_and_a_deadline_from_its_risk():
    coordinator = core.user("coordinator")
    rumour = _save(coordinator)
    assert rumour.status == "reported"
    assert rumour.alert_deadline == today() + timedelta(days=7)
    change = rumour_history(rumour)[0]
    assert (change.from_status, change.to_status, change.user_id) == (None, "reported", coordinator.id)


def rumour_history(rumour):
    return list(catalogue.status_history(rumour.id))


@pytest.mark.parametrize("overrides, field", [
    ({"first_detected": date.today() + timedelta(days=3)}, "first_detected"),
    ({"alert_deadline": date(2020, 1, 1), "first_detected": date(2021, 1, 1)}, "alert_deadline"),
    ({"risk": "apocalyptic"}, "risk"),
    ({"spheres": ["moon"]}, "spheres"),
    ({"wording": {}}, "wording"),
])
def test_bad_values_are_refused_with_the_field_named(overrides, field):
    with pytest.raises(RuleViolation) as refused:
        _save(core.user("coordinator"), **overrides)
    assert refused.value.field == field


def test_inactive_list_entries_and_non_coordinators_cannot_be_chosen():
    coordinator, trainer = core.user("coordinator"), core.user("trainer")
    with pytest.raises(RuleViolation):
        _save(coordinator, theme_id=factories.theme(active=False).id)
    with pytest.raises(RuleViolation):
        _save(coordinator, target_group_ids=[factories.target_group(active=False).id])
    with pytest.raises(RuleViolation):
        _save(coordinator, assignee_id=trainer.id)
    rumour = _save(coordinator, assignee_id=coordinator.id)
    assert rumour.assignee_id == coordinator.id


def test_only_the_workflow_moves_are_allowed_and_each_is_recorded():
    coordinator = core.user("coordinator")
    rumour = factories.rumour(status="reported")
    with pytest.raises(RuleViolation):
        catalogue.change_status(rumour, "monitored", actor=coordinator)
    catalogue.change_status(rumour, "triaged", actor=coordinator, note="checked",
                            verdict="false")
    catalogue.change_status(rumour, "catalogued", actor=coordinator)
    rows = db_history(rumour)
    assert [(r.from_status, r.to_status) for r in rows] == [("reported", "triaged"),
                                                            ("triaged", "catalogued")]
    assert rows[0].note == "checked" and rows[0].user_id == coordinator.id


def db_history(rumour):
    from icc_network.extensions import db

    return list(db.session.scalars(select(RumourStatusChange)
                                   .where(RumourStatusChange.rumour_id == rumour.id)
                                   .order_by(RumourStatusChange.id)))


def test_validated_needs_a_current_validated_argument():
    coordinator = core.user("coordinator")
    rumour = factories.rumour(status="arguments_drafted")
    factories.argument(rumour, status="draft")
    factories.argument(rumour, status="validated", valid_until=today() - timedelta(days=1))
    with pytest.raises(RuleViolation):
        catalogue.change_status(rumour, "validated", actor=coordinator)
    factories.argument(rumour, kind="question", status="validated")
    catalogue.change_status(rumour, "validated", actor=coordinator)
    assert rumour.status == "validated"


def test_publication_is_a_decision_that_needs_an_answer_and_archiving_withdraws_it():
    coordinator = core.user("coordinator")
    rumour = factories.rumour(status="catalogued")
    with pytest.raises(RuleViolation):
        catalogue.set_published(rumour, True, actor=coordinator)
    factories.argument(rumour)
    catalogue.set_published(rumour, True, actor=coordinator)
    assert rumour.published
    catalogue.change_status(rumour, "archived", actor=coordinator)
    assert not rumour.published
    reported = factories.rumour(status="reported")
    factories.argument(reported)
    with pytest.raises(RuleViolation):
        catalogue.set_published(reported, True, actor=coordinator)


def test_overdue_means_unanswered_and_past_its_deadline():
    late = factories.rumour(status="catalogued", first_detected=today() - timedelta(days=40),
                            alert_deadline=today() - timedelta(days=1))
    answered = factories.rumour(status="validated", first_detected=today() - timedelta(days=40),
                                alert_deadline=today() - timedelta(days=1))
    assert attention.is_overdue(late) and not attention.is_overdue(answered)


def test_list_filters_combine(app):
    jobs, housing = factories.theme("Emploi", "Jobs"), factories.theme("Logement", "Housing")
    group = factories.target_group()
    centre, port = core.district("centre"), core.district("port")
    a = factories.rumour("Ils prennent nos emplois", "They take our jobs", theme_id=jobs.id,
                         risk="major", target_groups=[group])
    b = factories.rumour("Ils ont tous les logements", None, theme_id=housing.id, status="reported")
    factories.sighting(a, district_id=centre.id, seen_on=date(2026, 1, 10))
    factories.sighting(b, district_id=port.id, seen_on=date(2025, 6, 1))

    def ids(**args):
        return [r.id for r in app_scalars(rumour_query(parse_filters(args)))]

    assert ids(q="JOBS") == [a.id] and ids(q="logements") == [b.id]
    assert ids(theme=str(housing.id)) == [b.id]
    assert ids(target_group=str(group.id)) == [a.id]
    assert ids(status="reported") == [b.id] and ids(risk="major") == [a.id]
    assert ids(district=str(port.id)) == [b.id]
    assert ids(**{"from": "2026-01-01"}) == [a.id]
    assert ids(to="2025-12-31") == [b.id]
    assert ids(translation="missing") == [b.id]
    assert set(ids(theme="junk", status="nonsense", sort="-whatever")) == {a.id, b.id}


def test_the_list_finds_what_needs_attention(app):
    late = factories.rumour(status="triaged", first_detected=today() - timedelta(days=40),
                            alert_deadline=today() - timedelta(days=1))
    answered = factories.rumour(status="validated", first_detected=today() - timedelta(days=40),
                                alert_deadline=today() - timedelta(days=1))
    stale = factories.rumour(status="validated")
    factories.argument(stale, status="expired", valid_until=today() - timedelta(days=3))
    factories.argument(answered)

    def ids(**args):
        return {r.id for r in app_scalars(rumour_query(parse_filters(args)))}

    assert ids(attention="overdue") == {late.id}
    assert ids(attention="expired") == {stale.id}
    assert ids(attention="anything") == {late.id, answered.id, stale.id}


def app_scalars(query):
    from icc_network.extensions import db

    return list(db.session.scalars(query))


def test_sorting_by_sightings_puts_the_most_heard_first():
    quiet, loud = factories.rumour(), factories.rumour()
    for _ in range(3):
        factories.sighting(loud)
    factories.sighting(quiet)
    ordered = app_scalars(rumour_query(parse_filters({"sort": "-sightings"})))
    assert [r.id for r in ordered] == [loud.id, quiet.id]


def test_argument_counts_give_current_validated_and_total_per_rumour():
    rumour = factories.rumour()
    factories.argument(rumour)
    factories.argument(rumour, status="draft")
    factories.argument(rumour, status="expired")
    assert catalogue.argument_counts([rumour.id]) == {rumour.id: (1, 3)}


def test_lists_of_themes_and_target_groups_are_translatable_and_audited():
    coordinator = core.user("coordinator")
    from icc_network.rumours.models import Theme

    theme = catalogue.save_term(Theme, None, name={"fr": "Santé"}, position=2, active=True,
                               actor=coordinator)
    assert theme.name == {"fr": "Santé"}
    with pytest.raises(RuleViolation):
        catalogue.save_term(Theme, theme, name={}, position=0, active=True, actor=coordinator)
