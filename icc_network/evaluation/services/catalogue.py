"""The catalogue of measures computed from the records: what each one counts, shown to the
user as its definition, in which RBA quadrant it sits, and how to compute it for one
period.

Every definition's ``compute(start, end, **params)`` takes the period's first and last
day (dates, inclusive) and the parameters the definition names in ``params`` (any of
"district_id", "campaign_id", "statement_id"), and returns a number, or None when the
period has nothing to count (a share of zero agents is no figure, not 0 %).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

Compute = Callable[..., float | None]


@dataclass(frozen=True)
class MeasureDefinition:
    key: str
    label: Any  # lazy string
    definition: Any  # lazy string: what is counted, and how
    quadrant: str  # vocab.QUADRANTS
    unit: str  # vocab.UNITS
    polarity: str  # vocab.POLARITIES
    compute: Compute
    params: tuple[str, ...] = ()  # which of district_id, campaign_id, statement_id it takes


_DEFINITIONS: dict[str, MeasureDefinition] = {}


def register(definition: MeasureDefinition) -> None:
    _DEFINITIONS[definition.key] = definition


def definitions() -> list[MeasureDefinition]:
    """Every definition, by quadrant then key."""
    order = {"how_much": 0, "how_well": 1, "better_off": 2}
    return sorted(_DEFINITIONS.values(), key=lambda d: (order[d.quadrant], d.key))


def definition(key: str | None) -> MeasureDefinition | None:
    return _DEFINITIONS.get(key or "")


def compute(key: str, start: date, end: date, params: dict | None = None) -> float | None:
    """The figure of definition ``key`` for one period."""
    found = definition(key)
    if found is None:
        return None
    given = {name: value for name, value in (params or {}).items() if name in found.params}
    return found.compute(start=start, end=end, **given)
