"""The audit log page: narrowed to one person (or one record), exported with its filters,
and fast on a long log."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from icc_network.core import services
from icc_network.core.audit import record
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories
from ..support import login


@pytest.fixture
def log():
    admin = factories.user("admin", name="Alice Admin", locale="en")
    nadia = factories.user("coordinator", name="Nadia Coordinator")
    tom = factories.user("trainer", name="Tom Trainer")
    for n in range(3):
        record(nadia, "rumour.update", entity_type="rumour", entity_id=n + 1, field="wording")
    record(tom, "agent.view", entity_type="agent", entity_id=7)
    record(tom, "agent.view", entity_type="agent", entity_id=8)
    record(None, "user.login_failures", entity_type="user", entity_id=tom.id, failures=5)
    db.session.flush()
    return admin, nadia, tom


def _actions(page: str) -> list[str]:
    return re.findall(r'<td data-action="([^"]+)"', page)


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_log_narrows_to_what_one_person_did(client, log):
    admin, nadia, tom = log
    login(client, admin)
    page = client.get(f"/admin/audit?who={tom.id}").get_data(as_text=True)
    assert _actions(page) == ["agent.view", "agent.view"]
    assert f'<option value="{tom.id}" selected>Tom Trainer</option>' in page


def test_the_person_filter_keeps_paging_and_the_other_filters(client, log):
    admin, nadia, tom = log
    login(client, admin)
    page = client.get(f"/admin/audit?who={nadia.id}&entity=rumour&action=rumour.&per_page=2")
    body = page.get_data(as_text=True)
    assert _actions(body) == ["rumour.update", "rumour.update"]
    older = re.search(r'rel="next" href="([^"]+)"', body).group(1).replace("&amp;", "&")
    assert f"who={nadia.id}" in older and "entity=rumour" in older and "per_page=2" in older
    second = client.get(older).get_data(as_text=True)
    assert _actions(second) == ["rumour.update"]
    assert 'rel="next"' not in second and 'rel="prev"' in second


def _entries(page: str) -> list[str]:
    return re.findall(r"<td[^>]*>[^<]*#(\d+)</td>", page)


def test_the_log_pages_by_key_newer_and_older_without_repeating_a_row(client, log):
    admin, nadia, _ = log
    for n in range(4, 9):
        record(nadia, "rumour.update", entity_type="rumour", entity_id=n)
    db.session.flush()
    login(client, admin)
    url = "/admin/audit?entity=rumour&per_page=3"
    first = client.get(url).get_data(as_text=True)
    assert _entries(first) == ["8", "7", "6"] and "8 entries match." in first
    older = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = client.get(older).get_data(as_text=True)
    assert _entries(second) == ["5", "4", "3"]
    newer = re.search(r'rel="prev" href="([^"]+)"', second).group(1).replace("&amp;", "&")
    assert _entries(client.get(newer).get_data(as_text=True)) == ["8", "7", "6"]
    # A key that is no number, or beyond the log, shows the first page or nothing: never a 500.
    assert client.get(url + "&older=abc").status_code == 200
    assert _entries(client.get(url + "&older=1").get_data(as_text=True)) == []


def test_a_long_log_is_counted_only_up_to_a_cap(client, log, monkeypatch):
    from icc_network.core import pagination

    admin, _, _ = log
    monkeypatch.setattr(pagination, "COUNT_CAP", 4)
    login(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "More than 4 entries match." in page
    assert "3 entries match." in client.get("/admin/audit?entity=rumour").get_data(as_text=True)


def test_the_audit_page_costs_the_same_queries_however_deep(client, log, query_counter):
    admin, nadia, _ = log
    login(client, admin)
    with query_counter() as first:
        client.get("/admin/audit?per_page=2")
    for n in range(30):
        record(nadia, "rumour.update", entity_type="rumour", entity_id=100 + n)
    db.session.flush()
    deep = db.session.scalar(select(AuditLog.id).order_by(AuditLog.id).limit(1).offset(5))
    with query_counter() as later:
        response = client.get(f"/admin/audit?per_page=2&older={deep}")
    assert response.status_code == 200 and len(_actions(response.get_data(as_text=True))) == 2
    assert later.count == first.count


def test_the_log_shows_what_no_account_did(client, log):
    admin, _, _ = log
    login(client, admin)
    page = client.get("/admin/audit?who=system").get_data(as_text=True)
    assert _actions(page) == ["user.login_failures"]


def test_the_log_shows_who_viewed_one_record(client, log):
    admin, _, tom = log
    login(client, admin)
    page = client.get("/admin/audit?entity=agent&record=8").get_data(as_text=True)
    assert _actions(page) == ["agent.view"] and "#8" in page and "#7" not in page


def test_a_person_who_is_no_number_shows_everything(client, log):
    admin, _, _ = log
    login(client, admin)
    response = client.get("/admin/audit?who=%C2%B2&record=" + "9" * 300)
    assert response.status_code == 200


def test_the_export_keeps_the_filters_and_is_itself_audited(client, log):
    admin, _, tom = log
    login(client, admin)
    response = client.get(f"/admin/audit.csv?who={tom.id}&entity=agent")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    header, *rows = _rows(response)
    assert header[:3] == ["When (UTC)", "Who", "Action"]
    assert [(r[1], r[2], r[4]) for r in rows] == [("Tom Trainer", "agent.view", "8"),
                                                  ("Tom Trainer", "agent.view", "7")]
    db.session.expire_all()
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "audit.export"))
    assert entry.user_id == admin.id
    assert entry.details == {"count": 2, "format": "csv", "kind": "agent", "who": tom.id}


def test_the_export_comes_as_a_workbook_too(client, log):
    admin, nadia, _ = log
    login(client, admin)
    response = client.get(f"/admin/audit.xlsx?who={nadia.id}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.values)
    assert len(values) == 4 and values[1][1] == "Nadia Coordinator"
    assert values[1][5] == "field: wording"


def test_the_page_links_to_the_export_with_its_filters(client, log):
    admin, _, tom = log
    login(client, admin)
    page = client.get(f"/admin/audit?who={tom.id}&page=1").get_data(as_text=True)
    assert f"/admin/audit.csv?who={tom.id}" in page and f"/admin/audit.xlsx?who={tom.id}" in page


def test_kinds_of_record_are_listed_once_each_in_order(log):
    assert services.audit_entity_types() == ["agent", "rumour", "user"]


def test_kinds_of_record_of_an_empty_log_are_none(app):
    assert services.audit_entity_types() == []


def _plan(sql: str, params: dict) -> str:
    engine = db.session.get_bind().dialect.name
    if engine == "sqlite":
        rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params)
        return "\n".join(str(row[-1]) for row in rows)
    # A small test table would be read whole whatever its indexes: ask for the plan a long
    # log gets.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_sort = off"))
    return "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}"), params))


def test_one_persons_entries_come_from_the_index_without_sorting(log):
    _, _, tom = log
    query = services.audit_query(services.AuditFilters(actor=tom.id)).limit(25)
    sql = str(query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True}))
    plan = _plan(sql, {})
    assert "ix_audit_log_user_id_id" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
