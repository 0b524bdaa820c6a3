"""Uploads built to exhaust memory or time are read within limits, or refused with a message."""

from __future__ import annotations

import io
import zipfile

import pytest
from flask_babel import force_locale
from openpyxl import Workbook
from sqlalchemy import select

from bench.hostile_uploads import HEADER_ROW, SHEET, SHEET_END, SHEET_START, xlsx_with_sheet
from icc_network.core import imports, uploads
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import Rumour
from icc_network.rumours.services.feed_import import import_feed, preview_feed, read_feed

from .. import factories
from ..rumours import factories as rumour_factories
from ..support import login


def _xlsx(*chunks: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    return xlsx_with_sheet(chunks, method)


def _numbered_rows(first: int, last: int) -> bytes:
    return b"".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'.encode()
                    for n in range(first, last + 1))


def _refusal(name: str, data: bytes) -> str:
    with force_locale("en"):
        with pytest.raises(RuleViolation) as refused:
            imports.read_table(name, data)
        assert refused.value.field == "file"
        return str(refused.value.message)


def _feed_errors(data: bytes) -> list[str]:
    with force_locale("en"):
        _, claims, preview = read_feed(data)
        return [str(error.message) for error in preview.errors]


def _feed(claim: str) -> bytes:
    return ('[{"@type": "ClaimReview", "url": "https://x.example/1", "inLanguage": "fr", '
            f'"claimReviewed": {claim}, "reviewBody": "Faux."}}]').encode()


# --- XLSX --------------------------------------------------------------------


def test_a_sheet_declaring_a_million_rows_of_16384_columns_reads_its_rows():
    data = _xlsx(SHEET_START, b'<dimension ref="A1:XFD1048576"/><sheetData>', HEADER_ROW,
                 b'<row r="2"><c r="A2" t="inlineStr"><is><t>first</t></is></c></row>',
                 b'<row r="2000"><c r="A2000" t="inlineStr"><is><t>last</t></is></c></row>', SHEET_END)
    assert len(data) < 10_000
    table = imports.read_table("dimension.xlsx", data)
    assert table.headers == ["name"]
    assert table.rows == [(2, {"name": "first"}), (2000, {"name": "last"})]


def test_a_sheet_of_150000_rows_is_refused_at_the_row_limit():
    data = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, _numbered_rows(2, 150_001), SHEET_END)
    assert "more than 100000 rows" in _refusal("rows.xlsx", data)


def test_rows_jumping_to_line_a_billion_stop_at_the_row_limit_as_they_are_read():
    # Three rows in the XML, a billion in the sheet: only reading lazily ever ends.
    data = _xlsx(SHEET_START, b'<dimension ref="A1:A3"/><sheetData>', HEADER_ROW,
                 _numbered_rows(2, 2), _numbered_rows(1_000_000_000, 1_000_000_000), SHEET_END)
    assert "more than 100000 rows" in _refusal("gap.xlsx", data)


def test_a_zip_declaring_a_huge_unpacked_size_is_refused_before_unpacking():
    data = bytearray(_xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, SHEET_END))
    entry = data.find(b"PK\x01\x02")  # the central directory: the size zipfile trusts
    while entry != -1:
        name_length = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + name_length] == SHEET.encode():
            data[entry + 24:entry + 28] = (4_000_000_000).to_bytes(4, "little")
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert "would unpack to more than 50 MB" in _refusal("declared.xlsx", bytes(data))


def test_a_part_packed_like_a_bomb_is_refused():
    data = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, b"<row><c><v>1</v></c></row>" * 100_000, SHEET_END)
    assert "compressed far more than spreadsheets ever are" in _refusal("bomb.xlsx", data)


def test_too_many_parts_or_an_unusual_packing_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(uploads.MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"x/{n}.xml", b"")
    assert "more than 1000 parts" in _refusal("parts.xlsx", out.getvalue())
    packed = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, SHEET_END, method=zipfile.ZIP_BZIP2)
    assert "could not be read" in _refusal("bzip2.xlsx", packed)


def test_a_row_of_too_many_cells_is_refused_before_it_is_parsed():
    cells = b"".join(f"<c><v>{n}</v></c>".encode() for n in range(40_000))
    data = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, b"<row>", cells, b"</row>", SHEET_END)
    assert "row of the spreadsheet is too large" in _refusal("wide.xlsx", data)


def test_cells_beyond_the_column_limit_are_ignored():
    cells = b"".join(f'<c r="{_column(n)}1"><v>{n}</v></c>'.encode() for n in range(1, 301))
    data = _xlsx(SHEET_START, b"<sheetData><row r=\"1\">", cells, b"</row>", _numbered_rows(2, 2), SHEET_END)
    table = imports.read_table("wide.xlsx", data)
    assert len(table.headers) == uploads.MAX_COLUMNS and table.headers[-1] == "200"
    assert table.rows[0][0] == 2 and table.rows[0][1]["1"] == "2"


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def test_a_broken_xml_part_gets_a_message():
    data = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, b"<row><c><v>1</v></row>")
    assert "one of its parts is damaged" in _refusal("broken.xlsx", data)


def test_xml_entity_expansion_is_refused():
    entities = "".join(['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10)])
    data = _xlsx(f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode(),
                 SHEET_START.split(b"\n", 1)[1], b"<sheetData>",
                 b'<row><c t="inlineStr"><is><t>&a9;</t></is></c></row>', SHEET_END)
    assert "declares XML entities" in _refusal("laughs.xlsx", data)


def test_reading_stops_at_the_deadline(app, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_READ_SECONDS", 0)
    data = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, _numbered_rows(2, 5), SHEET_END)
    assert "takes too long to read" in _refusal("slow.xlsx", data)
    assert "takes too long to read" in _refusal("slow.csv", b"name\n" + b"x\n" * 5_000)


def test_a_file_over_the_upload_size_is_refused_by_the_services_too(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    assert "larger than 1 MB" in _refusal("big.csv", b"name\n" + b"x\n" * 600_000)
    assert _feed_errors(b" " * (1024 * 1024 + 1)) == ["The file is larger than 1 MB."]


def test_characters_nobody_types_are_dropped_from_cells():
    workbook = Workbook()
    workbook.active.append(["Name"])
    workbook.active.append(["a\x7fb"])
    out = io.BytesIO()
    workbook.save(out)
    assert imports.read_table("x.xlsx", out.getvalue()).rows == [(2, {"name": "ab"})]
    csv = b"name;note\nA\x07l\x1bi;l1\tl2\n"
    assert imports.read_table("x.csv", csv).rows == [(2, {"name": "Ali", "note": "l1\tl2"})]


# --- CSV ---------------------------------------------------------------------


def test_a_csv_of_150000_rows_is_refused_at_the_row_limit():
    data = b"name\n" + b"".join(b"%d\n" % n for n in range(150_000))
    assert "more than 100000 rows" in _refusal("rows.csv", data)


def test_a_csv_field_of_10_mb_is_refused():
    assert "longer than 1000000 characters" in _refusal("field.csv", b"name\n" + b"x" * 10_000_000)
    # Quoted, over many short lines: the csv module's own limit on one field.
    quoted = b'name\n"' + b"x\n" * 100_000 + b'"\n'
    assert "a cell is too long or a quote is never closed" in _refusal("quoted.csv", quoted)


def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_refused():
    data = b"name\n" + b"x" * (uploads.MAX_CELL_CHARS + 1) + b"\n"
    assert "Line 2 holds a cell longer than 32767 characters" in _refusal("cell.csv", data)


def test_csv_cells_beyond_the_column_limit_are_ignored():
    header = ",".join(f"c{n}" for n in range(300))
    row = ",".join(str(n) for n in range(300))
    table = imports.read_table("wide.csv", f"{header}\n{row}\n".encode())
    assert len(table.headers) == uploads.MAX_COLUMNS and table.rows[0][1]["c199"] == "199"


# --- JSON feeds --------------------------------------------------------------


def test_a_feed_nested_100000_levels_deep_gets_a_message():
    assert _feed_errors(b"[" * 100_000) == ["The file is nested more than 64 levels deep."]
    assert _feed_errors(b"[" * 100 + b"]" * 100) == ["The file is nested more than 64 levels deep."]


def test_a_feed_of_millions_of_empty_lists_is_refused_before_parsing():
    assert _feed_errors(b"[" + b"[]," * 3_000_000 + b"[]]") == [
        "The file holds more than 250000 lists and objects."]


def test_a_feed_with_a_100000_digit_number_gets_a_message():
    assert _feed_errors(_feed("1" * 100_000)) == [
        "The file holds a number longer than 100 characters."]
    assert _feed_errors(_feed("0." + "1" * 100_000)) == [
        "The file holds a number longer than 100 characters."]


def test_a_feed_with_a_lone_surrogate_gets_a_message():
    assert _feed_errors(_feed('"\\ud800 les migrants"')) == [
        "The file holds text that is not valid Unicode (a lone surrogate)."]


def test_control_characters_in_a_feed_are_dropped_and_it_can_be_stored():
    source, claims, preview = preview_feed(_feed('"Ils\\u0000 prennent\\u0007 nos emplois"'))
    assert preview.clean and claims[0].wording == {"fr": "Ils prennent nos emplois"}
    assert import_feed(source, claims, "feed.json", actor=factories.user("coordinator")) == 1
    assert db.session.scalar(select(Rumour.wording)) == {"fr": "Ils prennent nos emplois"}


# --- through the import pages ------------------------------------------------


def _upload(client, path: str, name: str, data: bytes):
    return client.post_form(path, {"file": (io.BytesIO(data), name)},
                            content_type="multipart/form-data")


def test_hostile_uploads_get_a_message_on_the_import_pages(client):
    login(client, factories.user("coordinator", locale="en"))
    rows = _xlsx(SHEET_START, b"<sheetData>", HEADER_ROW, _numbered_rows(2, 150_001), SHEET_END)
    laughs = _xlsx(b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "lol">]>',
                   SHEET_START.split(b"\n", 1)[1], b"<sheetData>", SHEET_END)
    for path, name, data, message in [
        ("/sightings/import", "rows.xlsx", rows, "more than 100000 rows"),
        ("/sightings/import", "field.csv", b"name\n" + b"x" * 10_000_000, "longer than 1000000"),
        ("/network/import", "laughs.xlsx", laughs, "declares XML entities"),
        ("/catalogue/import", "deep.json", b"[" * 100_000, "nested more than 64 levels"),
        ("/catalogue/import", "number.json", _feed("1" * 100_000), "number longer than 100"),
        ("/catalogue/import", "surrogate.json", _feed('"\\udfff"'), "lone surrogate"),
    ]:
        response = _upload(client, path, name, data)
        assert response.status_code == 200, (path, name)
        assert message in response.get_data(as_text=True), (path, name)


def test_a_staged_upload_that_can_no_longer_be_read_is_discarded(client, app, monkeypatch):
    login(client, factories.user("coordinator", locale="en"))
    rumour = rumour_factories.rumour()
    workbook = Workbook()
    workbook.active.append(["rumour", "date"])
    workbook.active.append([rumour.id, "2026-01-02"])
    out = io.BytesIO()
    workbook.save(out)
    page = _upload(client, "/sightings/import", "s.xlsx", out.getvalue()).get_data(as_text=True)
    pending = page.split('name="pending_id" type="hidden" value="')[1].split('"')[0]
    monkeypatch.setitem(app.config, "UPLOAD_READ_SECONDS", 0)
    done = client.post_form("/sightings/import/confirm", {"pending_id": pending},
                            follow_redirects=True)
    assert done.status_code == 200
    assert "no longer passes the checks" in done.get_data(as_text=True)
