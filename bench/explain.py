"""Where one page's SQL time goes, with each slow statement's plan:
`python -m bench.explain --scale city [--skew] [--database-url URL] --role coordinator /rumours`.

Requests the page once to warm it, once more recording every statement and its duration, then
prints the slowest ones with their plan: EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on
SQLite. Reads the data set `bench.run` generated (it does not generate one).
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import event

from icc_network.extensions import db

from .common import SCALES
from .generate import database_url, engine_name, make_app, skewed_url
from .run import Browser


def explain(url: str, role: str | None, path: str, top: int) -> str:
    app = make_app(url)
    browser = Browser(app, role)
    browser.client.get(path)
    with app.app_context():
        engine = db.engine
    recorded, started = [], {}

    def before(_conn, cursor, statement, parameters, _context, _many):
        started[id(cursor)] = time.perf_counter()

    def after(_conn, cursor, statement, parameters, _context, _many):
        recorded.append(((time.perf_counter() - started.pop(id(cursor))) * 1000, statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        clock = time.perf_counter()
        status = browser.client.get(path).status_code
        total = (time.perf_counter() - clock) * 1000
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    sql = sum(ms for ms, _s, _p in recorded)
    lines = [f"{path} as {role or 'anonymous'} on {engine_name(url)}: {status}, {total:.1f} ms, "
             f"{len(recorded)} statements, {sql:.1f} ms in SQL", ""]
    prefix = "EXPLAIN ANALYZE " if engine_name(url) == "postgresql" else "EXPLAIN QUERY PLAN "
    with engine.connect() as connection:
        for ms, statement, parameters in sorted(recorded, key=lambda r: r[0], reverse=True)[:top]:
            lines += [f"--- {ms:.1f} ms", statement.strip(), f"-- parameters: {parameters}"]
            rows = connection.exec_driver_sql(prefix + statement, parameters).all()
            lines += ["  " + " | ".join(str(value) for value in row) for row in rows] + [""]
            connection.rollback()
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--role", default=None, help="signed in with this role; anonymous without")
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--skew", action="store_true")
    parser.add_argument("--top", type=int, default=3, help="how many of the slowest statements")
    args = parser.parse_args()
    url = args.database_url or database_url(args.scale)
    print(explain(skewed_url(url) if args.skew else url, args.role, args.path, args.top))


if __name__ == "__main__":
    main()
