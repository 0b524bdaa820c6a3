"""The campaign's summary: a page in figures that a coordinator prints for the support group."""

from __future__ import annotations

from flask import abort, render_template, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from ...agents.vocab import OUTCOMES, RESPONSE_MODES
from ...core.i18n import lazy_gettext as _l
from ...core.nav import detail_panels_for
from ...core.permissions import require
from ...extensions import db
from .. import bp
from ..models import Campaign
from ..services import summary as summaries
from ..vocab import PARTICIPATION_STATES, STATUSES

PHASE_LABELS = {
    "before": _l("Before"),
    "during": _l("During"),
    "after": _l("After"),
}
# Endpoints of pages this one links back to, when the application has them.
CAMPAIGN_PAGE = "campaigns.detail"


def _url_if_any(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


@bp.get("/<int:campaign_id>/summary")
@require("campaigns.view")
def summary(campaign_id: int):
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    data = summaries.summary(campaign)
    return render_template(
        "campaigns/summary.html", campaign=campaign, data=data, trend=data.trend,
        phase_labels=PHASE_LABELS, statuses=STATUSES, states=PARTICIPATION_STATES,
        outcomes=OUTCOMES, modes=RESPONSE_MODES,
        campaign_url=_url_if_any(CAMPAIGN_PAGE, campaign_id=campaign.id),
        panels=detail_panels_for("campaigns.summary", current_user, campaign))
