"""What the generator and the runner share: scales, the context, page and measure specs."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from icc_network.core.areas import area_modules

SCALES = ("small", "city", "metropolis")


@dataclass
class Context:
    """Passed to each area: the scale, a seeded random source, and what areas created."""

    scale: str
    app: Any
    rng: random.Random = field(default_factory=lambda: random.Random(20261125))
    ids: dict[str, list[int]] = field(default_factory=dict)

    def pick(self, scale_values: dict[str, Any]) -> Any:
        return scale_values[self.scale]


@dataclass
class Page:
    name: str
    path: str | Callable[[Any], str]
    role: str | None  # None: anonymous
    method: str = "GET"
    data: Callable[[Any], dict] | None = None
    budget_ms: float | None = None  # p95 target from the issue, reported next to the figure
    floor_ratio: float | None = None  # p95 must stay within this many floors


@dataclass
class Measure:
    name: str
    value_ms: float
    budget_ms: float | None = None
    note: str = ""


def bench_modules(app):
    """Each area's `bench/areas/<area>.py`."""
    return area_modules("bench.areas.{area}", app.config["AREAS"])
