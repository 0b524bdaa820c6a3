"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from . import models  # noqa: F401  (the area's tables belong to the application)

# --- surveys ------------------------------------------------------------------------
# (imports of this section are kept inside it, so that each section merges on its own)
# isort: split
from ..core.nav import DetailPanel, register_detail_panel  # noqa: E402
from ..core.permissions import can  # noqa: E402
from ..core.translatable import RegisteredField, localise, register_field  # noqa: E402
from .models import Survey, SurveyStatement  # noqa: E402
from .services import survey_results as _survey_results  # noqa: E402
from .services import surveys as _surveys  # noqa: E402

# The menu's drop-down every evaluation page is reached from (same label in each section).
_EVALUATION_GROUP = _l("Evaluation")


def _register_surveys() -> None:
    register_nav(NavItem("evaluation.surveys", _l("Perception surveys"), "evaluation.view",
                         order=80, group=_EVALUATION_GROUP,
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
    found = _surveys.surveys_of_campaign(campaign.id)
    return {"surveys": [(survey, _survey_results.statement_results(
                list(survey.statements), list(survey.waves))) for survey in found],
            "may_manage": can(user, "evaluation.manage"), "campaign_id": campaign.id}


_register_surveys()


# --- results, programmes and measures -------------------------------------------------

# --- dashboards ---------------------------------------------------------------------


def _headlines_panel(_user) -> dict:
    """The home page of coordinators and staff: the headline measures and their trend."""
    from flask import current_app, url_for

    from .services.dashboards import headlines
    from .vocab import POLARITIES

    pages = current_app.view_functions
    shown, total = headlines()
    return {"headlines": shown, "total": total, "polarities": POLARITIES, "charts": True,
            "stylesheet": url_for("evaluation.static", filename="css/evaluation.css"),
            # The measures' pages and the overview: linked once the application has them.
            "detail_page": "evaluation.measure_detail" in pages,
            "overview_page": "evaluation.index" in pages}


def _register_dashboards() -> None:
    from ..core.nav import HomePanel, register_home_panel

    register_home_panel(HomePanel("evaluation.headlines", "evaluation/_home_headlines.html",
                                  "evaluation.view", _headlines_panel, order=50))


_register_dashboards()

# --- reports and open data ------------------------------------------------------------


def _register_report_nav() -> None:
    register_nav(NavItem("evaluation.annual_report", _l("Annual report"), "evaluation.view", 85,
                         group=_l("Evaluation"),
                         description=_l("The year of the strategy as a PDF or an editable "
                                        "document, in French or English.")))


_register_report_nav()
