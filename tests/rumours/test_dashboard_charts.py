"""The dashboard's small multiples, its partial current week and its map of sightings."""

from __future__ import annotations

import re
from datetime import timedelta

from icc_network.core.clock import today
from icc_network.core.demo import boundaries
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core
from ..support import login
from . import factories

SHAPES = boundaries(9)


def _aggregate(app) -> None:
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "rumours.aggregate_sightings"))


def _city(districts: int, start: int = 0) -> list:
    theme = factories.theme("Emploi", "Jobs")
    made = []
    for n in range(start, start + districts):
        district = core.district(f"q{n}", f"Quartier {n}", f"District {n}", boundary=SHAPES[n])
        rumour = factories.rumour(f"Rumeur {n}", f"Rumour {n}", theme_id=theme.id)
        for weeks in (1, 2, 4):
            factories.sighting(rumour, district_id=district.id,
                               seen_on=today() - timedelta(weeks=weeks))
        made.append(district)
    return made


def test_the_current_week_is_listed_as_partial_never_drawn_as_a_fall(app, client):
    _city(2)
    login(client, core.user("coordinator", locale="en"))
    _aggregate(app)
    page = client.get("/rumours/dashboard?weeks=13").get_data(as_text=True)
    themes = page[page.index('id="theme-weeks"'):]
    rows = re.findall(r"<tr( data-partial)?><th scope=\"row\">([^<]*)", themes[:themes.index("</table>")])
    assert len(rows) == 13
    assert [bool(partial) for partial, _label in rows] == [False] * 12 + [True]
    assert "(so far)" in rows[-1][1]
    heads = re.findall(r'<th scope="col" data-label( data-partial)?>', page)
    assert len(heads) == 13 and heads[-1] and not any(heads[:-1])
    assert page.count("this week so far: 0") >= 2  # nothing heard yet this week, said in words


def test_one_small_chart_per_theme_on_one_scale_with_its_table_folded(app, client):
    _city(2)
    login(client, core.user("coordinator", locale="en"))
    _aggregate(app)
    page = client.get("/rumours/dashboard?weeks=13").get_data(as_text=True)
    charts = re.findall(r'<canvas data-chart-for="theme-weeks" data-pick="(\d+)" data-small '
                        r'data-y-max="(\d+)"', page)
    assert charts and len({ymax for _pick, ymax in charts}) == 1
    sparks = re.findall(r'data-chart-for="rumour-weeks" data-pick="(\d+)" data-sparkline', page)
    assert sparks == ["0", "1"]
    assert page.count("<details>") >= 2 and "<details open" not in page
    assert 'data-axis="right"' not in page


def test_the_map_draws_every_district_with_a_boundary_and_lists_the_others(app, client):
    _city(3)
    core.district("sans", "Sans contour", "No outline")
    login(client, core.user("coordinator", locale="en"))
    _aggregate(app)
    page = client.get("/rumours/dashboard?weeks=13").get_data(as_text=True)
    svg = page[page.index('<svg class="district-map"'):page.index("</svg>")]
    assert svg.count("<path") == 3 and "District 0: 3" in svg
    assert "No outline" in page and "not on the map" in page


def test_the_dashboard_query_count_does_not_grow_with_districts(app, client, query_counter):
    login(client, core.user("coordinator", locale="en"))
    _city(2)
    _aggregate(app)
    with query_counter() as few:
        assert client.get("/rumours/dashboard?weeks=13").status_code == 200
    _city(6, start=2)
    _aggregate(app)
    with query_counter() as many:
        page = client.get("/rumours/dashboard?weeks=13").get_data(as_text=True)
    assert page.count("<path") == 8
    assert len(many.statements) == len(few.statements)
