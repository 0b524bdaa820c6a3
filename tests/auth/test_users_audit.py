"""Every view of the accounts' e-mail addresses leaves an entry in the audit log."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories
from ..support import login


def _entries(action: str) -> list[AuditLog]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)
                                   .order_by(AuditLog.id)))


def _admin(client):
    admin = factories.user("admin", locale="en")
    login(client, admin)
    return admin


def test_each_view_of_the_users_list_is_audited_with_its_filters(client):
    admin = _admin(client)
    factories.user("staff", email="sam@example.org")
    assert "sam@example.org" in client.get("/admin/users").get_data(as_text=True)
    client.get("/admin/users?role=staff&q=sam")
    first, second = _entries("user.list")
    assert first.user_id == admin.id and first.entity_type == "user"
    assert first.details == {"count": 2, "page": 1}
    assert second.details == {"count": 1, "page": 1, "role": "staff", "search": "sam"}


def test_opening_an_account_is_audited_as_a_view_of_its_personal_data(client):
    admin = _admin(client)
    staff = factories.user("staff")
    assert client.get(f"/admin/users/{staff.id}/edit").status_code == 200
    (entry,) = _entries("user.view")
    assert (entry.user_id, entry.entity_type, entry.entity_id) == (admin.id, "user", str(staff.id))


def test_saving_an_account_is_not_counted_as_a_view(client):
    _admin(client)
    staff = factories.user("staff")
    response = client.post_form(f"/admin/users/{staff.id}/edit", {
        "name": "Renamed", "email": staff.email, "role": "staff", "locale": "en", "active": "y"})
    assert response.status_code == 302
    assert _entries("user.view") == [] and len(_entries("user.update")) == 1


def test_a_refused_look_at_the_users_list_leaves_no_entry(client):
    login(client, factories.user("coordinator"))
    assert client.get("/admin/users").status_code == 403
    assert _entries("user.list") == []
