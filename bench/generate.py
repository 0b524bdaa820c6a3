"""Generate the benchmark database: `python -m bench.generate --scale small|city|metropolis`.

SQLite by default (a file under bench/out), or the database at ``--database-url`` (created
when missing, emptied before generation). ``--skew`` makes the data lumpy: a hot district with
half of all sightings, one rumour with 40 % of them (200,000 at metropolis) and one
organisation with 12 % of all ties (3,000 at metropolis).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from icc_network import create_app
from icc_network.extensions import db

from .common import SCALES, Context, bench_modules

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent
STAMP_TABLE = "bench_fingerprint"


def database_url(scale: str, skew: bool = False) -> str:
    OUT.mkdir(exist_ok=True)
    name = f"bench-{scale}-skew.sqlite" if skew else f"bench-{scale}.sqlite"
    return f"sqlite:///{OUT / name}"


def skewed_url(url: str) -> str:
    """The lumpy data set lives beside the even one: ``…/bench_city`` → ``…/bench_city_skew``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database)
        return str(parsed.set(database=str(path.with_name(f"{path.stem}-skew{path.suffix}"))))
    return parsed.set(database=f"{parsed.database}_skew").render_as_string(hide_password=False)


def engine_name(url: str) -> str:
    return make_url(url).get_backend_name()


def fingerprint(scale: str, skew: bool) -> str:
    """What the data depends on: the generators, the schema, the scale and the skew."""
    digest = hashlib.sha256(f"{scale}:{skew}".encode())
    for path in sorted([*ROOT.glob("bench/areas/*.py"), *ROOT.glob("migrations/versions/*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stored_fingerprint(url: str) -> str | None:
    """The fingerprint the database at ``url`` was generated with; None when it is missing,
    empty or was never finished."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).exists():
        return None
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(STAMP_TABLE):
                return None
            return connection.execute(text(f"SELECT value FROM {STAMP_TABLE}")).scalar()
    except Exception:  # noqa: BLE001 - a database that cannot be read is generated afresh
        return None
    finally:
        engine.dispose()


def make_app(url: str):
    return create_app({"ENV_NAME": "testing", "TESTING": False, "SECRET_KEY": "bench-" + "x" * 40,
                       "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True,
                       "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 1024, "ARGON2_PARALLELISM": 1,
                       "RATELIMIT_ENABLED": False})


def _empty_database(url: str) -> None:
    """An empty database at ``url``: the SQLite file removed, the PostgreSQL database created
    when missing and its schema dropped otherwise."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    server = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                        {"name": parsed.database}).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        server.dispose()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def _finish(url: str, stamp: str) -> None:
    """Statistics and visibility maps as autovacuum would leave them, and the fingerprint."""
    if engine_name(url) == "postgresql":
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text("VACUUM ANALYZE"))
        finally:
            engine.dispose()
    db.session.execute(text(f"CREATE TABLE {STAMP_TABLE} (value VARCHAR(64) NOT NULL)"))
    db.session.execute(text(f"INSERT INTO {STAMP_TABLE} (value) VALUES (:value)"), {"value": stamp})
    db.session.commit()


def generate(scale: str, url: str | None = None, skew: bool = False) -> Context:
    url = url or database_url(scale, skew)
    _empty_database(url)
    app = make_app(url)
    ctx = Context(scale=scale, app=app, skew=skew)
    started_all = time.perf_counter()
    with app.app_context():
        upgrade()
        for module in bench_modules(app):
            started = time.perf_counter()
            module.generate(ctx)
            db.session.commit()
            print(f"  generated {module.__name__.rsplit('.', 1)[-1]} in {time.perf_counter() - started:.1f} s",
                  flush=True)
        started = time.perf_counter()
        db.session.remove()
        _finish(url, fingerprint(scale, skew))
        print(f"  statistics and fingerprint in {time.perf_counter() - started:.1f} s")
        db.session.remove()
    print(f"  generated the {scale}{' skewed' if skew else ''} data set on {engine_name(url)} "
          f"in {time.perf_counter() - started_all:.1f} s", flush=True)
    return ctx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--skew", action="store_true", help="lumpy data (see above)")
    args = parser.parse_args()
    url = args.database_url and (skewed_url(args.database_url) if args.skew else args.database_url)
    generate(args.scale, url, args.skew)


if __name__ == "__main__":
    main()
