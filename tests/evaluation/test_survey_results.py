"""Survey results: shares per wave, the change between waves, and breakdowns whose small
cells are suppressed so that nobody can be recognised."""

from __future__ import annotations

from icc_network.evaluation.services.survey_results import (
    Counts,
    breakdowns,
    statement_results,
    suppress,
)

from .. import factories as core
from ..rumours import factories as rumour_factories
from . import factories


def _survey():
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    survey = factories.survey(rumours=[rumour])
    return survey, factories.first_statement(survey)


def test_a_cell_of_nine_is_hidden_and_a_cell_of_ten_is_shown():
    cells = {key: Counts(agree=n) for key, n in (("a", 40), ("b", 30), ("c", 10), ("d", 9))}
    shown = {cell.key: cell for cell in suppress(cells)}
    assert shown["d"].hidden and shown["d"].counts is None and shown["d"].share is None
    # "d" alone would be worked out from the total: the next smallest goes too.
    assert shown["c"].hidden
    assert not shown["a"].hidden and not shown["b"].hidden
    assert shown["a"].counts.answered == 40


def test_ten_respondents_exactly_are_shown_when_no_cell_is_small():
    shown = suppress({"a": Counts(agree=5, disagree=5), "b": Counts(agree=10, dont_know=2)})
    assert not any(cell.hidden for cell in shown)


def test_two_small_cells_hide_only_themselves():
    shown = {c.key: c.hidden for c in suppress({"a": Counts(agree=50), "b": Counts(agree=20),
                                                "c": Counts(agree=3), "d": Counts(agree=4)})}
    assert shown == {"a": False, "b": False, "c": True, "d": True}


def test_the_share_agreeing_counts_dont_know_in_the_answers():
    survey, statement = _survey()
    before = factories.wave(survey, "Avant")
    factories.respondents(before, statement, agree=30, disagree=50, dont_know=20)
    [result] = statement_results([statement], [before])
    share = result.shares[0]
    assert share.counts.answered == 100
    assert share.share.estimate == 0.30
    assert result.change is None


def test_the_change_between_the_first_and_the_last_wave_has_its_interval_and_verdict():
    survey, statement = _survey()
    before = factories.wave(survey, "Avant")
    after = factories.wave(survey, "Après", kind="follow_up")
    factories.wave_total(before, statement, agree=48, disagree=32)
    factories.wave_total(after, statement, agree=56, disagree=14)
    [result] = statement_results([statement], [before, after])
    change = result.change
    assert round(change.interval.estimate, 4) == 0.2000
    assert round(change.interval.low, 4) == 0.0524
    assert round(change.interval.high, 4) == 0.3339
    assert "20" in change.verdict and "5" in change.verdict and "33" in change.verdict


def test_a_wave_without_answers_shows_no_share_and_is_not_compared():
    survey, statement = _survey()
    before = factories.wave(survey, "Avant")
    empty = factories.wave(survey, "Vide")
    factories.respondents(before, statement, agree=3, disagree=3)
    [result] = statement_results([statement], [before, empty])
    assert result.shares[1].share is None
    assert result.change is None


def test_breakdown_by_district_suppresses_the_small_district(query_counter):
    survey, statement = _survey()
    north, south, east = (core.district(fr=name) for name in ("Nord", "Sud", "Est"))
    wave = factories.wave(survey)
    factories.respondents(wave, statement, agree=20, disagree=5, district=north)
    factories.respondents(wave, statement, agree=6, disagree=6, district=south)
    factories.respondents(wave, statement, agree=4, disagree=5, district=east)
    wave_id, statement_id = wave.id, statement.id
    ids = {name: d.id for name, d in (("north", north), ("south", south), ("east", east))}
    with query_counter() as log:
        found = breakdowns(wave_id, [statement_id])
    cells = {c.key: c for c in found["district"][statement_id]}
    assert log.count == 1
    assert not any(c.hidden for c in found["gender"][statement_id])  # all "not given"
    assert cells[ids["east"]].hidden and cells[ids["south"]].hidden
    assert not cells[ids["north"]].hidden and cells[ids["north"]].counts.agree == 20
