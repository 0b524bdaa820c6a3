"""Reading CSV/XLSX uploads and keeping them between preview and confirmation.

Areas validate every row into a preview; nothing is written until the file
is clean and the user confirms. The staged file lives in the database so that
any app server can confirm it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from sqlalchemy import delete, select

from ..extensions import db
from .clock import utcnow
from .models import PendingImport
from .rules import RuleViolation

MAX_ROWS = 100_000
T = TypeVar("T")


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, values by header)


@dataclass
class RowError:
    line: int
    column: str | None
    message: Any


@dataclass
class Preview(Generic[T]):
    """The validated rows of an upload and every error found."""

    rows: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    already_present: int = 0

    @property
    def clean(self) -> bool:
        return not self.errors

    def error(self, line: int, column: str | None, message: Any) -> None:
        self.errors.append(RowError(line, column, message))


def normalise_header(header: Any) -> str:
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def read_table(filename: str, data: bytes) -> Table:
    """Rows of a CSV or XLSX file, keyed by normalised header."""
    if not data:
        raise RuleViolation(_l("The file is empty."), "file")
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        raw_rows = _xlsx_rows(data)
    else:
        raw_rows = _csv_rows(data)
    if not raw_rows:
        raise RuleViolation(_l("The file has no header row."), "file")
    headers = [normalise_header(h) for h in raw_rows[0]]
    if len(raw_rows) - 1 > MAX_ROWS:
        raise RuleViolation(_l("The file has more than %(n)d rows.", n=MAX_ROWS), "file")
    rows = []
    for offset, values in enumerate(raw_rows[1:], start=2):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        rows.append((offset, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}))
    return Table(headers=[h for h in headers if h], rows=rows)


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise RuleViolation(_l("The file could not be read as CSV or XLSX."), "file")
    if "\x00" in text:
        raise RuleViolation(_l("The file could not be read as CSV or XLSX."), "file")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise RuleViolation(_l("The file could not be read as CSV or XLSX."), "file") from exc


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RuleViolation(_l("The file could not be read as CSV or XLSX."), "file") from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def stage(kind: str, user_id: int, filename: str, data: bytes) -> PendingImport:
    pending = PendingImport(
        kind=kind,
        user_id=user_id,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def staged(pending_id: int, kind: str, user_id: int) -> PendingImport | None:
    """The user's own staged upload of this kind, or None."""
    return db.session.scalar(
        select(PendingImport).where(
            PendingImport.id == pending_id,
            PendingImport.kind == kind,
            PendingImport.user_id == user_id,
        )
    )


def discard(pending: PendingImport) -> None:
    db.session.delete(pending)


def purge_stale(max_age: timedelta = timedelta(days=1)) -> int:
    result = db.session.execute(
        delete(PendingImport).where(PendingImport.created_at < utcnow() - max_age)
    )
    return result.rowcount or 0
