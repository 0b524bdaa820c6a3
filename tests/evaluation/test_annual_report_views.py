"""The annual report's page and downloads through the client: the form's defaults, the
files and their names, bad values answered on the form, a constant number of queries."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from docx import Document
from pypdf import PdfReader

from icc_network.core.calendar import city_today

from .. import factories as core_factories
from ..campaigns import factories as campaign_factories
from ..support import login
from . import factories
from .test_annual_report import build_year


def _coordinator(client, locale: str = "fr"):
    user = core_factories.user("coordinator", locale=locale)
    login(client, user)
    return user


def test_page_offers_the_last_complete_year_and_the_readers_language(client):
    build_year()
    _coordinator(client, locale="en")
    page = client.get("/evaluation/annual-report").get_data(as_text=True)
    last = city_today().year - 1
    assert f'<option selected value="{last}">' in page
    assert '<option selected value="en">' in page
    assert 'value="2024"' in page and f'value="{city_today().year}"' in page
    assert 'value="2023"' not in page  # nothing is recorded before 2024


def test_pdf_download_is_an_attachment_named_after_the_year_and_language(client):
    build_year()
    _coordinator(client)
    response = client.get("/evaluation/annual-report.pdf?year=2025&lang=fr")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="rapport-annuel-2025.pdf"')
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Campagne du printemps" in text


def test_document_download_is_a_docx_with_its_charts(client):
    build_year()
    _coordinator(client)
    response = client.get("/evaluation/annual-report.docx?year=2025&lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="annual-report-2025.docx"')
    assert len(Document(io.BytesIO(response.data)).inline_shapes) == 4


@pytest.mark.parametrize(("query", "message"), [
    ("year=1800&lang=fr", "Choose a year between"),
    ("year=abc&lang=fr", "Choose a year between"),
    ("year=&lang=en", "Choose a year between"),
    ("year=2025&lang=de", "Choose French or English."),
    ("year=99999999999999999999&lang=xx", "Choose French or English."),
])
@pytest.mark.parametrize("path", ["/evaluation/annual-report.pdf",
                                  "/evaluation/annual-report.docx"])
def test_bad_values_give_the_form_back_with_a_message(client, path, query, message):
    build_year()
    _coordinator(client, locale="en")
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert message in response.get_data(as_text=True)


def test_missing_values_take_the_forms_defaults(client):
    build_year()
    _coordinator(client, locale="en")
    response = client.get("/evaluation/annual-report.pdf")
    assert response.status_code == 200
    assert f"annual-report-{city_today().year - 1}.pdf" in response.headers["Content-Disposition"]


def test_report_queries_do_not_grow_with_campaigns_and_measures(client, query_counter):
    build_year()
    _coordinator(client)
    with query_counter() as log:
        client.get("/evaluation/annual-report.docx?year=2025&lang=fr")
    before = len(log.statements)
    for n in range(5):
        campaign = campaign_factories.campaign(f"Campagne {n}", status="running",
                                               starts_on=date(2025, 5, 1),
                                               ends_on=date(2025, 9, 1))
        campaign_factories.activity(campaign, starts_at=datetime(2025, 5, 2 + n, 9), attendees=n)
        measure = factories.measure(f"Mesure {n}", public=True)
        factories.measure_run(measure, [["2025-01-01", n], ["2025-02-01", n + 1]])
    with query_counter() as log:
        client.get("/evaluation/annual-report.docx?year=2025&lang=fr")
    assert len(log.statements) == before
