"""What calendars show: dates on the city's days, a few per day with the day's total, only
published campaigns for those who do not manage them, and "my activities"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import force_locale

from icc_network.campaigns.services import calendar_views
from icc_network.campaigns.services.calendar_views import CalendarFilters
from icc_network.core.clock import utcnow
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from ..support import count_queries
from . import factories

PUBLIC = CalendarFilters()
MANAGER = CalendarFilters(drafts=True)


def _titles(day) -> list[str]:
    return [row.title["fr"] for row in day.entries]


def _by_day(weeks) -> dict[date, object]:
    return {day.day: day for week in weeks for day in week}


def test_a_month_grid_covers_whole_weeks_and_marks_the_other_months_days():
    weeks = calendar_views.month_weeks(date(2026, 3, 10), PUBLIC)
    assert weeks[0][0].day == date(2026, 2, 23) and weeks[-1][-1].day == date(2026, 4, 5)
    assert all(len(week) == 7 for week in weeks)
    assert not weeks[0][0].in_range and weeks[0][6].in_range


def test_dates_land_on_the_citys_day_around_midnight_and_the_change_to_summer_time():
    campaign = factories.campaign()
    # 23:30 in Paris on Saturday 28 March (UTC+1), and 00:30 on Monday 30 March (UTC+2)
    factories.activity(campaign, title="Tard", starts_at=datetime(2026, 3, 28, 22, 30),
                       minutes=20)
    factories.activity(campaign, title="Tôt", starts_at=datetime(2026, 3, 29, 22, 30),
                       minutes=20)
    days = _by_day(calendar_views.month_weeks(date(2026, 3, 1), PUBLIC))
    assert _titles(days[date(2026, 3, 28)]) == ["Tard"]
    assert _titles(days[date(2026, 3, 29)]) == []
    assert _titles(days[date(2026, 3, 30)]) == ["Tôt"]


def test_a_busy_day_shows_a_few_entries_in_order_and_counts_the_rest():
    campaign = factories.campaign()
    for hour in (15, 9, 12, 18, 10):
        factories.activity(campaign, title=f"h{hour}", starts_at=datetime(2026, 3, 14, hour))
    day = _by_day(calendar_views.month_weeks(date(2026, 3, 1), PUBLIC, per_day=3))[
        date(2026, 3, 14)]
    assert _titles(day) == ["h9", "h10", "h12"]
    assert (day.total, day.more) == (5, 2)
    week = calendar_views.week(date(2026, 3, 14), PUBLIC, per_day=12)
    assert week[0].day == date(2026, 3, 9) and week[5].total == 5 and week[5].more == 0


def test_drafts_show_only_to_managers_and_filters_narrow_the_dates():
    district = core_factories.district()
    published = factories.campaign("Publiée")
    draft = factories.campaign("Brouillon", status="draft")
    factories.activity(published, title="Café", district=district)
    factories.activity(published, title="Atelier", kind="workshop")
    factories.activity(draft, title="Secret")
    march = date(2026, 3, 1)

    def shown(filters):
        return sorted(row.title["fr"] for day in _by_day(
            calendar_views.month_weeks(march, filters)).values() for row in day.entries)

    assert shown(PUBLIC) == ["Atelier", "Café"]
    assert shown(MANAGER) == ["Atelier", "Café", "Secret"]
    assert shown(CalendarFilters(district_id=district.id)) == ["Café"]
    assert shown(CalendarFilters(kind="workshop")) == ["Atelier"]
    assert shown(CalendarFilters(campaign_id=draft.id)) == []
    assert shown(CalendarFilters(campaign_id=draft.id, drafts=True)) == ["Secret"]
    assert [c for c, _t in calendar_views.campaign_choices(march, date(2026, 3, 31), False)] == [
        published.id]


def test_the_month_costs_one_query_however_many_dates(app):
    campaign = factories.campaign()
    counts = []
    for extra in (1, 40):
        for n in range(extra):
            factories.activity(campaign, starts_at=datetime(2026, 3, 2 + n % 25, 8 + n % 9))
        with count_queries(app) as log:
            calendar_views.month_weeks(date(2026, 3, 1), PUBLIC)
        counts.append(log.count)
    assert counts == [1, 1]


def test_the_list_gives_the_dates_of_a_day_or_from_a_day_on():
    campaign = factories.campaign()
    factories.activity(campaign, title="Avant", starts_at=datetime(2026, 3, 13, 9))
    factories.activity(campaign, title="Jour", starts_at=datetime(2026, 3, 14, 9))
    factories.activity(campaign, title="Après", starts_at=datetime(2026, 3, 20, 9))

    def titles(query):
        return [activity.title["fr"] for _o, activity, _c, _d in db.session.execute(query)]

    assert titles(calendar_views.list_query(PUBLIC, date(2026, 3, 14), date(2026, 3, 14))) == [
        "Jour"]
    assert titles(calendar_views.list_query(PUBLIC, date(2026, 3, 14))) == ["Jour", "Après"]


def _soon(days: int) -> datetime:
    return (utcnow() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)


def test_my_activities_are_those_of_my_organisation_or_my_agent_record():
    organisation = network_factories.organisation()
    partner = core_factories.user("partner")
    partner.organisation_id = organisation.id
    agent_user = core_factories.user("agent")
    agent = agent_factories.agent(user=agent_user, status="certified")
    campaign = factories.campaign(starts_on=date(2020, 1, 1), ends_on=date(2035, 1, 1))
    draft = factories.campaign(status="draft")
    ours = factories.activity(campaign, title="Nôtre", organisations=[organisation],
                              occurrences=[_soon(3), _soon(10)])
    assigned = factories.activity(campaign, title="Assigné", agents=[agent],
                                  starts_at=_soon(5))
    past = factories.activity(campaign, title="Passé", organisations=[organisation],
                              starts_at=_soon(-30))
    factories.activity(campaign, title="Autre", starts_at=_soon(4))
    factories.activity(draft, title="Brouillon", organisations=[organisation],
                       starts_at=_soon(4))

    def mine(user, past_ones=False):
        return [(row.Activity.id, row.next_start) for row in
                db.session.execute(calendar_views.mine_query(user, past_ones))]

    assert mine(partner) == [(ours.id, _soon(3))]
    assert mine(partner, True) == [(past.id, None)]
    assert mine(agent_user) == [(assigned.id, _soon(5))]
    assert [row.activity_id for row in calendar_views.next_dates(partner)] == [ours.id, ours.id]
    ours.cancelled_at = utcnow()
    assert calendar_views.next_dates(partner) == []


def test_rules_and_times_are_said_in_the_readers_language():
    with force_locale("en"):
        assert calendar_views.rule_in_words("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;COUNT=6",
                                            date(2026, 3, 21)) == (
            "Every 2 weeks on Tuesday, Saturday, 6 times")
        assert calendar_views.rule_in_words("FREQ=DAILY;UNTIL=20260630T215959Z",
                                            date(2026, 6, 1)) == (
            "Every day, until 30 June 2026")
        assert calendar_views.rule_in_words("FREQ=MONTHLY;COUNT=1", date(2026, 6, 14)) == (
            "Every month on day 14, 1 time")
        assert calendar_views.when(datetime(2026, 3, 21, 17), datetime(2026, 3, 21, 19)) == (
            "Saturday, 21 March 2026, 18:00–20:00")
    assert calendar_views.rule_in_words("", date(2026, 1, 1)) == ""
