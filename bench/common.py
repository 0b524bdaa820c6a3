"""What the generator and the runner share: scales, the context, page and measure specs, and
the bulk insert every area's generator uses."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert

from icc_network.core.areas import area_modules
from icc_network.extensions import db

SCALES = ("small", "city", "metropolis")
CHUNK = 20000


@dataclass
class Context:
    """Passed to each area: the scale, whether the data is lumpy, a seeded random source,
    and what areas created."""

    scale: str
    app: Any
    skew: bool = False
    rng: random.Random = field(default_factory=lambda: random.Random(20261125))
    ids: dict[str, list[int]] = field(default_factory=dict)

    def pick(self, scale_values: dict[str, Any]) -> Any:
        return scale_values[self.scale]


@dataclass
class Page:
    name: str
    path: str | Callable[[Any], str]
    role: str | None  # None: anonymous
    method: str = "GET"
    data: Callable[[Any], dict] | None = None
    budget_ms: float | None = None  # p95 target from the issue, reported next to the figure
    floor_ratio: float | None = None  # p95 must stay within this many floors


@dataclass
class Measure:
    name: str
    value_ms: float
    budget_ms: float | None = None
    note: str = ""


def bench_modules(app):
    """Each area's `bench/areas/<area>.py`."""
    return area_modules("bench.areas.{area}", app.config["AREAS"])


def bulk_insert(target: Any, rows: Iterable[dict], chunk: int = CHUNK) -> int:
    """Insert many rows (dicts keyed by column name) in the session's transaction; how many.

    PostgreSQL gets them through COPY, tens of times faster than one INSERT per row; SQLite
    through executemany of one prepared INSERT, which is as fast as it gets there. Columns a
    row leaves out take their Python-side default as with an ORM insert (a server default
    only when no row of the chunk names the column).
    """
    table: Table = getattr(target, "__table__", target)
    copy = db.session.get_bind().dialect.name == "postgresql"
    rows, count = iter(rows), 0
    while batch := list(islice(rows, chunk)):
        if copy:
            _copy(table, batch)
        else:
            db.session.execute(insert(target), batch)
        count += len(batch)
    return count


def _copy(table: Table, rows: list[dict]) -> None:
    connection = db.session.connection()
    dialect = connection.dialect
    names = list(dict.fromkeys(key for row in rows for key in row))
    names += [c.name for c in table.columns if c.name not in names and c.default is not None
              and not c.default.is_sequence and not c.default.is_clause_element]
    columns = [table.c[name] for name in names]
    processors = [column.type._cached_bind_processor(dialect) for column in columns]
    defaults = [_default(column) for column in columns]
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    target = dialect.identifier_preparer.format_table(table)
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(f"COPY {target} ({quoted}) FROM STDIN") as sink:
            for row in rows:
                values = []
                for name, process, default in zip(names, processors, defaults, strict=True):
                    value = row[name] if name in row else default()
                    values.append(process(value) if process and value is not None else value)
                sink.write_row(values)
    finally:
        cursor.close()


def _default(column) -> Callable[[], Any]:
    default = column.default
    if default is None or default.is_sequence or default.is_clause_element:
        return lambda: None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg
