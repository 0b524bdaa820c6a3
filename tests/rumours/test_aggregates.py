"""The sighting totals kept week by week: the job takes in only the weeks that changed and
ends where a full rebuild ends, whatever changed (reports, imports, corrections, removals,
merges, a theme); rows are updated in place; a rumour's page counts exactly meanwhile."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.jobs import aggregate_sightings
from icc_network.rumours.models import (
    Rumour,
    RumourTrend,
    Sighting,
    SightingChange,
    SightingWeek,
    SightingWeekArea,
    SightingWeekDistrict,
)
from icc_network.rumours.services import stats
from icc_network.rumours.services.aggregates import week_of, week_spans
from icc_network.rumours.services.catalogue import save_rumour
from icc_network.rumours.services.merging import merge_rumour
from icc_network.rumours.services.register import correct_sighting, delete_sighting
from icc_network.rumours.services.sightings import SightingInput, insert_sightings, record_sighting

from .. import factories as core
from . import factories


def _snapshot() -> dict[str, set]:
    """Every total, by what it holds (never by row id)."""
    def rows(*columns):
        return set(db.session.execute(select(*columns)).all())

    return {
        "weeks": rows(SightingWeek.rumour_id, SightingWeek.week_start, SightingWeek.sightings,
                      SightingWeek.people),
        "areas": rows(SightingWeekArea.week_start, SightingWeekArea.theme_id,
                      SightingWeekArea.district_id, SightingWeekArea.sightings,
                      SightingWeekArea.people),
        "districts": rows(SightingWeekDistrict.rumour_id, SightingWeekDistrict.week_start,
                          SightingWeekDistrict.month_start, SightingWeekDistrict.district_id,
                          SightingWeekDistrict.sightings, SightingWeekDistrict.people),
        "trends": rows(RumourTrend.rumour_id, RumourTrend.last_4, RumourTrend.previous_12,
                       RumourTrend.last_13, RumourTrend.last_26, RumourTrend.last_52),
    }


def _job_then_full_rebuild() -> tuple[dict, dict]:
    """The totals after the job's incremental run, then after a full rebuild."""
    aggregate_sightings()
    assert db.session.scalar(select(func.count()).select_from(SightingChange)) == 0
    incremental = _snapshot()
    stats.rebuild_aggregates()
    db.session.flush()
    return incremental, _snapshot()


@pytest.fixture
def city():
    """Two themes, three districts, three rumours heard over a few months (a week that
    straddles two months among them), the totals rebuilt and committed."""
    themes = [factories.theme(), factories.theme()]
    districts = [core.district() for _ in range(3)]
    rumours = [factories.rumour(theme_id=themes[n % 2].id) for n in range(3)]
    rumours[2].theme_id = None
    start = today() - timedelta(days=120)
    for n in range(60):
        factories.sighting(rumours[n % 3], seen_on=start + timedelta(days=2 * n),
                           district_id=None if n % 7 == 0 else districts[n % 3].id,
                           people_count=1 + n % 4)
    stats.rebuild_aggregates()
    db.session.commit()
    coordinator = core.user("coordinator")
    return themes, districts, rumours, coordinator


def _input(day: date, district_id: int | None, people: int = 2) -> SightingInput:
    return SightingInput(seen_on=day, district_id=district_id, sphere="market",
                         channel="overheard", people_count=people, language="fr")


def test_the_job_takes_in_new_reports_and_imports_as_a_full_rebuild_would(city):
    _themes, districts, rumours, coordinator = city
    record_sighting(_input(today(), districts[0].id), reporter=coordinator,
                    rumour_id=rumours[0].id)
    record_sighting(_input(today() - timedelta(days=90), None, 5), reporter=coordinator,
                    rumour_id=rumours[2].id)
    old = today() - timedelta(days=400)  # a week no total had yet
    insert_sightings([{"rumour_id": rumours[1].id, "seen_on": old, "week_start": week_of(old),
                       "district_id": districts[2].id, "sphere": "school", "venue": "",
                       "channel": "overheard", "people_count": 3, "language": "fr",
                       "verbatim": "", "hateful": False}])
    db.session.commit()
    incremental, full = _job_then_full_rebuild()
    assert incremental == full
    assert (rumours[1].id, week_of(old), 1, 3) in full["weeks"]


def test_corrections_removals_merges_and_a_new_theme_end_as_a_full_rebuild(city):
    themes, districts, rumours, coordinator = city
    sightings = list(db.session.scalars(select(Sighting).order_by(Sighting.id)))
    moved, removed = sightings[4], sightings[10]
    # moved to another rumour, district and week
    correct_sighting(moved, _input(moved.seen_on - timedelta(days=9), districts[2].id, 4),
                     rumour_id=rumours[1].id, actor=coordinator)
    delete_sighting(removed, actor=coordinator)
    db.session.commit()
    incremental, full = _job_then_full_rebuild()
    assert incremental == full

    rumours[2].status = "reported"
    db.session.flush()
    merge_rumour(rumours[2], rumours[0].id, actor=coordinator)  # the theme stays the known one's
    db.session.commit()
    incremental, full = _job_then_full_rebuild()
    assert incremental == full
    assert not any(row[0] == rumours[2].id for row in full["weeks"] | full["districts"])

    known = db.session.scalar(select(Rumour).options(selectinload(Rumour.target_groups))
                              .where(Rumour.id == rumours[0].id))
    save_rumour(known, actor=coordinator, wording=known.wording, theme_id=themes[1].id,
                target_group_ids=[], spheres=known.spheres, detection=known.detection,
                cause=known.cause, first_detected=known.first_detected, risk=known.risk,
                alert_deadline=known.alert_deadline, assignee_id=None, verdict=known.verdict)
    db.session.commit()
    incremental, full = _job_then_full_rebuild()
    assert incremental == full
    assert not any(row[1] == themes[0].id for row in full["areas"])


def test_a_merge_into_a_rumour_without_theme_moves_its_weeks_to_the_duplicates_theme(city):
    themes, _districts, rumours, coordinator = city
    rumours[0].status = "reported"
    db.session.flush()
    merge_rumour(rumours[0], rumours[2].id, actor=coordinator)  # rumours[2] had no theme
    db.session.commit()
    incremental, full = _job_then_full_rebuild()
    assert incremental == full
    assert not any(row[1] is None for row in full["areas"])


def test_rows_are_updated_in_place_and_only_empty_ones_are_deleted(city):
    _themes, districts, rumours, coordinator = city
    ids_before = {row.week_start: row.id for row in db.session.scalars(
        select(SightingWeek).where(SightingWeek.rumour_id == rumours[0].id))}
    week = max(ids_before)
    lone = factories.sighting(rumours[1], seen_on=today() - timedelta(days=300))
    record_sighting(_input(week + timedelta(days=1), districts[0].id), reporter=coordinator,
                    rumour_id=rumours[0].id)
    db.session.commit()
    aggregate_sightings()
    after = {row.week_start: row.id for row in db.session.scalars(
        select(SightingWeek).where(SightingWeek.rumour_id == rumours[0].id))}
    assert after == ids_before  # the changed week kept its row; no row was rewritten anew
    lone_week = db.session.scalar(select(SightingWeek).where(
        SightingWeek.rumour_id == rumours[1].id, SightingWeek.week_start == lone.week_start))
    assert lone_week is not None and lone_week.sightings == 1
    delete_sighting(lone, actor=coordinator)
    db.session.commit()
    figures = aggregate_sightings()
    # Its rows by theme and by district; its rumour's weekly row went with the removal.
    assert figures["weeks"] == 1 and figures["deleted"] == 2
    for model in (SightingWeek, SightingWeekArea, SightingWeekDistrict):
        assert db.session.scalar(select(func.count()).select_from(model).where(
            model.week_start == lone.week_start)) == 0


def test_a_run_with_nothing_changed_writes_nothing(city):
    figures = aggregate_sightings()
    assert figures["weeks"] == 0 and figures["written"] == 0 and figures["deleted"] == 0


def _direct(rumour_id: int) -> tuple[list[tuple[date, int]], Counter]:
    months: Counter[date] = Counter()
    districts: Counter = Counter()
    for day, district_id in db.session.execute(
            select(Sighting.seen_on, Sighting.district_id).where(Sighting.rumour_id == rumour_id)):
        months[day.replace(day=1)] += 1
        districts[district_id] += 1
    return months, districts


def _page_figures(rumour_id: int, district_names: dict) -> tuple[Counter, Counter]:
    figures = stats.rumour_figures(rumour_id)
    names = {str(name): ident for ident, name in district_names.items()}
    return (Counter({month: n for month, n in figures.months if n}),
            Counter({names.get(str(name)): n for name, n in figures.districts}))


@pytest.mark.parametrize("taken_in", [False, True])
def test_a_rumours_page_counts_exactly_before_and_after_the_job(city, taken_in):
    _themes, districts, rumours, coordinator = city
    names = {d.id: d.name for d in districts}
    for rumour in rumours:  # every sighting falls within the twelve months shown
        assert _page_figures(rumour.id, names) == _direct(rumour.id)
    record_sighting(_input(today(), districts[1].id), reporter=coordinator,
                    rumour_id=rumours[0].id)
    old = db.session.scalar(select(Sighting).where(Sighting.rumour_id == rumours[1].id)
                            .order_by(Sighting.seen_on).limit(1))
    correct_sighting(old, _input(old.seen_on, None, 1), rumour_id=rumours[0].id,
                     actor=coordinator)
    db.session.commit()
    if taken_in:
        aggregate_sightings()
    else:  # the job has not run: the changed weeks are read from the sightings
        assert db.session.scalar(select(func.count()).select_from(SightingChange)) > 0
    for rumour in rumours:
        assert _page_figures(rumour.id, names) == _direct(rumour.id)


def test_a_week_across_two_months_is_counted_in_each(city):
    _themes, districts, rumours, _coordinator = city
    rumour = factories.rumour()
    first = today().replace(day=1)
    monday = week_of(first)
    if monday == first:  # the month began on a Monday: take the month before's
        first = (first - timedelta(days=1)).replace(day=1)
        monday = week_of(first)
    factories.sighting(rumour, seen_on=first - timedelta(days=1), district_id=districts[0].id)
    factories.sighting(rumour, seen_on=first, district_id=districts[0].id)
    stats.rebuild_aggregates()
    rows = set(db.session.execute(select(SightingWeekDistrict.week_start,
                                         SightingWeekDistrict.month_start,
                                         SightingWeekDistrict.sightings)
                                  .where(SightingWeekDistrict.rumour_id == rumour.id)))
    before = (first - timedelta(days=1)).replace(day=1)
    assert rows == {(monday, before, 1), (monday, first, 1)}
    months = dict(stats.rumour_figures(rumour.id).months)
    assert months.get(first) == 1 and months.get(before, 1) == 1


def test_consecutive_weeks_are_read_as_one_range():
    monday = date(2026, 3, 2)
    weeks = [monday, monday + timedelta(weeks=1), monday + timedelta(weeks=3)]
    assert week_spans(weeks) == [(monday, monday + timedelta(days=13)),
                                 (monday + timedelta(weeks=3), monday + timedelta(days=27))]


def test_the_page_reads_its_figures_in_a_few_queries_however_many_weeks_changed(
        client, city, query_counter):
    from ..support import login

    _themes, districts, rumours, coordinator = city
    login(client, coordinator)
    with query_counter() as taken_in:
        client.get(f"/rumours/{rumours[0].id}")
    for days in range(0, 200, 9):
        factories.sighting(rumours[0], seen_on=today() - timedelta(days=days),
                           district_id=districts[days % 3].id)
    db.session.commit()
    with query_counter() as pending:
        client.get(f"/rumours/{rumours[0].id}")
    assert pending.count == taken_in.count + 1  # the weeks not taken in, in one query


def test_the_incremental_run_leaves_rumours_without_sightings_without_totals(city):
    _themes, _districts, rumours, coordinator = city
    for sighting in list(db.session.scalars(select(Sighting).where(
            Sighting.rumour_id == rumours[1].id))):
        delete_sighting(sighting, actor=coordinator)
    db.session.commit()
    aggregate_sightings()
    for model in (SightingWeek, SightingWeekDistrict, RumourTrend):
        assert db.session.scalar(select(func.count()).select_from(model).where(
            model.rumour_id == rumours[1].id)) == 0
    assert db.session.get(Rumour, rumours[1].id).sighting_count == 0
