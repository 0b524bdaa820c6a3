"""Partners joining campaigns for their organisation, and the coordinators' answers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.calendar import city_today
from ...core.forms import ConfirmForm
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import authorize, require
from ...core.services import districts
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size
from ...extensions import db
from ...network.models import Organisation
from .. import bp
from ..forms import DecisionForm, JoinForm
from ..models import Campaign, CampaignPartner
from ..services import campaigns, participation
from ..services.participation import JoinData
from ..vocab import AUDIENCES, CHANNELS, CONTRIBUTIONS, PARTICIPATION_STATES, STATUSES, TAKING_PART
from .campaigns import labels

JOIN = "campaigns.join"


def _acting_for() -> Organisation | None:
    """The organisation the signed-in person acts for here: their own, or one named in the
    address by someone who may act for any (refused to anyone else)."""
    wanted = to_int(request.args.get("organisation"))
    organisation_id = wanted if wanted is not None else current_user.organisation_id
    if organisation_id is None:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    authorize(JOIN, organisation)
    return organisation


def _back(organisation: Organisation):
    """To the open campaigns, as seen for the organisation one acted for."""
    own = organisation.id == current_user.organisation_id
    return redirect(url_for("campaigns.open_campaigns",
                            **({} if own else {"organisation": organisation.id})))


def _common_labels() -> dict:
    return {"statuses": labels(STATUSES), "audiences": labels(AUDIENCES),
            "channels": labels(CHANNELS), "contributions": labels(CONTRIBUTIONS),
            "states": labels(PARTICIPATION_STATES),
            "district_names": {d.id: localised(d.name).text or d.code
                               for d in districts(active_only=False)}}


@bp.get("/open", endpoint="open_campaigns")
@require(JOIN)
def open_campaigns():
    organisation = _acting_for()
    page = paginate(participation.open_campaigns_query(city_today()), page_number(),
                    page_size())
    taken = participation.participations_of(organisation.id if organisation else None,
                                            [c.id for c in page.items])
    return render_template(
        "campaigns/open_campaigns.html", page=page, organisation=organisation, taken=taken,
        taking_part=TAKING_PART, confirm=ConfirmForm(), pager_args=args_without("page"),
        **_common_labels())


def _load_pair(campaign_id: int, organisation_id: int) -> tuple[Campaign, Organisation]:
    campaign = campaigns.load_campaign(campaign_id) or abort(404)
    organisation = db.get_or_404(Organisation, organisation_id)
    authorize(JOIN, organisation)
    return campaign, organisation


@bp.route("/<int:campaign_id>/join/<int:organisation_id>", methods=["GET", "POST"],
          endpoint="join")
@require(JOIN)
def join(campaign_id: int, organisation_id: int):
    campaign, organisation = _load_pair(campaign_id, organisation_id)
    current = participation.participation_of(campaign.id, organisation.id)
    standing = current is not None and current.state in TAKING_PART
    form = JoinForm(obj=current if standing else None)
    if form.validate_on_submit():
        data = JoinData(commitment=form.commitment.data or "",
                        contributions=list(form.contributions.data or []))
        saved = commit_or_refuse(lambda: participation.join(
            campaign, organisation, data, actor=current_user, on=city_today()),
            form=form, success=_("Your organisation's participation has been recorded; the "
                                 "coordinators will answer."))
        if saved:
            return _back(organisation)
    return render_template(
        "campaigns/join.html", campaign=campaign, organisation=organisation, form=form,
        current=current, standing=standing, confirm=ConfirmForm(),
        is_open=participation.is_open(campaign, city_today()),
        districts=campaigns.districts_of(campaign), **_common_labels())


@bp.post("/<int:campaign_id>/withdraw/<int:organisation_id>", endpoint="withdraw")
@require(JOIN)
def withdraw(campaign_id: int, organisation_id: int):
    campaign, organisation = _load_pair(campaign_id, organisation_id)
    current = participation.participation_of(campaign.id, organisation.id)
    if current is None:
        abort(404)
    run_confirmed(lambda: participation.withdraw(current, actor=current_user),
                  _("Your organisation has withdrawn from the campaign."))
    return _back(organisation)


@bp.get("/<int:campaign_id>/participants", endpoint="participants")
@require("campaigns.view")
def participants(campaign_id: int):
    campaign = campaigns.load_campaign(campaign_id) or abort(404)
    state = request.args.get("state", "")
    state = state if state in PARTICIPATION_STATES else ""
    page = paginate(participation.participants_query(campaign.id, state), page_number(),
                    page_size())
    return render_template(
        "campaigns/participants.html", campaign=campaign, page=page, state=state,
        pager_args={**args_without("page"), "campaign_id": campaign.id}, **_common_labels())


@bp.post("/participations/<int:participation_id>/decide", endpoint="decide")
@require("campaigns.manage")
def decide(participation_id: int):
    row = db.get_or_404(CampaignPartner, participation_id)
    form = DecisionForm()
    target = url_for("campaigns.participants", campaign_id=row.campaign_id)
    if not form.validate_on_submit() or form.decision.data not in ("accept", "decline"):
        flash(_("Choose to accept or to decline; a note has at most 1,000 characters."),
              "danger")
        return redirect(target)
    accept = form.decision.data == "accept"
    commit_or_refuse(
        lambda: participation.decide(row, accept, form.note.data or "", actor=current_user),
        success=_("The organisation has been accepted.") if accept
        else _("The organisation has been declined."))
    return redirect(target)
