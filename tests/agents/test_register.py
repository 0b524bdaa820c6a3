"""The register's rules, without HTTP: finding people, adding them, statuses, merging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from icc_network.agents.models import (
    Agent,
    AgentMessage,
    Attendance,
    Certificate,
    Conversation,
    Enrolment,
)
from icc_network.agents.services import register
from icc_network.agents.services.register import AgentData, RegisterFilters
from icc_network.agents.vocab import CONSENT_VERSION
from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from . import factories


def _names(filters: RegisterFilters) -> list[str]:
    return [a.first_name for a in db.session.scalars(register.register_query(filters)).unique()]


def _data(**overrides) -> AgentData:
    values = {"first_name": "Élodie", "last_name": "Moreau", "email": "elodie@example.org",
              "phone": "06 11 22 33 44", "languages": ["fr", "ar"], "consent": True,
              "locale": "en"}
    return AgentData(**{**values, **overrides})


# --- the list ------------------------------------------------------------------

def test_the_list_filters_on_status_kind_district_language_and_organisation():
    north, south = core_factories.district(), core_factories.district()
    org = network_factories.organisation("Centre social")
    factories.agent("Ana", status="in_training", district=north, languages=("es",),
                    organisation=org)
    factories.agent("Ben", status="candidate", district=south, kind="staff")
    assert _names(RegisterFilters(status="in_training")) == ["Ana"]
    assert _names(RegisterFilters(district_id=south.id)) == ["Ben"]
    assert _names(RegisterFilters(language="es")) == ["Ana"]
    assert _names(RegisterFilters(organisation_id=org.id)) == ["Ana"]
    assert _names(RegisterFilters(organisation_name="centre SOCIAL")) == ["Ana"]
    assert _names(RegisterFilters(organisation_name="Radio")) == []
    assert _names(RegisterFilters(kind="staff")) == ["Ben"]
    assert sorted(_names(RegisterFilters(status="unknown"))) == ["Ana", "Ben"]


def test_the_programme_filter_finds_people_enrolled_attending_or_certified():
    course, other = factories.programme(), factories.programme()
    session = factories.session(course)
    enrolled, attended, certified = (factories.agent(n) for n in ("Enrolled", "Attended",
                                                                  "Certified"))
    cancelled, elsewhere = factories.agent("Cancelled"), factories.agent("Elsewhere")
    factories.enrolment(session, enrolled)
    factories.enrolment(session, cancelled, state="cancelled")
    factories.attendance(session, attended)
    factories.certificate(certified, course)
    factories.certificate(elsewhere, other)
    assert sorted(_names(RegisterFilters(programme_id=course.id))) == [
        "Attended", "Certified", "Enrolled"]


def test_search_ignores_accents_and_case_and_finds_e_mail_addresses():
    factories.agent("Zoé", "Lefèvre", email="zoe.l@example.org")
    factories.agent("Marc", "Dupont", email="marc@example.net")
    assert _names(RegisterFilters(q="LEFEVRE")) == ["Zoé"]
    assert _names(RegisterFilters(q="zoe")) == ["Zoé"]
    assert _names(RegisterFilters(q="example.net")) == ["Marc"]
    assert _names(RegisterFilters(q="100%_")) == []


def test_erased_people_are_left_out_of_the_list_and_only_counted():
    from icc_network.agents.services import personal_data

    kept, gone = factories.agent("Kept"), factories.agent("Gone")
    personal_data.erase_agent(gone, actor=None)
    assert _names(RegisterFilters()) == ["Kept"]
    assert register.erased_count(RegisterFilters()) == 1
    assert kept.id != gone.id


def test_the_list_sorts_by_name_either_way():
    factories.agent("A", "Zed")
    factories.agent("B", "Alpha")
    assert _names(RegisterFilters(sort="name")) == ["B", "A"]
    assert _names(RegisterFilters(sort="-name")) == ["A", "B"]


# --- adding and editing ------------------------------------------------------------

def test_registering_someone_records_their_consent_with_the_version_and_language():
    trainer = core_factories.user("trainer")
    agent = register.save_agent(None, _data(), actor=trainer)
    assert (agent.consent_on, agent.consent_version, agent.consent_locale) == (
        today(), CONSENT_VERSION, "en")
    assert agent.name_key == "moreau elodie" and agent.email_key == "elodie@example.org"
    assert sorted(agent.languages) == ["ar", "fr"] and agent.status == "candidate"
    entry = db.session.scalars(select(AuditLog).where(AuditLog.action == "agent.create")).one()
    assert "Moreau" not in str(entry.details) and "elodie" not in str(entry.details)


def test_no_one_is_registered_without_consent():
    with pytest.raises(RuleViolation) as refused:
        register.save_agent(None, _data(consent=False), actor=None)
    assert refused.value.field == "consent"


def test_a_second_record_with_the_same_e_mail_is_refused_on_the_e_mail_field():
    existing = factories.agent(email="Same@Example.org")
    with pytest.raises(RuleViolation) as refused:
        register.save_agent(None, _data(email=" same@example.ORG "), actor=None)
    assert refused.value.field == "email"
    assert register.find_duplicate("SAME@example.org").id == existing.id
    other = factories.agent(email="other@example.org")
    with pytest.raises(RuleViolation):
        register.save_agent(other, _data(email="same@example.org"), actor=None)
    assert register.save_agent(existing, _data(email="same@example.org"), actor=None)


def test_only_free_agent_accounts_can_be_linked():
    free, linked = core_factories.user("agent"), core_factories.user("agent")
    staff = core_factories.user("staff")
    factories.agent(user=linked)
    offered = dict(register.account_choices())
    assert free.id in offered and linked.id not in offered and staff.id not in offered
    with pytest.raises(RuleViolation) as refused:
        register.save_agent(None, _data(user_id=linked.id), actor=None)
    assert refused.value.field == "user_id"
    assert register.save_agent(None, _data(user_id=free.id), actor=None).user_id == free.id


def test_unknown_codes_are_refused_with_the_field_named():
    for field, value in (("languages", ["xx"]), ("kind", "alien"), ("came_through", "?"),
                         ("locale", "de"), ("district_id", 999999)):
        with pytest.raises(RuleViolation) as refused:
            register.save_agent(None, _data(**{field: value}), actor=None)
        assert refused.value.field == field


# --- status -----------------------------------------------------------------------

def test_status_moves_follow_the_transitions_and_certification_needs_a_certificate():
    agent = factories.agent(status="inactive")
    with pytest.raises(RuleViolation):
        register.change_status(agent, "certified", actor=None)
    factories.certificate(agent, factories.programme(), issued_on=today() - timedelta(days=3))
    assert register.change_status(agent, "certified", actor=None).status == "certified"
    with pytest.raises(RuleViolation):
        register.change_status(agent, "candidate", actor=None)  # not a manual move
    register.change_status(agent, "inactive", actor=None)
    expired = factories.agent(status="inactive")
    factories.certificate(expired, factories.programme(), issued_on=date(2020, 1, 1),
                          expires_on=date(2021, 1, 1))
    with pytest.raises(RuleViolation):
        register.change_status(expired, "active", actor=None)


# --- merging ------------------------------------------------------------------------

def test_merging_moves_everything_to_the_kept_record_and_leaves_one_record():
    course = factories.programme(threshold_hours=8)
    first, second = (factories.session(course, modules=[m]) for m in factories.modules_of(course))
    kept = factories.agent("Kept", "Person", email="kept@example.org", phone="",
                           languages=("fr",))
    twin = factories.agent("Twin", "Person", email="", phone="07 00 00 00 00",
                           languages=("ar",))
    factories.enrolment(first, kept)
    factories.attendance(first, kept, "partial", minutes=60)
    factories.enrolment(first, twin)
    factories.attendance(first, twin, "present")  # 240 minutes: more than the kept record's
    factories.enrolment(second, twin)
    factories.attendance(second, twin, "present")
    factories.conversation(twin, note="met at the market")
    db.session.add(AgentMessage(agent_id=twin.id, kind="invitation", session_id=second.id,
                                dedupe_key=f"invitation:{second.id}:{twin.id}:0"))
    db.session.flush()
    twin_id = twin.id
    merged = register.merge_agents(twin, kept, actor=None)
    assert db.session.get(Agent, twin_id) is None
    assert merged.first_name == "Kept" and merged.phone == "07 00 00 00 00"
    assert register.languages_of(kept.id) == ["ar", "fr"]
    rows = db.session.scalars(select(Attendance).where(Attendance.agent_id == kept.id)).all()
    assert sorted(a.minutes for a in rows) == [240, 240]
    assert db.session.scalar(select(db.func.count()).select_from(Enrolment)
                             .where(Enrolment.agent_id == kept.id)) == 2
    for model in (Conversation, AgentMessage):
        assert db.session.scalars(select(model.agent_id)).all() == [kept.id]
    # 8 hours on the required modules: the merged record is now certified.
    assert db.session.scalars(select(Certificate.agent_id)).all() == [kept.id]
    assert db.session.get(Agent, kept.id).status == "certified"
    entry = db.session.scalars(select(AuditLog).where(AuditLog.action == "agent.merge")).one()
    assert entry.details == {"merged": twin_id} and entry.entity_id == str(kept.id)


def test_merging_keeps_one_certificate_when_both_records_held_it():
    from icc_network.agents.services import certification

    course = factories.programme()
    session = factories.session(course, modules=factories.modules_of(course), hours=8)
    kept, twin = factories.agent(), factories.agent()
    factories.attendance(session, kept)
    factories.attendance(session, twin)
    assert certification.evaluate() == {"issued": 2, "revoked": 0}
    register.merge_agents(twin, kept, actor=None)
    valid = db.session.scalars(select(Certificate).where(Certificate.revoked_at.is_(None))).all()
    assert len(valid) == 1


def test_a_record_is_not_merged_into_itself():
    agent = factories.agent()
    with pytest.raises(RuleViolation):
        register.merge_agents(agent, agent, actor=None)


def test_merging_moves_the_linked_account_when_the_kept_record_has_none():
    account = core_factories.user("agent")
    kept, twin = factories.agent(), factories.agent(user=account)
    register.merge_agents(twin, kept, actor=None)
    assert db.session.get(Agent, kept.id).user_id == account.id


def test_the_register_is_in_the_training_menu_of_those_who_read_it():
    from icc_network.core.nav import nav_for

    for role, sees in (("trainer", True), ("coordinator", True), ("partner", False),
                       ("staff", False), ("agent", False)):
        endpoints = [item.endpoint for item in nav_for(core_factories.user(role))]
        assert ("agents.index" in endpoints) == sees, role
