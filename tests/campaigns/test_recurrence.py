"""Recurrence rules: built from the form's choices, read back, expanded on the city's wall
clock across the changes to and from summer time in Europe/Paris."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from icc_network.campaigns.services.recurrence import (
    Recurrence,
    RecurrenceError,
    build_rule,
    day_bounds,
    expand,
    local_starts,
    parse_rule,
    unmatched_exdates,
)

PARIS = ZoneInfo("Europe/Paris")
LIMIT = 366


def _rule(choice: Recurrence, first_day: date) -> str:
    return build_rule(choice, first_day=first_day, zone=PARIS, limit=LIMIT)


def _refusal(choice: Recurrence, first_day: date) -> str:
    with pytest.raises(RecurrenceError) as refused:
        _rule(choice, first_day)
    return refused.value.code


def test_a_one_off_activity_has_no_rule_and_one_occurrence():
    assert _rule(Recurrence(), date(2026, 3, 21)) == ""
    assert expand(datetime(2026, 3, 21, 18), datetime(2026, 3, 21, 20), "", [], PARIS,
                  limit=LIMIT) == [(datetime(2026, 3, 21, 17), datetime(2026, 3, 21, 19))]


def test_weekly_rule_is_written_as_rfc_5545_and_read_back():
    choice = Recurrence("WEEKLY", 2, ("SA", "TU"), count=6)
    rule = _rule(choice, date(2026, 3, 21))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;COUNT=6"
    assert parse_rule(rule, PARIS) == Recurrence("WEEKLY", 2, ("TU", "SA"), count=6)
    rrulestr(rule, dtstart=datetime(2026, 3, 21, 18))  # a library that reads RRULEs agrees


def test_weekly_without_weekdays_repeats_on_the_first_days_weekday():
    assert _rule(Recurrence("WEEKLY", count=3), date(2026, 3, 21)) == (
        "FREQ=WEEKLY;BYDAY=SA;COUNT=3")


def test_until_is_the_end_of_the_last_day_in_utc_and_reads_back_as_that_day():
    summer = _rule(Recurrence("DAILY", until=date(2026, 6, 30)), date(2026, 6, 1))
    winter = _rule(Recurrence("DAILY", until=date(2026, 12, 31)), date(2026, 12, 1))
    assert summer == "FREQ=DAILY;UNTIL=20260630T215959Z"
    assert winter == "FREQ=DAILY;UNTIL=20261231T225959Z"
    assert parse_rule(summer, PARIS).until == date(2026, 6, 30)
    assert parse_rule(winter, PARIS).until == date(2026, 12, 31)


@pytest.mark.parametrize(("choice", "code"), [
    (Recurrence("WEEKLY", weekdays=("SA",)), "no_end"),
    (Recurrence("DAILY"), "no_end"),
    (Recurrence("DAILY", count=3, until=date(2026, 4, 1)), "two_ends"),
    (Recurrence("DAILY", count=0), "bad_count"),
    (Recurrence("DAILY", count=LIMIT + 1), "bad_count"),
    (Recurrence("DAILY", until=date(2026, 3, 20)), "until_before_start"),
    (Recurrence("WEEKLY", weekdays=("MO",), count=3), "not_on_weekdays"),
    (Recurrence("WEEKLY", weekdays=("XX",), count=3), "unknown_weekday"),
    (Recurrence("HOURLY", count=3), "unknown_frequency"),
    (Recurrence("DAILY", interval=0, count=3), "bad_interval"),
])
def test_rules_that_cannot_be_kept_are_refused(choice, code):
    assert _refusal(choice, date(2026, 3, 21)) == code


def test_a_rule_that_would_give_too_many_dates_is_refused_when_expanded():
    rule = _rule(Recurrence("DAILY", until=date(2027, 12, 31)), date(2026, 1, 1))
    with pytest.raises(RecurrenceError) as refused:
        local_starts(datetime(2026, 1, 1, 9), rule, PARIS, limit=LIMIT)
    assert refused.value.code == "too_many"
    assert len(local_starts(datetime(2026, 1, 1, 9), rule, PARIS, limit=800)) == 730


@pytest.mark.parametrize("rule", ["FREQ=YEARLY;COUNT=2", "FREQ=DAILY;COUNT=x", "nonsense",
                                  "FREQ=WEEKLY;BYDAY=XX;COUNT=2", "FREQ=DAILY;BYHOUR=3;COUNT=2"])
def test_a_rule_not_built_here_cannot_be_read(rule):
    with pytest.raises(RecurrenceError):
        parse_rule(rule, PARIS)


def test_an_evening_event_stays_at_18_00_across_the_march_change():
    """Summer time starts on Sunday 29 March 2026: UTC moves from 17:00 to 16:00."""
    rule = _rule(Recurrence("WEEKLY", weekdays=("SA",), count=3), date(2026, 3, 21))
    assert expand(datetime(2026, 3, 21, 18), datetime(2026, 3, 21, 20), rule, [], PARIS,
                  limit=LIMIT) == [
        (datetime(2026, 3, 21, 17), datetime(2026, 3, 21, 19)),
        (datetime(2026, 3, 28, 17), datetime(2026, 3, 28, 19)),
        (datetime(2026, 4, 4, 16), datetime(2026, 4, 4, 18)),
    ]


def test_an_evening_event_stays_at_18_00_across_the_october_change():
    """Summer time ends on Sunday 25 October 2026: UTC moves from 16:00 to 17:00."""
    rule = _rule(Recurrence("DAILY", until=date(2026, 10, 26)), date(2026, 10, 24))
    assert expand(datetime(2026, 10, 24, 18), datetime(2026, 10, 24, 19, 30), rule, [],
                  PARIS, limit=LIMIT) == [
        (datetime(2026, 10, 24, 16), datetime(2026, 10, 24, 17, 30)),
        (datetime(2026, 10, 25, 17), datetime(2026, 10, 25, 18, 30)),
        (datetime(2026, 10, 26, 17), datetime(2026, 10, 26, 18, 30)),
    ]


def test_a_morning_event_on_the_day_of_the_change_keeps_its_local_hour_and_length():
    rule = _rule(Recurrence("WEEKLY", weekdays=("SU",), count=2), date(2026, 3, 22))
    starts = expand(datetime(2026, 3, 22, 10), datetime(2026, 3, 22, 12), rule, [], PARIS,
                    limit=LIMIT)
    assert starts[1] == (datetime(2026, 3, 29, 8), datetime(2026, 3, 29, 10))


def test_excepted_dates_are_left_out_and_strays_are_reported():
    rule = _rule(Recurrence("WEEKLY", weekdays=("SA",), count=4), date(2026, 3, 7))
    start = datetime(2026, 3, 7, 10)
    kept = expand(start, datetime(2026, 3, 7, 12), rule, [date(2026, 3, 14)], PARIS,
                  limit=LIMIT)
    assert [s.date() for s, _e in kept] == [date(2026, 3, 7), date(2026, 3, 21),
                                           date(2026, 3, 28)]
    assert unmatched_exdates(start, rule, [date(2026, 3, 14), date(2026, 3, 15)], PARIS,
                             limit=LIMIT) == [date(2026, 3, 15)]


def test_monthly_repeats_on_the_same_day_of_the_month():
    rule = _rule(Recurrence("MONTHLY", count=3), date(2026, 1, 15))
    assert [s.date() for s in local_starts(datetime(2026, 1, 15, 9), rule, PARIS,
                                           limit=LIMIT)] == [
        date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)]


def test_a_day_of_23_hours_is_bounded_by_local_midnights():
    bounds = day_bounds(date(2026, 3, 28), 3, PARIS)
    assert bounds == [datetime(2026, 3, 27, 23), datetime(2026, 3, 28, 23),
                      datetime(2026, 3, 29, 22), datetime(2026, 3, 30, 22)]
