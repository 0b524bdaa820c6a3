"""Calendars of activities (month, week, day and list) for one campaign or the whole
city, and "my activities" for the partners and agents who take part."""

from __future__ import annotations

from datetime import date, timedelta

from babel import dates as babel_dates
from flask import current_app, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ...core.calendar import city_today
from ...core.i18n import current_language
from ...core.pagination import paginate
from ...core.permissions import can, require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.translatable import localise
from ...core.web import args_without, page_number, page_size
from .. import bp
from ..services import activities, calendar_views
from ..services.calendar_views import CalendarFilters
from ..vocab import ACTIVITY_KINDS, PUBLISHED, STATUSES
from .activities import visible_campaign

VIEWS = ("month", "week", "day", "list")
# The list shows this many days from its first one; previous and next move by as many.
LIST_DAYS = 31
# Entries shown in a day's cell before "+N more" (the day's list has them all).
PER_DAY = {"month": 3, "week": 12}
YEARS = (2000, 2100)


def _day(text: str | None) -> date | None:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return day if YEARS[0] <= day.year <= YEARS[1] else None


def _shift(view: str, on: date, step: int) -> date:
    """The day shown by the previous (-1) or next (1) page of ``view``."""
    if view == "month":
        first = on.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1) if step < 0 else (
            first + timedelta(days=32)).replace(day=1)
    return on + timedelta(days=step * {"week": 7, "list": LIST_DAYS}.get(view, 1))


def _render(endpoint: str, base: dict, campaign=None):
    """A calendar page: the view asked for, around the day asked for, filtered."""
    args = request.args
    view = args.get("view") if args.get("view") in VIEWS else "month"
    on = _day(args.get("on")) or city_today()
    kind = args.get("kind") if args.get("kind") in ACTIVITY_KINDS else ""
    managers = can(current_user, "campaigns.manage")
    clock = calendar_views.clock()
    filters = CalendarFilters(
        campaign_id=campaign.id if campaign else to_int(args.get("campaign")),
        district_id=to_int(args.get("district")), kind=kind, drafts=managers)
    kept = {key: value for key, value in (("district", filters.district_id), ("kind", kind),
                                         ("campaign", None if campaign else filters.campaign_id))
            if value}

    def link(**changes) -> str:
        return url_for(endpoint, **base, **kept, **{"view": view, "on": on.isoformat(),
                                                    **changes})

    context = {"view": view, "on": on, "filters": filters, "campaign": campaign,
               "endpoint": endpoint, "base": base, "link": link, "kinds": ACTIVITY_KINDS,
               "statuses": STATUSES, "published": PUBLISHED,
               "districts": district_choices(), "time_range": clock.range, "clock": clock,
               "title_of": _text_in_language(),
               "previous": _shift(view, on, -1), "next": _shift(view, on, 1),
               "weekdays": babel_dates.get_day_names("wide", locale=get_locale()),
               "today": city_today()}
    if view in ("month", "week"):
        return _grid(view, on, filters, campaign, context)
    first, last = (on, on) if view == "day" else (on, on + timedelta(days=LIST_DAYS - 1))
    page = paginate(calendar_views.list_query(filters, first, last), page_number(),
                    page_size(), scalars=False)
    if campaign is None:
        context["campaign_choices"] = _choices(first, last, managers)
    return render_template("campaigns/calendar_list.html", page=page,
                           title=_list_title(view, first, last),
                           pager_args={**args_without("page"), **base}, **context)


def _grid(view: str, on: date, filters: CalendarFilters, campaign, context: dict):
    if view == "month":
        weeks = calendar_views.month_weeks(on, filters, PER_DAY["month"])
        title = format_date(on.replace(day=1), "LLLL y")
    else:
        weeks = [calendar_views.week(on, filters, PER_DAY["week"])]
        title = _week_title(weeks[0][0].day)
    if campaign is None:
        context["campaign_choices"] = _choices(weeks[0][0].day, weeks[-1][-1].day,
                                               context["filters"].drafts)
    return render_template(f"campaigns/calendar_{view}.html", weeks=weeks, title=title,
                           **context)


def _choices(first: date, last: date, drafts: bool) -> list[tuple[int, str]]:
    title_of = _text_in_language()
    return [(campaign_id, title_of(title))
            for campaign_id, title in calendar_views.campaign_choices(first, last, drafts)]


def _text_in_language():
    """A translatable value's text in the reader's language: the language is looked up
    once for the hundreds of titles a month shows, not once per title."""
    language, default = current_language(), current_app.config["BABEL_DEFAULT_LOCALE"]
    return lambda value: localise(value, language, default).text


def _week_title(monday: date) -> str:
    return _("Week of %(day)s", day=format_date(monday, "long"))


def _list_title(view: str, first: date, last: date) -> str:
    if view == "day":
        return format_date(first, "full")
    return _("From %(first)s to %(last)s", first=format_date(first, "long"),
             last=format_date(last, "long"))


@bp.get("/calendar")
@require("campaigns.view")
def calendar():
    return _render("campaigns.calendar", {})


@bp.get("/<int:campaign_id>/calendar")
@require("campaigns.view")
def campaign_calendar(campaign_id: int):
    campaign = visible_campaign(campaign_id)
    return _render("campaigns.campaign_calendar", {"campaign_id": campaign.id}, campaign)


@bp.get("/mine")
@require("activities.mine")
def my_activities():
    past = request.args.get("when") == "past"
    page = paginate(calendar_views.mine_query(current_user, past), page_number(), page_size(),
                    scalars=False)
    ids = [row.Activity.id for row in page.items]
    return render_template(
        "campaigns/my_activities.html", page=page, past=past, kinds=ACTIVITY_KINDS,
        organisations=activities.organisations_by_activity(ids),
        when=calendar_views.when, rule_in_words=calendar_views.rule_in_words,
        local_day=lambda moment: activities.local_time(moment).date())
