"""Activities of a campaign: the list, adding and changing one, its page, cancelling it,
and recording its reach."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from ...agents.vocab import STATUSES as AGENT_STATUSES
from ...core import audit
from ...core.calendar import city_today
from ...core.forms import with_empty
from ...core.pagination import paginate
from ...core.permissions import authorize, can, deny, require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from ...core.web import page_number, page_size
from ...extensions import db
from ...network.services.organisations import organisation_names
from .. import bp
from ..forms import ActivityForm, CancelActivityForm, ReachForm
from ..models import REACH_COLUMNS, Activity, Campaign
from ..services import activities, activity_options, calendar_views, reach
from ..services.activities import ActivityData
from ..services.recurrence import Recurrence
from ..vocab import ACTIVITY_KINDS, LANGUAGES, PUBLISHED, STATUSES

# The form's search buttons, one per list.
SEARCHES = ("find_organisations", "find_agents")


def _visible(campaign: Campaign) -> Campaign:
    """A campaign not yet published exists only for those who manage campaigns."""
    if campaign.status not in PUBLISHED and not can(current_user, "campaigns.manage"):
        abort(404)
    return campaign


def visible_campaign(campaign_id: int) -> Campaign:
    return _visible(db.get_or_404(Campaign, campaign_id))


def _activity(activity_id: int) -> Activity:
    activity = activities.load_activity(activity_id) or abort(404)
    _visible(activity.campaign)
    return activity


# --- the list and one activity ------------------------------------------------------

@bp.get("/<int:campaign_id>/activities")
@require("campaigns.view")
def campaign_activities(campaign_id: int):
    campaign = visible_campaign(campaign_id)
    page = paginate(activities.campaign_activities_query(campaign.id), page_number(),
                    page_size())
    return render_template("campaigns/activity_list.html", campaign=campaign, page=page,
                           kinds=ACTIVITY_KINDS, rule_in_words=calendar_views.rule_in_words,
                           when=calendar_views.when, local_day=_local_day)


def _local_day(activity: Activity):
    return activities.local_time(activity.starts_at).date()


def _may_view(activity: Activity) -> bool:
    """Campaign readers see every activity; partners and agents those they take part in."""
    if can(current_user, "campaigns.view"):
        return True
    return (can(current_user, "activities.mine")
            and activities.takes_part_in(current_user, activity.id))


@bp.get("/activities/<int:activity_id>")
def activity_detail(activity_id: int):
    if not current_user.is_authenticated:
        return deny()
    activity = _activity(activity_id)
    if not _may_view(activity):
        return deny()
    organisation_ids = activities.organisation_ids(activity.id)
    names_shown = can(current_user, "agents.view")
    agents = activities.assigned_agents(activity.id) if names_shown else []
    total, to_come = calendar_views.date_counts(activity.id)
    page = render_template(
        "campaigns/activity_detail.html", activity=activity, campaign=activity.campaign,
        kinds=ACTIVITY_KINDS, languages=LANGUAGES, statuses=STATUSES,
        when=calendar_views.when(activity.starts_at, activity.ends_at),
        rule=calendar_views.rule_in_words(activity.rrule, _local_day(activity)),
        exdates=[format_date(d, "long") for d in _exdates(activity)],
        upcoming=calendar_views.upcoming_dates(activity.id), total=total, to_come=to_come,
        time_range=calendar_views.clock().range,
        organisations=sorted(organisation_names(organisation_ids).values()),
        organisation_ids=set(organisation_ids), names_shown=names_shown, agents=agents,
        agent_count=len(agents) if names_shown else len(activities.agent_ids(activity.id)),
        started=reach.has_started(activity), reach_columns=REACH_COLUMNS,
        manageable=_manageable(activity))
    if not agents:
        return page
    return audit.personal_data_shown(page, current_user, "activity.agents_view", activity,
                                     agents=len(agents))


def _exdates(activity: Activity) -> list[date]:
    return [date.fromisoformat(day) for day in activity.exdates]


def _manageable(activity: Activity) -> bool:
    return activity.cancelled_at is None and activity.campaign.status != "evaluated"


# --- adding and changing ------------------------------------------------------------

@bp.route("/<int:campaign_id>/activities/new", methods=["GET", "POST"])
@require("campaigns.manage")
def activity_new(campaign_id: int):
    campaign = visible_campaign(campaign_id)
    if campaign.status == "evaluated":
        flash(_("This campaign has been evaluated: its activities can no longer change."),
              "warning")
        return redirect(url_for("campaigns.campaign_activities", campaign_id=campaign.id))
    day = max(campaign.starts_on, city_today())
    language = current_app.config["BABEL_DEFAULT_LOCALE"]
    form = ActivityForm(data={"day": min(day, campaign.ends_on), "interval": 1,
                              "language": language if language in LANGUAGES else "other"})
    return _activity_form(campaign, None, form)


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@require("campaigns.manage")
def activity_edit(activity_id: int):
    activity = _activity(activity_id)
    if not _manageable(activity):
        flash(_("This activity can no longer be changed."), "warning")
        return redirect(url_for("campaigns.activity_detail", activity_id=activity.id))
    values = activities.form_values(activity)
    form = ActivityForm(data={
        "kind": activity.kind, "title": activity.title, "description": activity.description,
        "place": activity.place, "district_id": str(activity.district_id or ""),
        "language": activity.language, "capacity": activity.capacity,
        "organisation_ids": activities.organisation_ids(activity.id),
        "agent_ids": activities.agent_ids(activity.id), **values})
    return _activity_form(activity.campaign, activity, form)


def _offer(form: ActivityForm, campaign: Campaign, names_shown: bool) -> dict[str, int]:
    """Fill the form's lists with what is chosen (on the record or ticked), the campaign's
    partners and what a search found, never the whole network; how many entries each
    list shows and how many a search found."""
    form.district_id.choices = with_empty(district_choices())
    joined = _("takes part in the campaign")
    organisations = activity_options.organisation_options(
        campaign, form.organisation_ids.data or [], form.organisation_q.data or "")
    form.organisation_ids.choices = [(one.id, f"{one.name} ({joined})" if one.detail
                                      else one.name) for one in organisations]
    agents = activity_options.agent_options(
        form.agent_ids.data or [], form.agent_q.data or "", to_int(form.district_id.data)
    ) if names_shown else []
    form.agent_ids.choices = [(one.id, f"{one.name} ({AGENT_STATUSES.get(one.detail, one.detail)})")
                              for one in agents]
    return {"agents": len(agents), "find_organisations": sum(o.found for o in organisations),
            "find_agents": sum(a.found for a in agents)}


def _data(form: ActivityForm, activity: Activity | None, names_shown: bool) -> ActivityData:
    kept_agents = activities.agent_ids(activity.id) if activity is not None else []
    return ActivityData(
        kind=form.kind.data, title=form.title.data, description=form.description.data,
        day=form.day.data, start_time=form.start_time.data, end_time=form.end_time.data,
        recurrence=Recurrence(
            frequency=form.frequency.data or "", interval=form.interval.data or 1,
            weekdays=tuple(form.weekdays.data or ()), count=form.count.data,
            until=form.until.data),
        exdates=form.exdates.dates, place=form.place.data or "",
        district_id=to_int(form.district_id.data), language=form.language.data,
        capacity=form.capacity.data, organisation_ids=list(form.organisation_ids.data or []),
        agent_ids=list(form.agent_ids.data or []) if names_shown else kept_agents)


def _activity_form(campaign: Campaign, activity: Activity | None, form: ActivityForm):
    names_shown = can(current_user, "agents.view")
    counts = _offer(form, campaign, names_shown)
    # A search shows more to choose from and saves nothing: what was typed stays.
    searched = next((button for button in SEARCHES if button in request.form), "")
    if not searched and form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: activities.save_activity(activity, campaign, _data(form, activity,
                                                                      names_shown),
                                             actor=current_user),
            form=form, success=_("The activity has been saved."))
        if saved and saved.value is not None:
            _warn_after_period(saved.value, campaign)
            return redirect(url_for("campaigns.activity_detail", activity_id=saved.value.id))
    page = render_template("campaigns/activity_form.html", form=form, campaign=campaign,
                           activity=activity, names_shown=names_shown, searched=searched,
                           found=counts.get(searched, 0), bound=activity_options.OPTIONS)
    if not counts["agents"]:
        return page
    return audit.personal_data_shown(page, current_user, "activity.agent_choices_view",
                                     activity or campaign, agents=counts["agents"])


def _warn_after_period(activity: Activity, campaign: Campaign) -> None:
    late = activities.dates_after_period(activity, campaign)
    if late:
        flash(ngettext(
            "One date falls after the campaign's last day (%(day)s).",
            "%(num)s dates fall after the campaign's last day (%(day)s).", late,
            day=format_date(campaign.ends_on, "long")), "warning")


# --- cancelling and reach -----------------------------------------------------------

@bp.route("/activities/<int:activity_id>/cancel", methods=["GET", "POST"])
@require("campaigns.manage")
def activity_cancel(activity_id: int):
    activity = _activity(activity_id)
    form = CancelActivityForm()
    if _manageable(activity) and form.validate_on_submit():
        done = commit_or_refuse(
            lambda: activities.cancel_activity(activity, activity.campaign, form.reason.data,
                                               actor=current_user),
            form=form, success=_("The activity has been cancelled; those taking part will "
                                 "be told."))
        if done:
            return redirect(url_for("campaigns.activity_detail", activity_id=activity_id))
    return render_template("campaigns/activity_cancel.html", activity=activity, form=form,
                           manageable=_manageable(activity),
                           when=calendar_views.when(activity.starts_at, activity.ends_at))


@bp.route("/activities/<int:activity_id>/reach", methods=["GET", "POST"])
@require("activities.reach")
def activity_reach(activity_id: int):
    activity = _activity(activity_id)
    authorize("activities.reach", set(activities.organisation_ids(activity.id)))
    form = ReachForm(data={name: getattr(activity, name) for name in REACH_COLUMNS})
    open_ = activity.cancelled_at is None and reach.has_started(activity)
    if open_ and form.validate_on_submit():
        figures = reach.ReachData(**{name: form[name].data for name in REACH_COLUMNS})
        done = commit_or_refuse(
            lambda: reach.record_reach(activity, figures, actor=current_user), form=form,
            success=_("The reach has been recorded."))
        if done:
            return redirect(url_for("campaigns.activity_detail", activity_id=activity_id))
    return render_template("campaigns/reach_form.html", activity=activity, form=form,
                           open=open_, when=calendar_views.when(activity.starts_at,
                                                                activity.ends_at))
