"""What an area offers to areas that may not import it: choice lists and indicator sources.

Imports point down only, and peers never import each other (DESIGN.md, "Area
contract"). When an area needs something that a peer or a higher area owns, the
owner registers it here from its ``registrations.py`` and the reader asks for it
by name. When nobody registered it, the reader gets an empty list or its
default: an application built without the owning area still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context

# --- choice sources: (value, label) lists for forms of another area ---------

ChoiceSource = Callable[[], Iterable[tuple[Any, Any]]]

_CHOICES: dict[str, ChoiceSource] = {}


def register_choices(key: str, source: ChoiceSource) -> None:
    """Offer the list ``key`` (e.g. "organisations") to other areas' forms."""
    _CHOICES[key] = source


def choices_for(key: str) -> list[tuple[Any, Any]]:
    """The registered list ``key``, read now; empty when no area offers it."""
    source = _CHOICES.get(key)
    return [] if source is None else list(source())


# --- lookups: names of a few records of another area, by id -----------------

LookupSource = Callable[[list[Any]], Mapping[Any, Any]]

_LOOKUPS: dict[str, LookupSource] = {}


def register_lookup(key: str, source: LookupSource) -> None:
    """Offer ``key`` (e.g. "organisations"): the names of the records whose ids are asked."""
    _LOOKUPS[key] = source


def lookup(key: str, ids: Iterable[Any]) -> dict[Any, Any]:
    """The names of the records ``ids`` of ``key``; empty when no area offers it. For a
    page that shows a few of a long list (its choices would read every row)."""
    wanted = sorted({i for i in ids if i is not None})
    source = _LOOKUPS.get(key)
    return {} if source is None or not wanted else dict(source(wanted))


# --- indicator sources: named figures an area publishes for others to read ---

@dataclass(frozen=True)
class IndicatorSource:
    key: str  # "<area>.<figure>", e.g. "rumours.sightings_per_district"
    label: Any  # lazy string, for lists of the figures one may read
    compute: Callable[..., Any]  # keyword parameters documented by the publishing area
    description: Any = ""

    @property
    def area(self) -> str:
        return self.key.partition(".")[0]


_INDICATORS: dict[str, IndicatorSource] = {}


def register_indicator(source: IndicatorSource) -> None:
    if not source.area or source.area == source.key:
        raise ValueError(f"indicator key {source.key!r} must start with its area")
    _INDICATORS[source.key] = source


def _runs(area: str) -> bool:
    """Is ``area`` part of the current application? Registries outlive one app in a process."""
    return not has_app_context() or area in current_app.config.get("AREAS", (area,))


def indicator_source(key: str) -> IndicatorSource | None:
    source = _INDICATORS.get(key)
    return source if source is not None and _runs(source.area) else None


def indicator_sources() -> list[IndicatorSource]:
    """Every figure published by the areas of the current application, by key."""
    return sorted((s for s in _INDICATORS.values() if _runs(s.area)), key=lambda s: s.key)


def indicator(key: str, default: Any = None, **params: Any) -> Any:
    """The figure ``key`` computed with ``params``; ``default`` when no area publishes it."""
    source = indicator_source(key)
    return default if source is None else source.compute(**params)
