"""The headline measures on the home page: each measure's latest figure from its stored
run, the change since the period before and whether it goes the right way."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from icc_network.evaluation.services.curves import curve
from icc_network.evaluation.services.dashboards import headline, headlines, verdict

from . import factories

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
TODAY = date(2027, 6, 15)


def _headline(measure, points, today=TODAY, **kwargs):
    run = SimpleNamespace(points=points, forecast=[], baseline=None, computed_at=None, method={})
    return headline(measure, curve(measure, run, today), **kwargs)


def test_headlines_are_the_headline_measures_in_order_with_their_latest_run():
    second = factories.measure("Deuxième", headline=True, position=2)
    first = factories.measure("Première", headline=True, position=1)
    factories.measure("Pas à la une")
    factories.measure_run(first, [(JAN, 3.0)], latest=False)
    factories.measure_run(first, [(JAN, 3.0), (FEB, 5.0)])
    shown, total = headlines()
    assert [h.measure.id for h in shown] == [first.id, second.id] and total == 2
    assert headlines(limit=1)[1] == 2
    assert (shown[0].latest, shown[0].change, shown[0].verdict) == (5.0, 2.0, "better")
    assert (shown[1].points, shown[1].latest, shown[1].verdict) == ([], None, "")


def test_the_change_skips_periods_without_a_figure_and_follows_the_polarity():
    measure = factories.measure(polarity="down")
    item = _headline(measure, [[JAN.isoformat(), 10], [FEB.isoformat(), None],
                               [MAR.isoformat(), 7.5]])
    assert (item.latest, item.latest_on, item.previous) == (7.5, MAR, 10.0)
    assert item.change == -2.5 and item.verdict == "better"
    assert item.points == [(JAN, 10.0), (FEB, None), (MAR, 7.5)]


def test_one_figure_or_none_gives_no_change_and_no_verdict():
    measure = factories.measure()
    assert _headline(measure, [[JAN.isoformat(), 4]]).change is None
    only_gaps = _headline(measure, [[JAN.isoformat(), None], [FEB.isoformat(), "nan"]])
    assert (only_gaps.latest, only_gaps.verdict) == (None, "")


def test_the_sparkline_keeps_the_last_periods():
    measure = factories.measure()
    points = [[date(2025, m, 1).isoformat(), m] for m in range(1, 13)]
    assert [v for _d, v in _headline(measure, points, spark_points=3).points] == [10, 11, 12]


def test_verdicts():
    assert verdict(1.0, "up") == "better" and verdict(-1.0, "up") == "worse"
    assert verdict(-1.0, "down") == "better" and verdict(0.0, "down") == "steady"
    assert verdict(None, "up") == ""


def test_the_period_still_running_is_not_the_latest_figure():
    measure = factories.measure()
    item = _headline(measure, [[JAN.isoformat(), 8], [FEB.isoformat(), 9],
                               [MAR.isoformat(), 0]], today=date(2026, 3, 1))
    assert (item.latest, item.latest_on, item.change) == (9, FEB, 1)
    assert item.points == [(JAN, 8), (FEB, 9)]


def test_the_panel_is_drawn_once_and_again_when_its_measures_change(client, query_counter):
    from icc_network.extensions import db

    from .. import factories as core_factories
    from ..support import login

    measure = factories.measure("Sentiment de sécurité", headline=True)
    old = factories.measure_run(measure, [(JAN, 3.0), (FEB, 5.0)])
    db.session.commit()
    login(client, core_factories.user("coordinator", locale="en"))
    assert "5" in _headline_value(client.get("/").get_data(as_text=True))
    with query_counter() as counted:
        again = client.get("/").get_data(as_text=True)
    assert f"measure_id={measure.id}" in again or f"/measures/{measure.id}" in again
    assert not any("rba_measure_run.points" in statement for statement in counted.statements)
    old.latest = False
    factories.measure_run(measure, [(JAN, 3.0), (FEB, 5.0), (MAR, 42.0)])
    db.session.commit()
    assert "42" in _headline_value(client.get("/").get_data(as_text=True))
    measure.title = {"fr": "Confiance", "en": "Trust"}
    db.session.commit()
    assert "Trust" in client.get("/").get_data(as_text=True)


def _headline_value(page: str) -> str:
    return page.split('class="headline-value">', 1)[1].split("</span>", 1)[0]
