"""The benchmark's bulk insert (COPY on PostgreSQL, executemany on SQLite) stores what an
ORM insert would, and the comparison of even and lumpy runs reads its two results files."""

from __future__ import annotations

from sqlalchemy import select

from bench.common import bulk_insert
from bench.compare import compare
from bench.generate import skewed_url, stored_fingerprint
from icc_network.core.models import AuditLog, District
from icc_network.extensions import db


def test_rows_arrive_in_order_with_their_types_and_defaults():
    districts = [{"code": f"d-{n}", "name": {"fr": f"Quartier n° {n} : l’est", "en": f"East {n}"},
                  "position": n} for n in range(3)]
    assert bulk_insert(District, districts) == 3
    # Several chunks, and rows that leave out a column with a Python-side default.
    entries = [{"action": "bench.event", "entity_type": "district", "entity_id": str(n),
                "user_id": None, **({"details": {"n": n, "note": "« oui »"}} if n % 2 else {})}
               for n in range(7)]
    assert bulk_insert(AuditLog, iter(entries), chunk=3) == 7
    db.session.flush()

    stored = db.session.scalars(select(District).order_by(District.id)).all()
    assert [(d.code, d.name["fr"], d.position, d.active) for d in stored] == [
        (f"d-{n}", f"Quartier n° {n} : l’est", n, True) for n in range(3)]
    log = db.session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
    assert [entry.entity_id for entry in log] == [str(n) for n in range(7)]
    assert [entry.details for entry in log] == [
        {"n": n, "note": "« oui »"} if n % 2 else {} for n in range(7)]
    assert all(entry.at is not None and entry.user_id is None for entry in log)


def test_nothing_to_insert_is_no_error():
    assert bulk_insert(District, []) == 0


def test_the_skewed_data_set_has_its_own_database():
    assert skewed_url("postgresql+psycopg://postgres@127.0.0.1:5432/bench_city") == (
        "postgresql+psycopg://postgres@127.0.0.1:5432/bench_city_skew")
    assert skewed_url("sqlite:////tmp/out/bench-city.sqlite") == "sqlite:////tmp/out/bench-city-skew.sqlite"


def test_a_missing_database_has_no_fingerprint(tmp_path):
    assert stored_fingerprint(f"sqlite:///{tmp_path / 'none.sqlite'}") is None


def test_the_comparison_flags_pages_beyond_the_limit():
    def results(p95s, floor):
        return {"scale": "small", "engine": "sqlite", "floor_p95_ms": floor,
                "pages": [{"page": name, "role": "coordinator", "p95_ms": p95, "queries": 5.0}
                          for name, p95 in p95s.items()]}

    table = compare(results({"list": 10.0, "detail": 20.0}, 1.0),
                    results({"list": 14.0, "detail": 40.0}, 1.1))
    assert "| list | coordinator | 10.00 | 14.00 | 1.40 | 1.27 | 5.0 → 5.0 | yes |" in table
    assert "| detail | coordinator | 20.00 | 40.00 | 2.00 | 1.82 | 5.0 → 5.0 | NO |" in table
    assert "1 of 2 pages grow more than 1.5× with lumpy data: detail" in table
