"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from sqlalchemy import or_

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from ..core.translatable import LOCALES, RegisteredField, is_missing, localise, register_field
from . import models  # noqa: F401  (the area's tables belong to the application)
from .models import Measure, Result, StrategyProgramme

# The menu's drop-down every page of the area is reached from.
EVALUATION_GROUP = _l("Evaluation")

# --- surveys ------------------------------------------------------------------------

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

# --- reports and open data ------------------------------------------------------------


def _register_open_data() -> None:
    register_nav(NavItem("evaluation.open_data", _l("Open data"), "open_data.view", order=91,
                         description=_l("The measures the city publishes, with their "
                                        "definitions, as CSV and JSON.")))


_register_open_data()
