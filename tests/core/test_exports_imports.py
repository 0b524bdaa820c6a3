"""Spreadsheet exports are safe to open; uploads are read whatever their dialect."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from icc_network.core import imports
from icc_network.core.exports import escape_cell, xlsx_bytes
from icc_network.core.rules import RuleViolation

from .. import factories


@pytest.mark.parametrize("value", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx"])
def test_cells_that_would_start_a_formula_are_escaped(value):
    assert escape_cell(value) == "'" + value


def test_ordinary_cells_are_unchanged():
    assert escape_cell("Jobs") == "Jobs" and escape_cell(3) == 3 and escape_cell(None) is None


def test_csv_export_streams_escaped_rows(app):
    from icc_network.core.exports import csv_response

    with app.test_request_context():
        response = csv_response(["name", "note"], [["=cmd()", "ok"], ["Café", None]], "test")
        body = response.get_data(as_text=True)
    assert body.startswith("\ufeffname,note")
    assert "'=cmd()" in body and "Café," in body
    assert response.headers["Content-Disposition"] == 'attachment; filename="test.csv"'


def test_xlsx_export_reads_back_with_escaping():
    data = xlsx_bytes(["a", "b"], [["@x", 2]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]] == ["'@x", 2]


def test_read_csv_with_semicolons_bom_and_accented_headers():
    data = "\ufeffDate;Quartier;Nombre\n2026-01-02;Centre;3\n\n".encode("utf-8")
    table = imports.read_table("survey.csv", data)
    assert table.headers == ["date", "quartier", "nombre"]
    assert table.rows == [(2, {"date": "2026-01-02", "quartier": "Centre", "nombre": "3"})]


def test_read_csv_in_windows_encoding():
    data = "nom,ville\nHélène,Liège\n".encode("cp1252")
    assert imports.read_table("x.csv", data).rows[0][1]["nom"] == "Hélène"


def test_read_xlsx_converts_dates_and_whole_numbers():
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["When", "Count"])
    sheet.append([datetime(2026, 2, 1), 4.0])
    out = io.BytesIO()
    workbook.save(out)
    table = imports.read_table("kobo.xlsx", out.getvalue())
    assert table.rows == [(2, {"when": "2026-02-01", "count": "4"})]


@pytest.mark.parametrize("data, name", [(b"", "x.csv"), (b"PK\x03\x04garbage", "x.xlsx"), (b"a\x00b", "x.csv")])
def test_unreadable_files_are_refused_with_a_message(data, name):
    with pytest.raises(RuleViolation) as error:
        imports.read_table(name, data)
    assert error.value.field == "file"


def test_staged_upload_belongs_to_its_user_and_kind():
    owner, other = factories.user("coordinator"), factories.user("coordinator")
    pending = imports.stage("sightings", owner.id, "a.csv", b"x,y\n1,2\n")
    assert imports.staged(pending.id, ("sightings",), owner.id) is pending
    assert imports.staged(pending.id, ("sightings",), other.id) is None
    assert imports.staged(pending.id, ("organisations",), owner.id) is None
