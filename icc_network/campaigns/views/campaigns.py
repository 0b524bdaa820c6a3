"""Campaigns: the list, a campaign's page, the form, its status and deleting a draft."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.calendar import city_today
from ...core.forms import ConfirmForm, choices
from ...core.i18n import current_language, localised
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.services import district_choices, districts
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size
from ...rumours.vocab import STATUSES as RUMOUR_STATUSES
from .. import bp
from ..forms import CampaignForm, CampaignStatusForm, NewCampaignForm
from ..models import Campaign
from ..services import campaigns, participation
from ..services.campaigns import CampaignData
from ..vocab import AUDIENCES, CHANNELS, CONTRIBUTIONS, PARTICIPATION_STATES, STATUSES

# Participations listed on a campaign's page; the participants page has them all.
PARTNERS_ON_PAGE = 20


def labels(labels: dict) -> dict[str, str]:
    """Lazy labels resolved once per request, not once per table cell."""
    return {code: str(label) for code, label in labels.items()}


def _load(campaign_id: int) -> Campaign:
    return campaigns.load_campaign(campaign_id) or abort(404)


@bp.get("/", endpoint="index")
@require("campaigns.view")
def campaign_list():
    filters = campaigns.parse_filters(request.args)
    page = paginate(campaigns.campaign_query(filters, current_language()), page_number(),
                    page_size(), scalars=False)
    names = {d.id: localised(d.name).text or d.code for d in districts(active_only=False)}
    return render_template(
        "campaigns/campaign_list.html", page=page, filters=filters, statuses=labels(STATUSES),
        district_names=names,
        rumours=[(rid, localised(wording).text) for rid, wording in campaigns.targeted_rumours()],
        pager_args=args_without("page"), sort_args=args_without("page", "sort"))


@bp.get("/<int:campaign_id>", endpoint="detail")
@require("campaigns.view")
def campaign_detail(campaign_id: int):
    return _render_detail(_load(campaign_id))


def _render_detail(campaign: Campaign, status_form: CampaignStatusForm | None = None):
    if status_form is None:
        status_form = CampaignStatusForm()
    status_form.status.choices = choices(
        (s, STATUSES[s]) for s in campaigns.allowed_transitions(campaign))
    partners = paginate(participation.participants_query(campaign.id), 1, PARTNERS_ON_PAGE)
    return render_template(
        "campaigns/campaign_detail.html", campaign=campaign, status_form=status_form,
        statuses=labels(STATUSES), audiences=labels(AUDIENCES), channels=labels(CHANNELS),
        contributions=labels(CONTRIBUTIONS), states=labels(PARTICIPATION_STATES),
        rumour_statuses=labels(RUMOUR_STATUSES), rumours=campaigns.rumours_of(campaign),
        districts=campaigns.districts_of(campaign), partners=partners, confirm=ConfirmForm())


@bp.route("/new", methods=["GET", "POST"], endpoint="new")
@require("campaigns.manage")
def campaign_new():
    return _campaign_form(None, NewCampaignForm(), [], [])


@bp.route("/<int:campaign_id>/edit", methods=["GET", "POST"], endpoint="edit")
@require("campaigns.manage")
def campaign_edit(campaign_id: int):
    campaign = _load(campaign_id)
    # Read now: a refused save rolls back and unloads the campaign's links.
    rumour_ids = [link.rumour_id for link in campaign.rumours]
    district_ids = [link.district_id for link in campaign.districts]
    form = CampaignForm(obj=campaign, rumour_ids=rumour_ids, district_ids=district_ids)
    return _campaign_form(campaign, form, rumour_ids, district_ids)


def _offer(form: CampaignForm, rumour_ids: list[int], district_ids: list[int]) -> None:
    """The options of the form: districts, and the rumours chosen plus those found."""
    chosen = rumour_ids if request.method != "POST" else list(form.rumour_ids.data or [])
    statuses = labels(RUMOUR_STATUSES)
    form.rumour_ids.choices = [
        (rumour.id, f"{localised(rumour.wording).text} ({statuses.get(rumour.status, '')})")
        for rumour in campaigns.rumour_options(chosen, form.rumour_q.data or "")]
    offered = district_choices()
    shown = {district_id for district_id, _name in offered}
    form.district_ids.choices = offered + [
        (d.id, localised(d.name).text or d.code) for d in districts(active_only=False)
        if d.id in district_ids and d.id not in shown]


def _campaign_form(campaign: Campaign | None, form: CampaignForm, rumour_ids: list[int],
                   district_ids: list[int]):
    searching = "find_rumours" in request.form
    if form.is_submitted() and not searching and form.validate():
        data = CampaignData(
            title=form.title.data, objective=form.objective.data,
            starts_on=form.starts_on.data, ends_on=form.ends_on.data, budget=form.budget.amount,
            audiences=list(form.audiences.data or []), channels=list(form.channels.data or []),
            rumour_ids=list(form.rumour_ids.data or []),
            district_ids=list(form.district_ids.data or []))
        saved = commit_or_refuse(
            lambda: campaigns.save_campaign(campaign, data, actor=current_user), form=form,
            success=_("The campaign has been saved."))
        if saved:
            return redirect(url_for("campaigns.detail", campaign_id=saved.value.id))
    _offer(form, rumour_ids, district_ids)
    return render_template("campaigns/campaign_form.html", form=form, campaign=campaign,
                           searched=searching)


@bp.post("/<int:campaign_id>/status", endpoint="status")
@require("campaigns.manage")
def campaign_status(campaign_id: int):
    campaign = _load(campaign_id)
    form = CampaignStatusForm()
    form.status.choices = choices(
        (s, STATUSES[s]) for s in campaigns.allowed_transitions(campaign))
    if form.validate_on_submit():
        commit_or_refuse(lambda: campaigns.change_status(
            campaign, form.status.data, actor=current_user, on=city_today()),
            success=_("The campaign's status has been changed."))
    else:
        flash(_("Choose one of the statuses offered."), "danger")
    return redirect(url_for("campaigns.detail", campaign_id=campaign_id))


@bp.route("/<int:campaign_id>/delete", methods=["GET", "POST"], endpoint="delete")
@require("campaigns.manage")
def campaign_delete(campaign_id: int):
    campaign = _load(campaign_id)
    form = ConfirmForm()
    if request.method == "POST":
        done = run_confirmed(lambda: campaigns.delete_campaign(campaign, actor=current_user),
                             _("The draft campaign has been deleted."), form)
        if done:
            return redirect(url_for("campaigns.index"))
        return redirect(url_for("campaigns.detail", campaign_id=campaign_id))
    return render_template("campaigns/campaign_delete.html", campaign=campaign, form=form)
