"""Expected access to the shared kernel's routes."""

from icc_network.core.permissions import ADMIN, COORDINATOR, STAFF, TRAINER

from .. import factories
from . import EVERYONE, SIGNED_IN, Access, only

ACCESS = {
    "static": Access(get=EVERYONE, params=lambda w: {"filename": "vendor/chart.js/chart.umd.min.js"}),
    "bootstrap.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/bootstrap.min.css"}),
    "core.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/app.css"}),
    "core.home": Access(get=EVERYONE),
    "core.healthz": Access(get=EVERYONE),
    "core.set_language": Access(post=EVERYONE, post_data=lambda w: {"locale": "fr"}),
    "core.districts": Access(get=only(ADMIN)),
    "core.district_new": Access(get=only(ADMIN), post=only(ADMIN)),
    "core.district_boundaries": Access(get=only(ADMIN), post=only(ADMIN)),
    "core.district_boundaries_confirm": Access(post=only(ADMIN)),
    "core.district_boundary_remove": Access(get=only(ADMIN), post=only(ADMIN),
                                            params=lambda w: {"district_id": w.drawn_district.id}),
    "core.district_edit": Access(get=only(ADMIN), post=only(ADMIN),
                                 params=lambda w: {"district_id": w.district.id}),
    "core.worklist": Access(get=only(ADMIN, COORDINATOR, TRAINER)),
    "core.audit_log": Access(get=only(ADMIN), variants=(
        {}, {"action": "rumour."}, {"action": "rumour.merge"}, {"action": "rum"})),
    "core.audit_export": Access(get=only(ADMIN), params=lambda w: {"fmt": "csv"},
                                variants=({"fmt": "csv"}, {"fmt": "xlsx"})),
    "core.status": Access(get=only(ADMIN)),
    "core.notifications_inbox": Access(get=SIGNED_IN),
    "core.notifications_read_all": Access(post=SIGNED_IN),
    "core.notification_read": Access(post=only(STAFF),
                                     params=lambda w: {"notification_id": w.notification.id}),
}


def build(world) -> None:
    for role in ("admin", "coordinator", "trainer", "partner", "staff", "agent"):
        world.users[role] = factories.user(role)
    world.objects["district"] = factories.district("centre", "Centre", None)
    square = [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.86], [2.35, 48.85]]
    world.objects["drawn_district"] = factories.district(
        "nord", "Nord", None, boundary={"type": "Polygon", "coordinates": [square]})
    world.objects["notification"] = factories.notification(world.users["staff"])
