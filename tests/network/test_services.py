"""Organisations, contacts and ties: the rules, without HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.network.models import NetworkState, Organisation, Tie
from icc_network.network.services import organisations
from icc_network.network.services.organisations import (
    OrganisationData,
    OrganisationFilters,
    TieData,
)

from .. import factories as core_factories
from . import factories


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _save_organisation(name: str, sector: str = "association") -> Organisation:
    return organisations.save_organisation(None, OrganisationData(name=name, sector=sector), actor=None)


def _save_tie(a: Organisation, b: Organisation, kind: str = "collaborates", **kwargs) -> Tie:
    return organisations.save_tie(None, TieData(a.id, b.id, kind, **kwargs), actor=None)


def test_organisation_names_are_unique_whatever_the_case_and_accents():
    _save_organisation("Café des Langues")
    with pytest.raises(RuleViolation) as error:
        _save_organisation("  cafe des langues ")
    assert error.value.field == "name"


@pytest.mark.parametrize("change, field", [
    ({"sector": "circus"}, "sector"),
    ({"roles": ["emperor"]}, "roles"),
    ({"district_id": 999999}, "district_id"),
    ({"member_since": date.today() + timedelta(days=3)}, "member_since"),
    ({"name": "   "}, "name"),
])
def test_bad_organisation_data_is_refused_on_the_right_field(change, field):
    data = OrganisationData(**{"name": "Maison pour tous", "sector": "association", **change})
    with pytest.raises(RuleViolation) as error:
        organisations.save_organisation(None, data, actor=None)
    assert error.value.field == field
    assert _count(Organisation) == 0


def test_roles_are_replaced_and_the_change_is_audited_and_marks_the_network():
    district = core_factories.district("port", "Le Port", "The Harbour")
    org = factories.organisation("Radio Port", sector="media", district=district, roles=["venue"])
    version = db.session.get(NetworkState, 1).version
    organisations.save_organisation(org, OrganisationData(
        name="Radio Port", sector="media", district_id=district.id,
        roles=["multiplier", "trainer"]), actor=None)
    db.session.expire_all()
    assert organisations.load_organisation(org.id).roles == ["multiplier", "trainer"]
    assert db.session.get(NetworkState, 1).version == version + 1
    update = db.session.scalars(select(AuditLog).where(AuditLog.action == "organisation.update")).one()
    assert update.details["changes"]["roles"] == [["venue"], ["multiplier", "trainer"]]


def test_a_description_change_does_not_trigger_a_recomputation():
    org = factories.organisation("Bibliothèque Nord", sector="library")
    version = db.session.get(NetworkState, 1).version
    organisations.save_organisation(org, OrganisationData(
        name="Bibliothèque Nord", sector="library", description={"fr": "Nouveau texte"}), actor=None)
    assert db.session.get(NetworkState, 1).version == version


def test_a_tie_to_itself_is_refused():
    org = factories.organisation()
    with pytest.raises(RuleViolation) as error:
        _save_tie(org, org)
    assert error.value.field == "to_organisation_id" and _count(Tie) == 0


def test_undirected_ties_are_one_tie_whichever_way_they_are_entered():
    a, b = factories.organisation(), factories.organisation()
    _save_tie(b, a, "collaborates")
    with pytest.raises(RuleViolation) as error:
        _save_tie(a, b, "collaborates")
    assert error.value.field == "kind"
    stored = db.session.scalars(select(Tie)).one()
    assert (stored.from_organisation_id, stored.to_organisation_id) == (min(a.id, b.id), max(a.id, b.id))


def test_directed_ties_keep_their_direction():
    a, b = factories.organisation(), factories.organisation()
    _save_tie(b, a, "funds")
    _save_tie(a, b, "funds")
    _save_tie(a, b, "collaborates")
    assert _count(Tie) == 3
    with pytest.raises(RuleViolation):
        _save_tie(a, b, "funds")


@pytest.mark.parametrize("weight", [0, -1, 101])
def test_tie_weight_must_be_positive_and_bounded(weight):
    a, b = factories.organisation(), factories.organisation()
    with pytest.raises(RuleViolation) as error:
        _save_tie(a, b, weight=weight)
    assert error.value.field == "weight"


def test_unknown_kind_or_organisation_is_refused():
    a = factories.organisation()
    with pytest.raises(RuleViolation) as error:
        organisations.save_tie(None, TieData(a.id, 999999, "collaborates"), actor=None)
    assert error.value.field == "to_organisation_id"
    b = factories.organisation()
    with pytest.raises(RuleViolation) as error:
        organisations.save_tie(None, TieData(a.id, b.id, "loves"), actor=None)
    assert error.value.field == "kind"


def test_derived_ties_are_recomputed_without_touching_hand_entered_ones():
    a, b, c = (factories.organisation() for _ in range(3))
    hand = factories.tie(a, b, "co_organises", weight=2)
    assert organisations.replace_derived_ties("campaign:7", [(a.id, b.id, "co_organises", 1),
                                                        (b.id, a.id, "co_organises", 1),
                                                        (b.id, c.id, "co_organises", 1)]) == 2
    derived = db.session.scalars(select(Tie).where(Tie.origin == "derived")).all()
    assert sorted(t.weight for t in derived) == [1.0, 2.0]
    assert organisations.replace_derived_ties("campaign:7", [(a.id, c.id, "co_organises", 3)]) == 1
    assert organisations.replace_derived_ties("campaign:8", [(a.id, c.id, "co_organises", 1)]) == 1
    keys = sorted(db.session.execute(select(Tie.origin_key, Tie.weight)
                                     .where(Tie.origin == "derived")).all())
    assert keys == [("campaign:7", 3.0), ("campaign:8", 1.0)]
    assert db.session.get(Tie, hand.id).weight == 2.0
    derived_tie = db.session.scalars(select(Tie).where(Tie.origin_key == "campaign:8")).one()
    with pytest.raises(RuleViolation):
        organisations.delete_tie(derived_tie, actor=None)


def test_deleting_an_organisation_removes_its_ties_and_contacts():
    a, b = factories.organisation(), factories.organisation()
    factories.tie(a, b)
    factories.contact(a)
    organisations.delete_organisation(a, actor=None)
    db.session.expire_all()
    assert _count(Tie) == 0 and _count(Organisation) == 1
    assert db.session.scalar(select(func.count()).select_from(AuditLog)
                             .where(AuditLog.action == "organisation.delete")) == 1


def test_contacts_need_a_way_to_reach_them_and_only_consented_ones_are_exported():
    org = factories.organisation()
    with pytest.raises(RuleViolation) as error:
        organisations.save_contact(None, org, organisations.ContactData(name="Awa"), actor=None)
    assert error.value.field == "email"
    factories.contact(org, "Awa", consent=True)
    factories.contact(org, "Bruno", consent=False, email="bruno@example.org")
    names = [row[0].name for row in db.session.execute(organisations.consented_contacts_query())]
    assert names == ["Awa"]


def test_viewing_contacts_is_audited_for_outsiders_only():
    org = factories.organisation()
    partner = core_factories.user("partner")
    partner.organisation_id = org.id
    coordinator = core_factories.user("coordinator")
    assert not organisations.contacts_view_is_audited(partner, org, 2)
    assert not organisations.contacts_view_is_audited(coordinator, org, 0)
    assert organisations.contacts_view_is_audited(coordinator, org, 2)


def test_list_filters_by_sector_district_role_and_search():
    port = core_factories.district("port", "Le Port", None)
    factories.organisation("École Jules Ferry", sector="school", district=port, roles=["venue"])
    factories.organisation("Radio Harbour", sector="media", district=port)
    factories.organisation("Club de foot", sector="sport", roles=["venue", "multiplier"])

    def names(**kwargs):
        rows = db.session.execute(organisations.organisations_query(OrganisationFilters(**kwargs)))
        return [org.name for org, _metrics in rows]

    assert names() == ["Club de foot", "École Jules Ferry", "Radio Harbour"]
    assert names(sector="media") == ["Radio Harbour"]
    assert names(district_id=port.id, role="venue") == ["École Jules Ferry"]
    assert names(q="ecole") == ["École Jules Ferry"]
    assert names(sort="-name") == ["Radio Harbour", "École Jules Ferry", "Club de foot"]


def test_future_dates_are_refused_everywhere():
    a, b = factories.organisation(), factories.organisation()
    with pytest.raises(RuleViolation) as error:
        _save_tie(a, b, since=today() + timedelta(days=1))
    assert error.value.field == "since"


@pytest.mark.parametrize("late, shown", [(0, 0), (3, 3), (5, 5), (8, 5)])
def test_overdue_decisions_are_the_oldest_open_late_ones_with_their_number(late, shown):
    from icc_network.network.services.support_group import overdue_decisions

    meeting = factories.meeting(today() - timedelta(days=90))
    owner = factories.member(person="Élise Roux")
    for days in range(late):
        factories.decision(meeting, owner, today() - timedelta(days=days + 1))
    factories.decision(meeting, owner, today() - timedelta(days=50), done_on=today())
    factories.decision(meeting, owner, today() + timedelta(days=5))
    decisions, total = overdue_decisions(limit=5)
    assert total == late and len(decisions) == shown
    assert [d.due_on for d in decisions] == sorted(d.due_on for d in decisions)
    assert all(d.done_on is None and d.due_on < today() for d in decisions)
    if late:
        assert decisions[0].due_on == today() - timedelta(days=late)
