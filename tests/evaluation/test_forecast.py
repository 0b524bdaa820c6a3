"""The forecast method on series whose answer is known."""

from __future__ import annotations

import math

import pytest

from icc_network.evaluation.services import forecast


def test_an_exact_line_is_projected_with_a_zero_width_interval():
    result = forecast.linear_forecast([1.0, 3.0, 5.0, 7.0], 3)
    assert result.slope == pytest.approx(2)
    assert result.intercept == pytest.approx(1)
    assert result.s == pytest.approx(0)
    assert result.n == 4
    for (value, low, high), expected in zip(result.points, (9, 11, 13), strict=True):
        assert value == pytest.approx(expected)
        assert low == pytest.approx(expected) and high == pytest.approx(expected)


def test_a_textbook_example_matches_the_figures_worked_by_hand():
    # x = 0..4, y = 2, 4, 5, 4, 5: b = 6/10 = 0.6, a = 4 - 0.6 * 2 = 2.8, SSE = 2.4,
    # s = sqrt(2.4 / 3); at x = 5: ŷ = 5.8, half-width = t(0.975, 3) * s * sqrt(1 + 1/5 + 9/10)
    # = 3.182446 * 0.894427 * 1.449138 = 4.124922.
    result = forecast.linear_forecast([2, 4, 5, 4, 5], 2)
    assert (result.slope, result.intercept) == (pytest.approx(0.6), pytest.approx(2.8))
    assert result.s == pytest.approx(math.sqrt(0.8))
    value, low, high = result.points[0]
    assert value == pytest.approx(5.8)
    assert low == pytest.approx(5.8 - 4.124922, abs=1e-5)
    assert high == pytest.approx(5.8 + 4.124922, abs=1e-5)
    # One period further the interval is wider: (6 - 2)² / 10 instead of 9 / 10.
    assert result.points[1][0] == pytest.approx(6.4)
    assert result.points[1][2] - result.points[1][0] > high - value


def test_periods_without_a_value_keep_their_place_on_the_line():
    result = forecast.linear_forecast([10, None, 30, 40], 1)
    assert result.n == 3
    assert result.slope == pytest.approx(10)
    assert result.intercept == pytest.approx(10)
    assert result.points[0][0] == pytest.approx(50)


def test_fewer_than_three_points_give_no_forecast_and_say_why():
    result = forecast.linear_forecast([5, None, 7], 4)
    assert result.points == [] and result.slope is None
    assert result.reason == forecast.TOO_FEW_POINTS
    assert forecast.linear_forecast([], 4).reason == forecast.TOO_FEW_POINTS


def test_nan_values_are_left_out_rather_than_spread():
    result = forecast.linear_forecast([1, float("nan"), 3, 4, 5], 1)
    assert result.n == 4
    assert all(math.isfinite(v) for v in result.points[0])


def test_the_projection_is_clamped_to_the_bounds_given():
    falling = forecast.linear_forecast([30, 20, 10, 5], 4, lower=0, upper=100)
    assert all(0 <= v <= 100 for point in falling.points for v in point)
    assert falling.points[-1][0] == 0
    rising = forecast.linear_forecast([90, 95, 99, 100], 3, lower=0, upper=100)
    assert all(point[2] <= 100 for point in rising.points)


def test_no_horizon_fits_the_line_without_projecting():
    result = forecast.linear_forecast([1, 2, 3], 0)
    assert result.points == [] and result.slope == pytest.approx(1) and not result.reason
