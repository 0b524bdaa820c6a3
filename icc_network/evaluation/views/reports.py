"""The annual report: a page to choose the year and the language, and the report as a PDF
or an editable document (DOCX)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, render_template, request

from ...core.calendar import city_today
from ...core.i18n import current_language
from ...core.permissions import require
from .. import bp
from ..forms import AnnualReportForm
from ..services import annual_report, report_docx, report_pdf

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_NAMES = {"fr": "rapport-annuel", "en": "annual-report"}


def _read_form() -> AnnualReportForm:
    form = AnnualReportForm(formdata=request.args)
    first = annual_report.first_year()
    form.offer(range(first, city_today().year + 1), annual_report.default_year(first),
               current_language())
    return form


def _page(form: AnnualReportForm, status: int = 200):
    return render_template("evaluation/annual_report.html", form=form), status


@bp.get("/annual-report", endpoint="annual_report")
@require("evaluation.view")
def annual_report_page():
    form = _read_form()
    if request.args:
        form.validate()
    return _page(form)


def _download(build: Callable[[int, str], bytes], mimetype: str, extension: str):
    form = _read_form()
    if not form.validate():
        return _page(form, 400)
    year, lang = form.year.data, form.lang.data
    return Response(build(year, lang), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{FILE_NAMES[lang]}-{year}.{extension}"'})


@bp.get("/annual-report.pdf", endpoint="annual_report_pdf")
@require("evaluation.view")
def annual_report_pdf():
    return _download(report_pdf.build_pdf, "application/pdf", "pdf")


@bp.get("/annual-report.docx", endpoint="annual_report_document")
@require("evaluation.view")
def annual_report_document():
    return _download(report_docx.build_docx, DOCX_MIMETYPE, "docx")
