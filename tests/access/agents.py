"""Expected access to the agents area's routes: the register, training, certificates,
field work and reports. Personal data: trainers and coordinators; counts: partners and
staff too; an agent reaches only their own record."""

from __future__ import annotations

from datetime import datetime

from icc_network.core.permissions import ADMIN, AGENT, COORDINATOR, PARTNER, STAFF, TRAINER

from ..agents import factories
from . import EVERYONE, Access, only

READ = only(ADMIN, COORDINATOR, TRAINER)  # personal data, read
MANAGE = only(ADMIN, TRAINER)
COUNTS = only(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF)
OWN = only(ADMIN, COORDINATOR, TRAINER, AGENT)  # an agent on their own record only
LOG = only(ADMIN, TRAINER, AGENT)


def _agent(w):
    return {"agent_id": w.agent_record.id}


def _session(w):
    return {"session_id": w.training_session.id}


ACCESS = {
    "agents.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/agents.css"}),
    # --- register ---------------------------------------------------------------

    # --- training ---------------------------------------------------------------

    # --- certification and field work --------------------------------------------

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

    # --- training ---------------------------------------------------------------

    # --- certification and field work --------------------------------------------

    # --- reports ----------------------------------------------------------------
