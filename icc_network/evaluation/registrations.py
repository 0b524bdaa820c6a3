"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import or_

from ..core.audit import register_labels
from ..core.i18n import lazy_gettext as _l
from ..core.nav import (
    DetailPanel,
    HomePanel,
    NavItem,
    register_detail_panel,
    register_home_panel,
    register_nav,
)
from ..core.permissions import can
from ..core.templating import shared_fragment
from ..core.translatable import LOCALES, RegisteredField, is_missing, localise, register_field
from .models import Measure, Result, StrategyProgramme, Survey, SurveyStatement
from .services import dashboards, survey_results, surveys
from .vocab import POLARITIES

# The menu's drop-down every page of the area is reached from.
EVALUATION_GROUP = _l("Evaluation")

# --- surveys ------------------------------------------------------------------------


def _register_surveys() -> None:
    register_nav(NavItem("evaluation.surveys", _l("Perception surveys"), "evaluation.view",
                         order=82, group=EVALUATION_GROUP,
                         description=_l("How many residents agree with the rumours, before "
                                        "and after the campaigns.")))
    register_field(RegisteredField(
        key="evaluation.survey.title", model=Survey, attribute="title", label=_l("Title"),
        kind_label=_l("Perception survey"),
        title=lambda row, loc: localise(row.title, loc).text[:80],
        edit_endpoint="evaluation.survey_edit", edit_args=lambda s: {"survey_id": s.id},
        edit_action="evaluation.manage"))
    register_field(RegisteredField(
        key="evaluation.survey_statement.text", model=SurveyStatement, attribute="text",
        label=_l("Statement"), kind_label=_l("Survey statement"),
        title=lambda row, loc: localise(row.text, loc).text[:80],
        edit_endpoint="evaluation.survey_edit",
        edit_args=lambda s: {"survey_id": s.survey_id}, edit_action="evaluation.manage"))
    register_detail_panel(DetailPanel("evaluation.campaign_surveys", "campaigns.summary",
                                      "evaluation/_campaign_survey_panel.html",
                                      "evaluation.view", _campaign_survey_panel, order=50))


def _campaign_survey_panel(campaign, user) -> dict:
    """The before/after of the surveys measuring a campaign: each statement's first and
    last wave with answers (a few queries per survey; a campaign has one or two)."""
    found = surveys.surveys_of_campaign(campaign.id)
    return {"surveys": [(survey, survey_results.statement_results(
                list(survey.statements), list(survey.waves))) for survey in found],
            "may_manage": can(user, "evaluation.manage"), "campaign_id": campaign.id}


_register_surveys()


# --- results, programmes and measures -------------------------------------------------


def _title(row, locale) -> str:
    return localise(row.title, locale).text[:80]


def _written(model, attribute):
    # An optional text: only one written in some language waits for the other.
    column = getattr(model, attribute)
    return lambda query: query.where(or_(*(~is_missing(column, loc) for loc in LOCALES)))


def _register_accountability() -> None:
    register_nav(NavItem("evaluation.index", _l("Results and measures"), "evaluation.view",
                         order=80, group=EVALUATION_GROUP,
                         description=_l("The results the city wants, its programmes and how "
                                        "their measures move.")))
    register_nav(NavItem("evaluation.catalogue", _l("Catalogue of measures"),
                         "evaluation.view", order=81, group=EVALUATION_GROUP,
                         description=_l("What each measure computed from the records counts.")))
    fields = (
        (Result, "result", _l("Result"), "evaluation.result_edit", "result_id",
         (("title", _l("Title")), ("description", _l("Description")))),
        (StrategyProgramme, "programme", _l("Programme"), "evaluation.programme_edit",
         "programme_id", (("title", _l("Title")), ("description", _l("Description")))),
        (Measure, "measure", _l("Measure"), "evaluation.measure_edit", "measure_id",
         (("title", _l("Title")), ("definition", _l("Definition")))),
    )
    for model, name, kind_label, endpoint, arg, attributes in fields:
        for attribute, label in attributes:
            register_field(RegisteredField(
                key=f"evaluation.{name}.{attribute}", model=model, attribute=attribute,
                label=label, kind_label=kind_label, title=_title, edit_endpoint=endpoint,
                edit_args=lambda row, arg=arg: {arg: row.id}, edit_action="evaluation.manage",
                scope=None if attribute == "title" else _written(model, attribute)))
    register_field(RegisteredField(
        key="evaluation.measure.story", model=Measure, attribute="story",
        label=_l("Story behind the curve"), kind_label=_l("Turn-the-curve worksheet"),
        title=_title, edit_endpoint="evaluation.worksheet_edit",
        edit_args=lambda row: {"measure_id": row.id}, edit_action="evaluation.manage",
        scope=_written(Measure, "story")))


_register_accountability()

# --- dashboards ---------------------------------------------------------------------


def _headlines(_user) -> dict:
    shown, total = dashboards.headlines()
    return {"context": {"headlines": shown, "total": total, "polarities": POLARITIES}}


def _headlines_panel(user) -> dict:
    """The home page of coordinators and staff: the headline measures and their trend,
    rendered once for each state of the measures."""
    html = shared_fragment("evaluation/_headlines_panel.html", dashboards.headlines_version(),
                           lambda: _headlines(user))
    return {"html": html, "charts": True,
            "stylesheet": url_for("evaluation.static", filename="css/evaluation.css")}


def _register_dashboards() -> None:
    register_home_panel(HomePanel("evaluation.headlines", "evaluation/_home_headlines.html",
                                  "evaluation.view", _headlines_panel, order=50))


_register_dashboards()

# --- reports and open data ------------------------------------------------------------


def _register_report_nav() -> None:
    register_nav(NavItem("evaluation.annual_report", _l("Annual report"), "evaluation.view", 85,
                         group=EVALUATION_GROUP,
                         description=_l("The year of the strategy as a PDF or an editable "
                                        "document, in French or English.")))


_register_report_nav()


def _register_open_data() -> None:
    register_nav(NavItem("evaluation.open_data", _l("Open data"), "open_data.view", order=91,
                         description=_l("The measures the city publishes, with their "
                                        "definitions, as CSV and JSON.")))


_register_open_data()


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "survey.create": _l("Survey created"),
            "survey.update": _l("Survey changed"),
            "survey.wave": _l("Survey wave saved"),
            "survey.wave_cleared": _l("Survey wave's responses removed"),
            "survey.wave_totals": _l("Survey wave totals saved"),
            "rba_result.create": _l("Result created"),
            "rba_result.update": _l("Result changed"),
            "rba_programme.create": _l("Accountability programme created"),
            "rba_programme.update": _l("Accountability programme changed"),
            "rba_measure.create": _l("Measure created"),
            "rba_measure.update": _l("Measure changed"),
            "rba_measure.story": _l("Measure's story changed"),
            "rba_measure.value": _l("Measure value recorded"),
            "rba_measure.value_delete": _l("Measure value removed"),
            "rba_worksheet.link_add": _l("Worksheet link added"),
            "rba_worksheet.link_remove": _l("Worksheet link removed"),
        },
        kinds={
            "survey": _l("Survey"), "survey_wave": _l("Survey wave"),
            "rba_result": _l("Result"), "rba_programme": _l("Accountability programme"),
            "rba_measure": _l("Measure"), "rba_worksheet_link": _l("Worksheet link"),
        },
        fields={
            "respondents": _l("Respondents"), "definition_key": _l("Computed from"),
            "period": _l("Period"), "value": _l("Value"), "section": _l("Section"),
            "target_id": _l("Linked record"),
        },
    )


_register_audit_labels()
