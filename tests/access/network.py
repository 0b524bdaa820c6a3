"""Expected access to the network's routes (organisations, ties, analytics, support group)."""

from __future__ import annotations

from datetime import date

from icc_network.core import imports
from icc_network.core.permissions import ADMIN, COORDINATOR, PARTNER, STAFF, TRAINER

from ..network import factories
from . import EVERYONE, Access, only

VIEW = only(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF)
MANAGE = only(ADMIN, COORDINATOR)
EXPORT = only(ADMIN, COORDINATOR, TRAINER, STAFF)
OWN = only(ADMIN, COORDINATOR, PARTNER)  # on the partner's own organisation
GROUP = only(ADMIN, COORDINATOR, TRAINER, STAFF)


def _org(w):
    return {"organisation_id": w.organisation.id}


ACCESS = {
    "network.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/network.css"}),
    "network.organisations": Access(get=VIEW),
    "network.organisations_export": Access(get=EXPORT, params=lambda w: {"fmt": "xlsx"},
                                           variants=({"fmt": "csv"}, {"fmt": "xlsx"})),
    "network.organisation_detail": Access(get=VIEW, params=_org),
    "network.organisation_new": Access(get=MANAGE, post=MANAGE),
    "network.organisation_edit": Access(get=OWN, post=OWN, params=_org),
    "network.organisation_delete": Access(post=MANAGE, params=lambda w: {
        "organisation_id": w.other.id}),
    "network.contact_new": Access(get=OWN, post=OWN, params=_org),
    "network.contact_edit": Access(get=OWN, post=OWN, params=lambda w: {"contact_id": w.contact.id}),
    "network.contact_delete": Access(post=OWN, params=lambda w: {"contact_id": w.contact.id}),
    "network.contacts_export": Access(get=MANAGE, params=lambda w: {"fmt": "csv"},
                                      variants=({"fmt": "csv"}, {"fmt": "xlsx"})),
    "network.ties": Access(get=VIEW),
    "network.tie_new": Access(get=MANAGE, post=MANAGE),
    "network.tie_edit": Access(get=MANAGE, post=MANAGE, params=lambda w: {"tie_id": w.tie.id}),
    "network.tie_delete": Access(post=MANAGE, params=lambda w: {"tie_id": w.tie.id}),
    "network.explorer": Access(get=VIEW),
    "network.explorer_data": Access(get=VIEW),
    "network.explorer_metrics": Access(get=VIEW),
    "network.explorer_organisation": Access(get=VIEW, params=_org),
    "network.analytics_page": Access(get=VIEW),
    "network.path": Access(get=VIEW, query={"from": 1, "to": 2}),
    "network.graph_export": Access(get=EXPORT, params=lambda w: {"fmt": "gexf"},
                                   variants=({"fmt": "gexf"}, {"fmt": "graphml"})),
    "network.graph_table_export": Access(get=EXPORT, params=lambda w: {"part": "edges"},
                                         variants=({"part": "nodes"}, {"part": "edges"})),
    "network.import_upload": Access(get=MANAGE, post=MANAGE),
    "network.import_confirm": Access(
        post=MANAGE, post_data=lambda w: {"pending_id": w.pending.id, "action": "discard"}),
    "network.support_group_home": Access(get=GROUP),
    "network.member_new": Access(get=MANAGE, post=MANAGE),
    "network.member_edit": Access(get=MANAGE, post=MANAGE, params=lambda w: {"member_id": w.member.id}),
    "network.member_delete": Access(post=MANAGE, params=lambda w: {"member_id": w.member.id}),
    "network.meeting_new": Access(get=MANAGE, post=MANAGE),
    "network.meeting_detail": Access(get=GROUP, params=lambda w: {"meeting_id": w.meeting.id}),
    "network.meeting_edit": Access(get=MANAGE, post=MANAGE, params=lambda w: {"meeting_id": w.meeting.id}),
    "network.meeting_delete": Access(post=MANAGE, params=lambda w: {"meeting_id": w.meeting.id}),
    "network.meeting_attendance": Access(post=MANAGE, params=lambda w: {"meeting_id": w.meeting.id}),
    "network.meeting_invitation": Access(get=MANAGE, post=MANAGE,
                                         params=lambda w: {"meeting_id": w.meeting.id}),
    "network.decision_new": Access(get=MANAGE, post=MANAGE, params=lambda w: {"meeting_id": w.meeting.id}),
    "network.decision_edit": Access(get=MANAGE, post=MANAGE, params=lambda w: {"decision_id": w.decision.id}),
    "network.decision_done": Access(post=MANAGE, params=lambda w: {"decision_id": w.decision.id}),
    "network.decisions": Access(get=GROUP),
}


def build(world) -> None:
    organisation = factories.organisation("Maison des associations", district=world.district)
    other = factories.organisation("Radio Quartiers", sector="media")
    world.users["partner"].organisation_id = organisation.id
    world.objects.update(
        organisation=organisation, other=other, tie=factories.tie(organisation, other),
        contact=factories.contact(organisation), member=factories.member(organisation))
    world.objects["meeting"] = factories.meeting()
    world.objects["decision"] = factories.decision(world.meeting, world.member, date(2026, 2, 1))
    world.objects["pending"] = imports.stage(
        "network.organisations", world.users["coordinator"].id, "orgs.csv", b"Label,Type\nX,media\n")
