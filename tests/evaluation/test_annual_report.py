"""The annual report's figures against a hand-built year (2025), then the PDF and the
editable document opened again: headings, figures and charts in French and in English."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from docx import Document
from flask_babel import force_locale
from flask_babel import gettext as _
from pypdf import PdfReader

from icc_network.evaluation.services import annual_report, report_docx, report_pdf

from ..agents import factories as agent_factories
from ..campaigns import factories as campaign_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from . import factories

YEAR = 2025


@dataclass
class Year:
    heard: object
    older: object


def build_year() -> Year:
    """Rumours heard in 2025 (and one sighting in 2024), a campaign with two activities,
    training in both years, an organisation joining in 2025, a support group meeting and a
    headline measure with its curve."""
    heard = rumour_factories.rumour("Les nouveaux arrivants prennent les logements",
                                    "Newcomers take the housing", first_detected=date(2025, 2, 1))
    older = rumour_factories.rumour("Ils ne veulent pas apprendre la langue",
                                    "They do not want to learn the language",
                                    first_detected=date(2024, 5, 1))
    for day in (date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 20), date(2025, 4, 2)):
        rumour_factories.sighting(heard, seen_on=day)
    for day in (date(2025, 3, 5), date(2025, 3, 6), date(2024, 11, 5)):
        rumour_factories.sighting(older, seen_on=day)
    _campaigns()
    _training()
    _network()
    _strategy()
    return Year(heard, older)


def _campaigns() -> None:
    spring = campaign_factories.campaign("Campagne du printemps", status="completed",
                                         starts_on=date(2025, 3, 1), ends_on=date(2025, 6, 30))
    campaign_factories.activity(spring, starts_at=datetime(2025, 3, 14, 9), attendees=40)
    campaign_factories.activity(spring, starts_at=datetime(2025, 4, 10, 9), attendees=1250)
    campaign_factories.activity(spring, starts_at=datetime(2025, 5, 10, 9), attendees=500,
                                cancelled_at=datetime(2025, 5, 1))
    campaign_factories.campaign("Brouillon", status="draft", starts_on=date(2025, 3, 1),
                                ends_on=date(2025, 4, 1))
    campaign_factories.campaign("Campagne de 2024", status="completed",
                                starts_on=date(2024, 3, 1), ends_on=date(2024, 4, 1))


def _training() -> None:
    programme = agent_factories.programme()
    this_year = agent_factories.session(programme, starts_at=datetime(2025, 3, 2, 8))
    last_year = agent_factories.session(programme, starts_at=datetime(2024, 3, 2, 8))
    first, second = agent_factories.agent(status="certified"), agent_factories.agent()
    agent_factories.attendance(this_year, first)
    agent_factories.attendance(this_year, second)
    agent_factories.attendance(last_year, first)
    agent_factories.certificate(first, programme, issued_on=date(2025, 3, 9))


def _network() -> None:
    network_factories.organisation("Centre social Nord", member_since=date(2024, 5, 1))
    network_factories.organisation("Bibliothèque des Lilas", sector="library",
                                   member_since=date(2025, 6, 1))
    meeting = network_factories.meeting(held_on=date(2025, 2, 10))
    network_factories.decision(meeting)
    network_factories.decision(meeting)


def _strategy() -> None:
    result = factories.result("Les habitants croient moins aux rumeurs")
    programme = factories.programme("Le réseau anti-rumeurs", result=result)
    headline = factories.measure("Signalements par mois", programme=programme, headline=True,
                                 target_value=5, target_on=date(2026, 12, 1))
    months = [date(y, m, 1) for y in (2024, 2025) for m in range(1, 13)]
    factories.measure_run(
        headline, [[d.isoformat(), 10 + (i % 4)] for i, d in enumerate(months)] +
        [["2026-01-01", 3]], baseline=11.5,
        forecast=[[d.isoformat(), 11.0, 9.0, 13.0] for d in months[12:]])
    factories.measure("Partenaires actifs", programme=programme)


def test_gather_counts_the_years_sightings_campaigns_training_and_network():
    year = build_year()
    report = annual_report.gather(YEAR)

    assert report.rumours.months[2] == (date(2025, 3, 1), 5)
    assert report.rumours.months[3] == (date(2025, 4, 1), 1)
    assert (report.rumours.total, report.rumours.previous_total) == (6, 1)
    assert report.rumours.top == [(year.heard.wording, 4), (year.older.wording, 2)]
    assert report.rumours.new_rumours == 1

    assert report.campaign_count == 1
    [spring] = report.campaigns
    assert (spring.title["fr"], spring.activities, spring.people) == (
        "Campagne du printemps", 2, 1290)

    training = {f.key: (f.value, f.previous) for f in report.training}
    assert training["agents.people_trained"] == (2, 1)
    assert training["agents.sessions_held"] == (1, 1)
    assert training["agents.hours_delivered"] == (8, 4)
    assert training["agents.people_certified"] == (1, 0)

    network = report.network
    assert (network.members_at_start, network.members_at_end) == (1, 2)
    assert [name for name, _s, _d in network.joined] == ["Bibliothèque des Lilas"]
    assert (network.meetings, network.decisions) == (1, 2)


def test_gather_charts_headline_measures_up_to_the_end_of_the_year():
    build_year()
    report = annual_report.gather(YEAR)
    charted = [m for m in report.measures if m.charted]
    assert [m.title["fr"] for m in charted] == ["Signalements par mois"]
    [headline] = charted
    assert headline.points[-1][0] == date(2025, 12, 1)
    assert len(headline.year_points(YEAR)) == 12
    assert headline.forecast_on(date(2025, 6, 1)) == (11.0, 9.0, 13.0)
    assert [m.title["fr"] for m in report.measures if not m.charted] == ["Partenaires actifs"]


def test_at_most_six_measures_are_drawn_the_others_are_listed():
    for n in range(8):
        measure = factories.measure(f"Mesure publique {n}", public=True, position=n)
        factories.measure_run(measure, [["2025-01-01", n], ["2025-02-01", n + 1]])
    report = annual_report.gather(YEAR)
    assert [m.title["fr"] for m in report.measures if m.charted] == [
        f"Mesure publique {n}" for n in range(annual_report.MAX_CHARTS)]
    document = Document(io.BytesIO(report_docx.build_docx(YEAR, "fr")))
    assert len(document.inline_shapes) == annual_report.MAX_CHARTS
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Mesure publique 7" in cells


def test_measures_are_told_under_their_result():
    build_year()
    loose = factories.measure("Mesure sans résultat", headline=True)
    factories.measure_run(loose, [["2025-01-01", 1]])
    text = _pdf_text(report_pdf.build_pdf(YEAR, "fr"))
    assert (text.index("Les habitants croient moins aux rumeurs")
            < text.index("Signalements par mois")
            < text.index("Mesure sans résultat"))
    with force_locale("fr"):
        assert _("Programmes without a result") in text


def test_gather_of_an_empty_year_has_nothing_to_show():
    report = annual_report.gather(2019)
    assert report.rumours.total == 0 and report.campaigns == [] and report.measures == []
    assert report.network.joined == []


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"[\u202f\u00a0]", " ", text)


def _headings(locale: str) -> list[str]:
    with force_locale(locale):
        return [_("Annual report %(year)s", year=YEAR), _("Summary"),
                _("Results and measures of the strategy"), _("Campaigns"), _("Training"),
                _("Network"), _("Rumours")]


@pytest.mark.parametrize(("locale", "figures"), [
    ("fr", ["1 290", "mars 2025", "Campagne du printemps", "Bibliothèque des Lilas",
            "Les nouveaux arrivants prennent les logements", "Signalements par mois"]),
    ("en", ["1,290", "March 2025", "Campaign", "Bibliothèque des Lilas",
            "Newcomers take the housing",
            "The intercultural support group met 1 time during the year. It took 2 decisions."]),
])
def test_pdf_holds_the_headings_and_figures_in_the_chosen_language(locale, figures):
    build_year()
    text = _pdf_text(report_pdf.build_pdf(YEAR, locale))
    for expected in [*_headings(locale), *figures]:
        assert expected in text, expected


def test_pdf_of_an_empty_year_says_so_in_each_section():
    text = _pdf_text(report_pdf.build_pdf(2019, "en"))
    assert "No campaign ran in 2019." in text
    assert "No sighting was recorded in 2019." in text
    assert "No training was held in 2019." in text
    assert "No result and no measure of the strategy has been set up." in text
    assert "The intercultural support group did not meet in 2019." in text


def test_pdf_runs_long_tables_over_pages():
    for n in range(45):
        campaign = campaign_factories.campaign(status="running", starts_on=date(2025, 1, 1),
                                               ends_on=date(2025, 12, 31))
        campaign.title = {"fr": f"Campagne de quartier {n}", "en": f"District campaign {n}"}
    text = _pdf_text(report_pdf.build_pdf(YEAR, "en"))
    assert "District campaign 39" in text and "District campaign 40" not in text
    assert "The table lists the first 40 campaigns." in text
    assert "45 campaigns ran during the year." in text


def test_pdf_embeds_dejavu_sans_so_french_text_never_falls_back_to_a_standard_font():
    build_year()
    reader = PdfReader(io.BytesIO(report_pdf.build_pdf(YEAR, "fr")))
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in name for name in fonts)


@pytest.mark.parametrize(("locale", "figures"), [
    ("fr", ["1 290", "mars 2025", "Bibliothèque des Lilas"]),
    ("en", ["1,290", "March 2025", "Bibliothèque des Lilas"]),
])
def test_docx_holds_headings_figures_and_charts(locale, figures):
    build_year()
    document = Document(io.BytesIO(report_docx.build_docx(YEAR, locale)))
    headings = [p.text for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    for heading in _headings(locale):
        assert heading in headings
    cells = " ".join(cell.text for table in document.tables for row in table.rows
                     for cell in row.cells)
    cells = re.sub(r"[\u202f\u00a0]", " ", cells)
    for expected in figures:
        assert expected in cells, expected
    # The measure's curve, the campaigns, training and the months of sightings.
    assert len(document.inline_shapes) == 4
    assert document.core_properties.language == locale
