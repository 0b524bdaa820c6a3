"""CSV and XLSX downloads, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from babel.numbers import get_decimal_symbol
from flask import Response
from openpyxl import Workbook

from .text import storable

# A cell starting with one of these is read as a formula by spreadsheet software.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_cell(value: Any) -> Any:
    """Neutralise formula injection: text that would start a formula gets a quote; characters
    a spreadsheet cannot hold (control characters, lone surrogates) are dropped."""
    if not isinstance(value, str):
        return value
    value = storable(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The text ``escape_cell`` wrote, so that an exported file imports back as it was."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


def csv_separator(locale: str) -> str:
    """The separator spreadsheet software expects in ``locale``: where the comma is the
    decimal mark (French), Excel splits a CSV into columns on semicolons only."""
    try:
        decimal = get_decimal_symbol(locale or "en")
    except (ValueError, LookupError):
        decimal = "."
    return ";" if decimal == "," else ","


def csv_response(headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str,
                 delimiter: str = ",") -> Response:
    """Stream a UTF-8 CSV (with BOM, so spreadsheet software detects the encoding)."""

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        buffer.write("\ufeff")
        writer.writerow([escape_cell(h) for h in headers])
        for row in rows:
            writer.writerow([escape_cell(_plain(v)) for v in row])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(
        generate(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Export") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([escape_cell(h) for h in headers])
    for row in rows:
        sheet.append([escape_cell(_plain(v)) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str) -> Response:
    return Response(
        xlsx_bytes(headers, rows, filename),
        mimetype=XLSX_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
    )


def table_response(fmt: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str,
                   delimiter: str = ","):
    """The export in the format asked for (``csv`` or ``xlsx``)."""
    if fmt == "xlsx":
        return xlsx_response(headers, rows, filename)
    return csv_response(headers, rows, filename, delimiter)
