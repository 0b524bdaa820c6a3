"""The product's areas, in dependency order, and the one way to find what each contributes.

An area is a package ``icc_network.<area>`` with the shape written in DESIGN.md.
Its blueprint, routes, registrations, jobs and demo data are found here, and so
are the parts that live outside the package and follow the same naming (the
benchmark's ``bench/areas/<area>.py``, the access tables of the test suite).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from types import ModuleType

# Dependency order: an area may import only the areas before it.
AREAS = ("core", "auth", "rumours", "network", "agents", "campaigns", "evaluation")

# What an area's package holds, imported when the application is built.
WEB_PARTS = ("views", "registrations")


def area_module(pattern: str, area: str) -> ModuleType | None:
    """The module ``pattern.format(area=area)`` (e.g. "icc_network.{area}.jobs"), if it exists."""
    name = pattern.format(area=area)
    parent = name.rpartition(".")[0]
    if parent and importlib.util.find_spec(parent) is None:
        return None
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def area_modules(pattern: str, areas: Iterable[str]) -> Iterator[ModuleType]:
    """Each area's module named by ``pattern``, in the areas' order, skipping areas without one."""
    for area in areas:
        module = area_module(pattern, area)
        if module is not None:
            yield module


def load_area(area: str) -> ModuleType:
    """The area's package with its routes and registrations imported; its ``bp`` is complete."""
    package = importlib.import_module(f"icc_network.{area}")
    for part in WEB_PARTS:
        area_module(f"icc_network.{{area}}.{part}", area)
    return package
