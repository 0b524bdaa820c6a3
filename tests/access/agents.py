"""Expected access to the agents area's routes: the register, training, certificates,
field work and reports. Personal data: trainers and coordinators; counts: partners and
staff too; an agent reaches only their own record."""

from __future__ import annotations

from datetime import date, datetime

from icc_network.core.permissions import ADMIN, AGENT, COORDINATOR, PARTNER, STAFF, TRAINER

from ..agents import factories
from . import EVERYONE, Access, only

READ = only(ADMIN, COORDINATOR, TRAINER)  # personal data, read
MANAGE = only(ADMIN, TRAINER)
COUNTS = only(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF)
OWN = only(ADMIN, COORDINATOR, TRAINER, AGENT)  # an agent on their own record only
LOG = only(ADMIN, TRAINER, AGENT)
MINE = only(ADMIN, AGENT)  # the signed-in agent's own pages (others meet an explanation)


def _agent(w):
    return {"agent_id": w.agent_record.id}


def _session(w):
    return {"session_id": w.training_session.id}


def _programme(w):
    return {"programme_id": w.programme.id}


ACCESS = {
    "agents.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/agents.css"}),
    # --- register ---------------------------------------------------------------
    "agents.index": Access(get=READ),
    "agents.export": Access(get=MANAGE, params=lambda w: {"fmt": "csv"},
                            variants=({"fmt": "xlsx"},)),
    "agents.detail": Access(get=READ, params=_agent),
    "agents.new": Access(get=MANAGE, post=MANAGE),
    "agents.edit": Access(get=MANAGE, post=MANAGE, params=_agent),
    "agents.status": Access(post=MANAGE, params=_agent, post_data=lambda w: {"status": "inactive"}),
    "agents.merge": Access(get=MANAGE, post=MANAGE, params=lambda w: {
        "agent_id": w.duplicate_agent.id, "into": w.agent_record.id}),
    "agents.personal_data": Access(get=READ, params=_agent),
    "agents.personal_data_json": Access(get=READ, params=_agent),
    "agents.erase": Access(get=MANAGE, post=MANAGE, params=_agent),
    "agents.withdraw_consent": Access(get=MANAGE, post=MANAGE, params=_agent),

    # --- training ---------------------------------------------------------------
    "agents.programmes": Access(get=READ),
    "agents.programme_detail": Access(get=READ, params=_programme),
    "agents.programme_new": Access(get=MANAGE, post=MANAGE),
    "agents.programme_edit": Access(get=MANAGE, post=MANAGE, params=_programme),
    "agents.module_new": Access(get=MANAGE, post=MANAGE, params=_programme),
    "agents.module_edit": Access(get=MANAGE, post=MANAGE,
                                 params=lambda w: {"module_id": w.module.id}),
    "agents.module_delete": Access(post=MANAGE, params=lambda w: {"module_id": w.spare_module.id}),
    "agents.sessions": Access(get=READ, query={"when": "all"}),
    "agents.session_detail": Access(get=READ, params=_session, query={"q": "a"}),
    "agents.session_new": Access(get=MANAGE, post=MANAGE),
    "agents.session_edit": Access(get=MANAGE, post=MANAGE, params=_session),
    "agents.session_cancel": Access(get=MANAGE, post=MANAGE,
                                    params=lambda w: {"session_id": w.upcoming_session.id}),
    "agents.enrol": Access(post=MANAGE, params=lambda w: {"session_id": w.upcoming_session.id},
                           post_data=lambda w: {"agent_id": w.training_candidate.id}),
    "agents.unenrol": Access(post=MANAGE, params=lambda w: {
        "enrolment_id": w.upcoming_enrolment.id}),
    "agents.roll_call": Access(get=MANAGE, post=MANAGE, params=_session),
    "agents.session_ics": Access(get=READ, params=_session),
    "agents.trainer_calendar": Access(get=READ),

    # --- certification and field work --------------------------------------------
    "agents.certificate": Access(get=OWN, params=lambda w: {"certificate_id": w.certificate.id}),
    "agents.verify_form": Access(get=EVERYONE, query={"code": "abcd efgh jkmn"}),
    "agents.verify": Access(get=EVERYONE, params=lambda w: {"code": w.certificate.code}),
    "agents.refreshers": Access(get=READ, variants=({"show": "expired"}, {"show": "quiet"})),
    # someone else's record: an agent logs and sees only their own
    "agents.conversation_new": Access(get=MANAGE, post=MANAGE, params=_agent),
    "agents.conversations": Access(get=READ, params=_agent),
    "agents.my_conversation_new": Access(get=MINE, post=MINE),
    "agents.my_record": Access(get=MINE),
    # logged by the agent on their own record: they, and those who manage the register
    "agents.conversation_delete": Access(
        post=LOG, params=lambda w: {"conversation_id": w.logged_conversation.id}),

    # --- reports ----------------------------------------------------------------
    "agents.reports": Access(get=COUNTS, query={"period": "quarter"}),
    "agents.reports_export": Access(
        get=COUNTS, params=lambda w: {"fmt": "csv"},
        variants=({"fmt": "csv", "table": "districts"}, {"fmt": "xlsx", "table": "outcomes"})),
    "agents.overview": Access(get=COUNTS),
}


def build(world) -> None:
    district = world.district
    own = factories.agent("Awa", "Diallo", status="certified", user=world.users["agent"],
                          district=district)
    other = factories.agent("Jules", "Bernard", status="in_training", district=district)
    programme = factories.programme("Formation de base")
    session = factories.session(programme, starts_at=datetime(2026, 3, 2, 8, 0),
                                trainer=world.users["trainer"], district=district)
    factories.enrolment(session, own)
    factories.enrolment(session, other)
    factories.attendance(session, own)
    world.objects.update(
        agent_record=other, own_agent=own, programme=programme, training_session=session,
        module=factories.modules_of(programme)[0],
        certificate=factories.certificate(own, programme),
        own_conversation=factories.conversation(own, district=district),
        other_conversation=factories.conversation(other))
    # --- register ---------------------------------------------------------------
    world.objects.update(duplicate_agent=factories.agent("Jules", "Bernard", district=district))

    # --- training ---------------------------------------------------------------
    _build_training(world, programme, own)

    # --- certification and field work --------------------------------------------
    logged = factories.conversation(own, district=district)
    logged.logged_by_id = world.users["agent"].id
    factories.certificate(other, programme, issued_on=date(2024, 1, 10))
    world.objects.update(logged_conversation=logged)

    # --- reports ----------------------------------------------------------------


def _build_training(world, programme, own) -> None:
    """A session to come (to cancel, enrol in and withdraw from), an optional module no
    session covers (to remove), and a candidate to enrol."""
    from icc_network.agents.models import Module
    from icc_network.extensions import db

    spare = Module(programme_id=programme.id, name={"fr": "Atelier libre"}, minutes=60,
                   required=False, position=9)
    db.session.add(spare)
    upcoming = factories.session(programme, starts_at=datetime(2030, 5, 6, 16, 0),
                                 trainer=world.users["trainer"], capacity=2)
    world.objects.update(
        spare_module=spare, upcoming_session=upcoming,
        upcoming_enrolment=factories.enrolment(upcoming, own),
        training_candidate=factories.agent("Nour", "Haddad", status="candidate"))
