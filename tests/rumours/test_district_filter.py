"""The rumour list's "heard in district / period" filter: the same rumours as before, once
each, and read by probing each listed rumour's sightings, never by reading all the
sightings of a district (EXPLAIN on both engines)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.services.catalogue import parse_filters, rumour_query

from .. import factories as core
from ..support import login
from . import factories


@pytest.fixture
def heard():
    districts = [core.district() for _ in range(3)]
    rumours = [factories.rumour() for _ in range(6)]
    seen = []
    for n in range(40):
        rumour, district = rumours[n % 5], districts[n % 3]  # the sixth is never heard
        day = today() - timedelta(days=7 * n)
        factories.sighting(rumour, seen_on=day, district_id=district.id if n % 4 else None)
        seen.append((rumour.id, district.id if n % 4 else None, day))
    return districts, rumours, seen


def _ids(**args) -> list[int]:
    return list(db.session.scalars(rumour_query(parse_filters(args))))


def test_the_filter_lists_each_rumour_heard_there_once(heard):
    districts, _rumours, seen = heard
    since = today() - timedelta(days=60)
    for district in districts:
        expected = {r for r, d, _day in seen if d == district.id}
        found = [r.id for r in _ids(district=str(district.id))]
        assert sorted(found) == sorted(expected)  # once each
        in_period = {r for r, d, day in seen if d == district.id and day >= since}
        assert {r.id for r in _ids(district=str(district.id), **{"from": since.isoformat()})} \
            == in_period
    until = today() - timedelta(days=100)
    assert {r.id for r in _ids(to=until.isoformat())} == {r for r, _d, day in seen
                                                           if day <= until}


def test_the_filtered_list_costs_the_same_queries_for_more_rumours(client, heard,
                                                                    query_counter):
    districts, rumours, _seen = heard
    login(client, core.user("coordinator"))
    url = f"/rumours?district={districts[0].id}&from=2000-01-01&per_page=50"
    with query_counter() as few:
        client.get(url)
    for _ in range(20):
        factories.sighting(factories.rumour(), district_id=districts[0].id)
    with query_counter() as many:
        response = client.get(url)
    assert response.status_code == 200
    assert many.count == few.count


def _plan(statement) -> str:
    bind = db.session.get_bind()
    sql = str(statement.compile(bind, compile_kwargs={"literal_binds": True}))
    if bind.dialect.name == "sqlite":
        compiled = statement.compile(bind, compile_kwargs={"literal_binds": True})
        parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
        return "\n".join(str(row[-1]) for row in db.session.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", parameters))
    # A small test table would be read whole whatever its indexes: ask for the plan a
    # big city's tables get.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_hashjoin = off"))
    db.session.execute(text("SET LOCAL enable_mergejoin = off"))
    return "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}")))


@pytest.mark.parametrize("period", [False, True])
def test_the_filter_probes_each_rumour_instead_of_reading_a_districts_sightings(heard, period):
    districts, _rumours, _seen = heard
    args = {"district": str(districts[0].id)}
    if period:
        args["from"] = (today() - timedelta(days=90)).isoformat()
    query = rumour_query(parse_filters(args))
    for statement in (query.limit(25),
                      select(func.count()).select_from(query.order_by(None).subquery())):
        plan = _plan(statement)
        assert "ix_rumour_sighting_rumour_district" in plan, plan
        assert "ix_rumour_sighting_district_seen" not in plan, plan
