"""“My reports”: the sightings a reporter sent, with their reference and what became of them."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ...core.pagination import paginate
from ...core.permissions import require
from ...core.web import page_number, page_size
from .. import bp
from ..services.own_reports import describe, own_reports_query


@bp.get("/sightings/mine")
@require("sightings.report")
def my_reports():
    page = paginate(own_reports_query(current_user.id), page_number(), page_size())
    reports = [describe(sighting, current_user) for sighting in page.items]
    return render_template("rumours/my_reports.html", page=page, reports=reports)
