"""The coordinators' dashboard: read from the aggregates the job keeps."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _

from ...core.maps import district_map
from ...core.models import JobStatus
from ...core.permissions import require
from ...core.text import to_int
from ...extensions import db
from .. import bp
from ..services.stats import PERIODS
from ..services.stats import dashboard as dashboard_figures


@bp.get("/rumours/dashboard")
@require("rumours.dashboard")
def dashboard():
    period = to_int(request.args.get("weeks"))
    period = period if period in PERIODS else PERIODS[1]
    status = db.session.get(JobStatus, "rumours.aggregate_sightings")
    figures = dashboard_figures(period)
    sightings_map = district_map(figures.district_totals,
                                 _("Map of the sightings per district, last %(n)s weeks", n=period))
    return render_template("rumours/dashboard.html", figures=figures, sightings_map=sightings_map,
                           period=period, periods=PERIODS,
                           computed_at=status.last_success_at if status else None,
                           default_locale=current_app.config["BABEL_DEFAULT_LOCALE"])
