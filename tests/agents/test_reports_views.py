"""The reports page, its downloads and the counts overview, through the client."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from icc_network.agents.services import reports

from .. import factories as core
from ..support import login
from . import factories, reports_data


@pytest.fixture(autouse=True)
def no_kept_report():
    """Each test starts without reports kept by an earlier one (row ids restart after a test)."""
    reports._CACHE.clear()


PERSONAL = ("Awa", "Diallo", "Jules", "Bernard", "Nadia", "Haddad", "awa.diallo@example.org",
            "jules.bernard@example.org", "nadia.haddad@example.org", "06 00 00")


def _more_of_everything(record) -> None:
    """More people, sessions and attendance: the pages must not ask more of the database."""
    for n in range(6):
        person = factories.agent(district=record.south, kind="staff" if n % 2 else "volunteer")
        session = factories.session(record.basic, starts_at=datetime(2026, 5 + n % 3, 3, 8),
                                    district=record.north if n % 2 else record.south,
                                    language="ar" if n % 3 else "fr")
        factories.attendance(session, person)
        factories.conversation(person, district=record.north, outcome="hostile")
    factories.programme("Formation approfondie")


def test_partners_read_the_figures_and_never_a_person(client):
    reports_data.build()
    login(client, core.user("partner", locale="en"))
    response = client.get("/agents/reports")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Training reports" in page and "data-chart-for=\"periods-table\"" in page
    assert "<caption>Figures by district</caption>" in page
    assert "January 2026" in page and "17.0" in page
    for text in PERSONAL:
        assert text not in page


def test_figures_are_formatted_in_the_readers_language(client):
    reports_data.build()
    login(client, core.user("staff", locale="fr"))
    page = client.get("/agents/reports?period=quarter").get_data(as_text=True)
    assert "T1 2026" in page and "17,0" in page


def test_the_reports_page_asks_the_same_of_the_database_whatever_the_data(client, query_counter):
    record = reports_data.build()
    login(client, core.user("coordinator", locale="en"))
    client.get("/agents/reports")
    reports._CACHE.clear()
    with query_counter() as few:
        assert client.get("/agents/reports").status_code == 200
    _more_of_everything(record)
    with query_counter() as many:
        assert client.get("/agents/reports").status_code == 200
    assert many.count == few.count
    filtered_page = f"/agents/reports?district={record.north.id}&kind=staff&period=year"
    with query_counter() as filtered:
        client.get(filtered_page)
    assert filtered.count == few.count


def test_a_report_is_kept_until_the_training_record_changes(client, query_counter):
    record = reports_data.build()
    login(client, core.user("partner", locale="en"))
    assert "17.0" in client.get("/agents/reports").get_data(as_text=True)
    with query_counter() as again:
        assert "17.0" in client.get("/agents/reports").get_data(as_text=True)
    session = factories.session(record.basic, starts_at=datetime(2026, 6, 1, 8))
    factories.attendance(session, record.people[3])
    with query_counter() as changed:
        assert "21.0" in client.get("/agents/reports").get_data(as_text=True)
    assert changed.count > again.count


def test_filters_apply_and_bad_ones_are_explained_not_failed(client):
    record = reports_data.build()
    login(client, core.user("trainer", locale="en"))
    page = client.get(f"/agents/reports?district={record.south.id}").get_data(as_text=True)
    assert "6.0" in page and "17.0" not in page
    page = client.get("/agents/reports?start=2026-05-01&end=2026-01-01&district=abc"
                      "&period=decade&kind=robot").get_data(as_text=True)
    assert "The end date must not be before the start date." in page
    assert "Not a valid choice" in page and 'value="2026-05-01"' in page
    page = client.get("/agents/reports?start=31/31/2026").get_data(as_text=True)
    assert "Not a valid date value" in page and "17.0" in page


def test_each_table_downloads_as_csv_and_xlsx(client):
    record = reports_data.build()
    login(client, core.user("partner", locale="en"))
    response = client.get("/agents/reports.csv?table=districts")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["District", "Hours delivered", "Sessions held", "People trained",
                       "People certified"]
    assert ["North", "11.0", "2", "3", "2"] in rows
    periods = list(csv.reader(io.StringIO(
        client.get("/agents/reports.csv?table=periods&period=quarter").get_data(as_text=True)
        .lstrip("\ufeff"))))
    assert periods[1] == ["2026-01-01", "14.0", "2", "2", "1"]
    filtered = client.get(f"/agents/reports.xlsx?table=outcomes&district={record.north.id}")
    sheet = load_workbook(io.BytesIO(filtered.data)).active
    values = list(sheet.values)
    assert values[0][0] == "Period starting" and values[0][-1] == "Total"
    assert [row[-1] for row in values[1:]] == [1, 1]
    assert client.get("/agents/reports.csv?table=people").status_code == 404
    for text in PERSONAL:
        assert text not in response.get_data(as_text=True)


def test_the_overview_shows_counts_only(client, query_counter):
    record = reports_data.build()
    login(client, core.user("staff", locale="en"))
    client.get("/agents/overview")
    reports._CACHE.clear()
    with query_counter() as few:
        response = client.get("/agents/overview")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "People in the register by district and status" in page
    for text in PERSONAL:
        assert text not in page
    _more_of_everything(record)
    with query_counter() as many:
        client.get("/agents/overview")
    assert many.count == few.count


def test_agents_and_the_public_do_not_reach_the_figures(client):
    assert client.get("/agents/reports").status_code in (302, 401, 403)
    login(client, core.user("agent", locale="en"))
    assert client.get("/agents/reports").status_code == 403
    assert client.get("/agents/overview").status_code == 403


def test_table_numbers_are_written_as_babel_writes_them(app):
    from flask_babel import force_locale, format_decimal

    from icc_network.agents.views.reports import Numbers

    for locale in ("fr", "en"):
        with app.test_request_context(), force_locale(locale):
            assert Numbers()(12345.25, 1) == format_decimal(12345.25, format="#,##0.0")
            assert Numbers()(1234567) == format_decimal(1234567, format="#,##0")
