"""The permission module and list pagination."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from icc_network.core import permissions
from icc_network.core.models import District
from icc_network.core.pagination import Page, paginate
from icc_network.core.permissions import can

from .. import factories
from ..support import login


def test_admin_passes_every_role_rule_and_others_only_theirs():
    admin, staff = factories.user("admin"), factories.user("staff")
    assert can(admin, "users.manage") and not can(staff, "users.manage")
    assert can(None, "home.view") and not can(None, "account.manage")


def test_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        can(None, "no.such.action")
    with pytest.raises(KeyError):
        permissions.require("no.such.action")


def test_object_rules_refine_role_rules(monkeypatch):
    partner, other = factories.user("partner"), factories.user("partner")
    monkeypatch.setitem(permissions.ACTIONS, "test.own", frozenset({"partner"}))
    monkeypatch.setitem(permissions.OBJECT_RULES, "test.own", lambda user, obj: obj == user.id)
    assert can(partner, "test.own", partner.id)
    assert not can(partner, "test.own", other.id)
    assert can(partner, "test.own")  # role rule alone


def test_page_numbers_with_gaps():
    page = Page(items=[], page=10, per_page=10, total=200)
    assert list(page.iter_pages()) == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_paginate_clamps_out_of_range_pages():
    for n in range(3):
        factories.district(f"p{n}")
    page = paginate(select(District).order_by(District.id), 99, 2)
    assert page.page == 2 and len(page.items) == 1 and page.total == 3


def test_list_pages_accept_nonsense_paging_arguments(client):
    login(client, factories.user("admin"))
    for query in ("page=abc", "page=-4", "per_page=0", "per_page=100000", "page=99999"):
        assert client.get(f"/admin/users?{query}").status_code == 200
        assert client.get(f"/admin/audit?{query}").status_code == 200


def test_user_list_query_count_is_constant(client, query_counter):
    login(client, factories.user("admin"))
    with query_counter() as few:
        response = client.get("/admin/users")
    assert response.status_code == 200
    for _ in range(30):
        factories.user("agent")
    with query_counter() as many:
        response = client.get("/admin/users?per_page=50")
    assert response.status_code == 200
    assert many.count == few.count


def test_audit_log_query_count_is_constant(client, query_counter):
    from icc_network.core.audit import record

    admin = factories.user("admin")
    login(client, admin)
    with query_counter() as few:
        response = client.get("/admin/audit")
    assert response.status_code == 200
    for n in range(30):
        record(factories.user("agent"), "test.event", entity_type="x", entity_id=n)
    with query_counter() as many:
        response = client.get("/admin/audit?per_page=100")
    assert response.status_code == 200
    assert many.count == few.count


def test_page_numbers_for_a_huge_list_stay_short():
    page = Page(items=[], page=5000, per_page=25, total=25 * 100_000)
    assert list(page.iter_pages()) == [1, None, 4998, 4999, 5000, 5001, 5002, None, 100_000]
    assert list(Page(items=[], page=1, per_page=10, total=0).iter_pages()) == [1]


def test_services_find_who_may_act_without_naming_roles():
    assert permissions.roles_that_can("arguments.validate") == {"admin", "coordinator"}
    assert permissions.roles_that_can("users.manage") == {"admin"}
    assert "anonymous" not in permissions.roles_that_can("catalogue.view")
    assert permissions.roles_alerted("rumours.attention") == {"coordinator"}
    assert [r for r in permissions.Role if permissions.acts_for_organisation(r)] == ["partner"]
