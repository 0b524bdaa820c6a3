"""Uploads built to exhaust the reader of imports (``icc_network.core.uploads``).

Each must be read or refused quickly and with little memory; the core area's
benchmark reports how long each takes and how much it allocates at its peak.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
SHEET_END = b"</sheetData></worksheet>"


@dataclass
class Hostile:
    name: str
    filename: str
    build: Callable[[], bytes]
    kind: str = "table"  # "table": read as CSV or XLSX; "json": read as a feed


def xlsx_with_sheet(chunks: Iterable[bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A workbook saved by openpyxl whose first sheet's XML is replaced by ``chunks``, packed
    with ``method``."""
    base = io.BytesIO()
    Workbook().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        with _opened(target, method) as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return out.getvalue()


def _opened(target: zipfile.ZipFile, method: int):
    info = zipfile.ZipInfo(SHEET)
    info.compress_type = method
    return target.open(info, "w")


def dimension_bomb() -> bytes:
    """Two rows, the second on line 2000, in a sheet declaring 16,384 columns."""
    return xlsx_with_sheet([SHEET_START, b'<dimension ref="A1:XFD1048576"/><sheetData>', HEADER_ROW,
                            b'<row r="2000"><c r="A2000" t="inlineStr"><is><t>x</t></is></c></row>',
                            SHEET_END])


def row_bomb(rows: int, numbered: bool = True) -> bytes:
    """``rows`` rows of one cell and no declared size; numbered rows pack like real data."""
    def chunks():
        yield SHEET_START + b"<sheetData>" + HEADER_ROW
        for start in range(2, rows + 2, 10_000):
            yield b"".join(
                f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'.encode() if numbered
                else b"<row><c><v>1</v></c></row>" for n in range(start, min(start + 10_000, rows + 2)))
        yield SHEET_END
    return xlsx_with_sheet(chunks())


def gap_bomb() -> bytes:
    """Three rows in the XML, the last on line 1,000,000,000."""
    return xlsx_with_sheet([SHEET_START, b'<dimension ref="A1:A3"/><sheetData>', HEADER_ROW,
                            b'<row r="2"><c r="A2"><v>2</v></c></row>',
                            b'<row r="1000000000"><c r="A1000000000"><v>3</v></c></row>', SHEET_END])


def wide_row(cells: int = 2_000_000) -> bytes:
    def chunks():
        yield SHEET_START + b'<dimension ref="A1"/><sheetData>' + HEADER_ROW + b"<row>"
        for start in range(0, cells, 10_000):
            yield b"".join(f"<c><v>{n}</v></c>".encode() for n in range(start, start + 10_000))
        yield b"</row>" + SHEET_END
    return xlsx_with_sheet(chunks())


def declared_size_bomb(size: int = 0xFFFF_FFF0) -> bytes:
    """A small zip whose directory says its sheet unpacks to ``size`` bytes (4 GB)."""
    data = bytearray(xlsx_with_sheet([SHEET_START, b"<sheetData>", HEADER_ROW, SHEET_END]))
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + name_length] == SHEET.encode():
            data[entry + 24:entry + 28] = size.to_bytes(4, "little")
        entry = data.find(b"PK\x01\x02", entry + 4)
    return bytes(data)


def many_members(count: int = 20_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(count):
            archive.writestr(f"x/{n}.xml", b"")
    return out.getvalue()


def broken_xml() -> bytes:
    return xlsx_with_sheet([SHEET_START, b"<sheetData><row><c><v>1</v></row>"])


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)]
    return xlsx_with_sheet([b'<?xml version="1.0"?>',
                            f"<!DOCTYPE worksheet [{''.join(entities)}]>".encode(),
                            SHEET_START.split(b"\n", 1)[1],
                            b'<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                            SHEET_END])


def feed(claim: str) -> bytes:
    return ('[{"@type": "ClaimReview", "url": "https://x.example/1", "inLanguage": "fr", '
            f'"claimReviewed": {claim}}}]').encode()


HOSTILE = [
    Hostile("XLSX of 5 KB declaring A1:XFD1048576, rows 1 and 2000", "dimension.xlsx",
            dimension_bomb),
    Hostile("XLSX of 3,000,000 rows in 194 KB (80 MB unpacked)", "rows.xlsx",
            lambda: row_bomb(3_000_000, numbered=False)),
    Hostile("XLSX of 1,500,000 rows packed 400 to 1", "rows.xlsx",
            lambda: row_bomb(1_500_000, numbered=False)),
    Hostile("XLSX of 900,000 numbered rows, no declared size (48 MB unpacked)", "rows.xlsx",
            lambda: row_bomb(900_000)),
    Hostile("XLSX whose rows jump to line 1,000,000,000", "gap.xlsx", gap_bomb),
    Hostile("XLSX with a row of 2,000,000 cells", "wide.xlsx", wide_row),
    Hostile("XLSX whose sheet declares 4 GB unpacked", "declared.xlsx", declared_size_bomb),
    Hostile("zip of 20,000 members", "members.xlsx", many_members),
    Hostile("XLSX with a broken XML part", "broken.xlsx", broken_xml),
    Hostile("XLSX with an entity expansion (billion laughs)", "laughs.xlsx", billion_laughs),
    Hostile("CSV with a 10 MB field", "field.csv", lambda: b"name\n" + b"x" * 10_000_000 + b"\n"),
    Hostile("CSV of 5,000,000 empty lines", "lines.csv", lambda: b"name\n" + b"\n" * 5_000_000),
    Hostile("CSV with a line of 3,000,000 cells", "cells.csv",
            lambda: b"name\n" + b"ab," * 3_000_000 + b"\n"),
    Hostile("feed nested 100,000 levels deep", "deep.json", lambda: b"[" * 100_000, "json"),
    Hostile("feed of 3,000,000 empty lists", "lists.json",
            lambda: b"[" + b"[]," * 3_000_000 + b"[]]", "json"),
    Hostile("feed with a 100,000-digit number", "number.json", lambda: feed("1" * 100_000),
            "json"),
    Hostile("feed with a lone surrogate", "surrogate.json", lambda: feed('"\\ud800"'), "json"),
]
