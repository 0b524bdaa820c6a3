"""Training reports and the counts overview: figures only, never a person (partners and
staff read them too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol
from flask import abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from ...core import exports
from ...core.clock import today
from ...core.i18n import localised
from ...core.permissions import require
from ...core.services import district_choices, districts
from ...core.text import to_int
from .. import bp
from ..forms import ReportFilterForm
from ..services import figures, reports, training
from ..services.reports import Breakdown, Figures, Report, ReportFilters, Tally
from ..vocab import LANGUAGES, OUTCOMES, PARTICIPANT_KINDS, RESPONSE_MODES, STATUSES

PERIOD_PATTERNS = {"month": "MMMM y", "quarter": "QQQ y", "year": "y"}


class Numbers:
    """Numbers in the reader's locale for tables of hundreds of cells: Babel's decimal and
    group symbols are read once per page instead of once per cell."""

    def __init__(self) -> None:
        locale = get_locale()
        self.symbols = {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}

    def __call__(self, value: float, digits: int = 0) -> str:
        return f"{value:,.{digits}f}".translate(self.symbols)


@dataclass
class FigureTable:
    """One breakdown as the page shows it: rows of (label, figures)."""

    name: str  # the table's id and its export's name
    title: str
    heading: str  # the first column's header
    rows: list[tuple[str, Any, Figures]]  # (label, export value, figures)
    chart: str | None = None


@dataclass
class TallyTable:
    name: str
    title: str
    codes: dict[str, Any]  # column code -> label
    tally: Tally
    labels: list[str]


def _filters(form: ReportFilterForm) -> ReportFilters:
    """The filters the form holds, each ignored while it is wrong (its message is shown)."""
    def value(field, convert: Callable[[Any], Any] = lambda v: v or None):
        return None if field.errors else convert(field.data)

    return ReportFilters(
        start=value(form.start), end=value(form.end),
        district_id=value(form.district, to_int), language=value(form.language),
        programme_id=value(form.programme, to_int), kind=value(form.kind),
        period=form.period.data if form.period.data in reports.PERIODS and not form.period.errors
        else "month")


def _read_form() -> tuple[ReportFilterForm, ReportFilters, dict[int, str]]:
    form = ReportFilterForm(formdata=request.args)
    programmes = {pid: localised(name).text for pid, name in training.programme_names().items()}
    form.offer(district_choices(), list(programmes.items()))
    if request.args:
        form.validate()
    return form, _filters(form), programmes


def period_label(day: date, period: str) -> str:
    return _period_label(day, period, str(get_locale()))


@lru_cache(maxsize=4096)
def _period_label(day: date, period: str, locale: str) -> str:
    # Babel takes a fraction of a millisecond per date: a page of periods asks for the same
    # few labels again and again.
    return format_date(day, PERIOD_PATTERNS[period], locale=locale)


def _labeller(dimension: str, period: str, programmes: dict[int, str]) -> Callable:
    if dimension == "period":
        return lambda key: period_label(key, period)
    if dimension == "district":
        names = reports_district_names()
        return lambda key: names.get(key) or _("No district")
    if dimension == "programme":
        return lambda key: programmes.get(key) or _("Unknown programme")
    vocab = LANGUAGES if dimension == "language" else PARTICIPANT_KINDS
    return lambda key: str(vocab.get(key, key))


def reports_district_names() -> dict[int, str]:
    """Inactive districts too: figures from before a district was retired keep a name."""
    return {d.id: localised(d.name).text for d in districts(active_only=False)}


DIMENSION_TEXTS = {
    "period": (lambda: _("Figures by period"), lambda: _("Period"), "bar"),
    "district": (lambda: _("Figures by district"), lambda: _("District"), "bar"),
    "language": (lambda: _("Figures by session language"), lambda: _("Language"), None),
    "programme": (lambda: _("Figures by programme"), lambda: _("Programme"), None),
    "kind": (lambda: _("Figures by participants"), lambda: _("Participants"), None),
}
TABLE_NAMES = {"period": "periods", "district": "districts", "language": "languages",
               "programme": "programmes", "kind": "kinds"}


def _figure_table(data: Breakdown, filters: ReportFilters,
                  programmes: dict[int, str]) -> FigureTable:
    dimension = data.dimension
    label = _labeller(dimension, filters.period, programmes)
    title, heading, chart = DIMENSION_TEXTS[dimension]
    ordered = data.rows if dimension == "period" else sorted(
        data.rows, key=lambda row: (row[0] is None, label(row[0]).casefold()))
    rows = [(label(key), key if dimension == "period" else label(key), figures)
            for key, figures in ordered]
    return FigureTable(TABLE_NAMES[dimension], title(), heading(), rows, chart)


def _tally_tables(data: Report, filters: ReportFilters) -> list[TallyTable]:
    tables = []
    for name, by, title, codes in (
            ("response_modes", "response_mode", _("Conversations by response mode"),
             RESPONSE_MODES),
            ("outcomes", "outcome", _("Conversations by outcome"), OUTCOMES)):
        tally = data.tallies[by]
        tables.append(TallyTable(name, title, codes, tally,
                                 [period_label(day, filters.period) for day, _c in tally.rows]))
    return tables


@bp.get("/reports", endpoint="reports")
@require("agents.reports")
def reports_page():
    form, filters, programmes = _read_form()
    data = reports.cached("report", filters, lambda: reports.report(filters))
    tables = [_figure_table(data.breakdowns[d], filters, programmes) for d in reports.DIMENSIONS]
    tallies = _tally_tables(data, filters)
    return render_template("agents/reports.html", form=form, filters=filters,
                           totals=data.totals, tables=tables, tallies=tallies,
                           conversations=tallies[0].tally.total, num=Numbers(),
                           export_args={k: v for k, v in request.args.items() if k != "table"})


def _figure_export(table: FigureTable) -> tuple[list[str], list[list[Any]]]:
    first = _("Period starting") if table.name == "periods" else table.heading
    headers = [first, _("Hours delivered"), _("Sessions held"), _("People trained"),
               _("People certified")]
    return headers, [[value, round(f.hours, 2), f.sessions, f.trained, f.certified]
                     for _label, value, f in table.rows]


def _tally_export(table: TallyTable) -> tuple[list[str], list[list[Any]]]:
    headers = [_("Period starting"), *[str(label) for label in table.codes.values()], _("Total")]
    return headers, [[day, *[counts.get(code, 0) for code in table.codes], sum(counts.values())]
                     for day, counts in table.tally.rows]


@bp.get("/reports.<any(csv, xlsx):fmt>")
@require("agents.reports")
def reports_export(fmt: str):
    name = request.args.get("table", "periods")
    dimension = next((d for d, n in TABLE_NAMES.items() if n == name), None)
    if dimension is None and name not in ("response_modes", "outcomes"):
        abort(404)
    _form, filters, programmes = _read_form()
    data = reports.cached("report", filters, lambda: reports.report(filters))
    if dimension is not None:
        headers, rows = _figure_export(_figure_table(data.breakdowns[dimension], filters,
                                                     programmes))
    else:
        tally = next(t for t in _tally_tables(data, filters) if t.name == name)
        headers, rows = _tally_export(tally)
    return exports.table_response(fmt, headers, rows, f"training-{name}")


@bp.get("/overview")
@require("agents.overview")
def overview():
    counts = reports.cached("overview", today(), figures.overview)
    names = reports_district_names()
    districts = sorted(((names.get(did) or _("No district"), did) for did in counts.by_district),
                       key=lambda item: (item[1] is None, item[0]))
    return render_template("agents/overview.html", counts=counts, districts=districts,
                           statuses=STATUSES, num=Numbers())
