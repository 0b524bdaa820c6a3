"""What the network area offers to the others through core's registries."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.auth.models import User
from icc_network.extensions import db

from .. import factories as core
from ..support import login
from . import factories


def _create(client, role: str, organisation_id: int) -> User:
    response = client.post_form("/admin/users/new", {
        "name": role.title(), "email": f"{role}@example.org", "role": role, "locale": "fr",
        "active": "y", "password": "a-long-password", "organisation_id": str(organisation_id),
    })
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(select(User).where(User.email == f"{role}@example.org"))


def test_the_account_form_links_partners_only_to_a_network_organisation(client):
    centre = factories.organisation("Centre social des Moulins")
    login(client, core.user("admin", locale="en"))
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert f'<option value="{centre.id}">Centre social des Moulins</option>' in page
    assert _create(client, "partner", centre.id).organisation_id == centre.id
    assert _create(client, "staff", centre.id).organisation_id is None
