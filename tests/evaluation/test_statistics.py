"""The survey statistics against published worked examples.

Single proportions: Newcombe RG (1998), "Two-sided confidence intervals for the single
proportion: comparison of seven methods", Statistics in Medicine 17, 857-872, method 3
(Wilson score, no continuity correction). Differences: Newcombe RG (1998), "Interval
estimation for the difference between independent proportions: comparison of eleven
methods", Statistics in Medicine 17, 873-890, method 10 (hybrid score).
"""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from icc_network.evaluation.services.statistics import (
    Interval,
    newcombe,
    points,
    verdict,
    wilson,
)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0),
])
def test_wilson_interval_matches_the_published_examples(k, n, low, high):
    interval = wilson(k, n)
    assert interval is not None
    assert round(interval.estimate, 4) == round(k / n, 4)
    assert round(interval.low, 4) == low
    assert round(interval.high, 4) == high


@pytest.mark.parametrize(("k1", "n1", "k2", "n2", "difference", "low", "high"), [
    (56, 70, 48, 80, 0.2000, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.6000, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.5714, 0.0582, 0.8062),
    (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
])
def test_newcombe_interval_matches_the_published_examples(k1, n1, k2, n2, difference, low,
                                                          high):
    interval = newcombe(k1, n1, k2, n2)
    assert interval is not None
    assert round(interval.estimate, 4) == difference
    assert round(interval.low, 4) == low
    assert round(interval.high, 4) == high


def test_no_answers_give_no_figure_rather_than_a_nan():
    assert wilson(0, 0) is None
    assert newcombe(3, 10, 0, 0) is None
    assert newcombe(0, 0, 3, 10) is None
    assert verdict(None)


def test_a_share_of_all_or_nothing_stays_within_zero_and_one():
    assert wilson(0, 5).low == 0.0
    assert wilson(5, 5).high == 1.0


def test_points_round_half_away_from_zero():
    assert points(0.125) == 13
    assert points(-0.125) == -13
    assert points(0.1249) == 12


def test_a_fall_whose_interval_excludes_zero_is_told_in_points():
    change = Interval(-0.12, -0.19, -0.05)
    with force_locale("en"):
        assert verdict(change) == "fell by 12 points, 95 % interval 5 to 19 points"


def test_a_rise_is_told_as_such():
    with force_locale("en"):
        assert verdict(newcombe(56, 70, 48, 80)) == \
            "rose by 20 points, 95 % interval 5 to 33 points"


def test_an_interval_spanning_zero_is_no_clear_change():
    with force_locale("en"):
        text = verdict(newcombe(5, 56, 0, 29))
    assert text == "no clear change (95 % interval \u22124 to +19 points)"


def test_the_verdict_is_in_the_users_language():
    with force_locale("fr"):
        text = verdict(Interval(-0.12, -0.19, -0.05))
    assert "12" in text and "19" in text
    assert "points" in text
