"""The annual report's charts: PNG images drawn by matplotlib (Agg, in memory), their
numbers written in the report's locale. Each chart of the report also has a table of its
figures beside it, so nothing is said by the picture alone.

matplotlib is imported when a chart is drawn, not when the application starts: it takes
half a second to load and only the report needs it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import format_date, format_decimal, format_percent

WIDTH, HEIGHT = 6.4, 2.7  # inches; the PDF and the DOCX scale them to the text width
DPI = 150
SERIES, FORECAST, BASELINE, TARGET, PREVIOUS = "#1f5f8b", "#b5651d", "#6c757d", "#2e7d32", "#9ecae1"


@dataclass
class Chart:
    png: bytes
    width: float  # inches
    height: float


def _figure(height: float = HEIGHT):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    return figure, axes


def _number_axis(axis, share: bool = False) -> None:
    """Ticks in the report's locale; whole numbers only, unless the values are shares."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if not share:
        axis.set_major_locator(MaxNLocator(integer=True, nbins="auto"))

    def label(value: float, _position: Any) -> str:
        if share:
            return format_percent(value / 100, format="#,##0%")
        return format_decimal(value, format="#,##0.#")

    axis.set_major_formatter(FuncFormatter(label))


def _png(figure, height: float = HEIGHT) -> Chart:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return Chart(out.getvalue(), WIDTH, height)


def _date_axis(axis) -> None:
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.ticker import FuncFormatter

    axis.set_major_locator(AutoDateLocator(maxticks=8))
    axis.set_major_formatter(FuncFormatter(
        lambda value, _position: format_date(num2date(value).date(), "MMM y")))


def measure_chart(points: Sequence[tuple[date, float | None]],
                  forecast: Sequence[tuple[date, float, float, float]],
                  baseline: float | None, target: tuple[date | None, float] | None,
                  labels: dict[str, str], share: bool = False) -> Chart:
    """A measure's curve: its values, the forecast with its range, the baseline and the
    target (a line; its date is marked when it falls inside the curve's dates).
    ``labels`` names the legend's entries in the report's language."""
    figure, axes = _figure()
    days = [d for d, v in points if v is not None]
    axes.plot(days, [v for _d, v in points if v is not None], color=SERIES, marker="o",
              markersize=3, linewidth=1.8, label=labels["series"])
    if forecast:
        axes.fill_between([f[0] for f in forecast], [f[2] for f in forecast],
                          [f[3] for f in forecast], color=FORECAST, alpha=0.15, linewidth=0)
        axes.plot([f[0] for f in forecast], [f[1] for f in forecast], color=FORECAST,
                  linestyle="--", linewidth=1.4, label=labels["forecast"])
    if baseline is not None:
        axes.axhline(baseline, color=BASELINE, linestyle=":", linewidth=1.2,
                     label=labels["baseline"])
    if target is not None:
        on, value = target
        axes.axhline(value, color=TARGET, linestyle="-.", linewidth=1.2, label=labels["target"])
        if on is not None and days and days[0] <= on <= days[-1]:
            axes.plot([on], [value], marker="*", markersize=10, color=TARGET)
    _number_axis(axes.yaxis, share)
    shown = days + [f[0] for f in forecast]
    if shown and min(shown) == max(shown):  # one period: give the axis a few weeks around it
        axes.set_xlim(min(shown) - timedelta(days=45), max(shown) + timedelta(days=45))
    _date_axis(axes.xaxis)
    axes.legend(fontsize=7, frameon=False, loc="best")
    figure.autofmt_xdate(rotation=30)
    return _png(figure)


def bar_chart(labels: Sequence[str], values: Sequence[float], ylabel: str) -> Chart:
    """Vertical bars, one per label (the months of the year)."""
    figure, axes = _figure()
    axes.bar(range(len(values)), values, color=SERIES)
    axes.set_xticks(range(len(labels)), labels, fontsize=7)
    axes.set_ylabel(ylabel, fontsize=8)
    _number_axis(axes.yaxis)
    return _png(figure)


def pair_chart(labels: Sequence[str], values: Sequence[float], previous: Sequence[float],
               legend: tuple[str, str]) -> Chart:
    """Horizontal bars: each figure this year beside the previous year."""
    height = max(1.8, 0.45 * len(labels) + 0.8)
    figure, axes = _figure(height)
    rows = range(len(labels))
    axes.barh([r + 0.2 for r in rows], previous, height=0.4, color=PREVIOUS, label=legend[1])
    axes.barh([r - 0.2 for r in rows], values, height=0.4, color=SERIES, label=legend[0])
    axes.set_yticks(list(rows), [_short(label) for label in labels], fontsize=7)
    axes.invert_yaxis()
    _number_axis(axes.xaxis)
    handles, names = axes.get_legend_handles_labels()
    axes.legend(handles[::-1], names[::-1], fontsize=7, frameon=False, loc="lower right")
    return _png(figure, height)


def ranking_chart(labels: Sequence[str], values: Sequence[float], xlabel: str) -> Chart:
    """Horizontal bars, largest first (people reached per campaign)."""
    height = max(1.6, 0.35 * len(labels) + 0.8)
    figure, axes = _figure(height)
    axes.barh(range(len(values)), values, color=SERIES)
    axes.set_yticks(range(len(labels)), [_short(label) for label in labels], fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel, fontsize=8)
    _number_axis(axes.xaxis)
    return _png(figure, height)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
