"""The permission matrix: every route, every role, against an explicit table.

Each area keeps a module here named after it (``tests/access/<area>.py``) with
``ACCESS`` (endpoint -> Access) and ``build(world)``, which adds the records
its routes need to the shared ``World``.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable

from icc_network.core.permissions import (
    ADMIN,
    AGENT,
    ANONYMOUS,
    COORDINATOR,
    PARTNER,
    STAFF,
    TRAINER,
)

ALL_ROLES = (ANONYMOUS, ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF, AGENT)
EVERYONE = frozenset(ALL_ROLES)
SIGNED_IN = frozenset(ALL_ROLES) - {ANONYMOUS}
NOBODY: frozenset[str] = frozenset()


def only(*roles: str) -> frozenset[str]:
    return frozenset(roles)


@dataclass
class Access:
    """Who may use one endpoint, and how to build a request to it."""

    get: frozenset[str] | None = None  # None: the route takes no GET
    post: frozenset[str] | None = None  # None: the route takes no POST
    params: Callable[[Any], dict] = lambda world: {}
    query: dict = field(default_factory=dict)
    post_data: Callable[[Any], dict] = lambda world: {}
    # Some allowed GETs answer with a redirect or a download; anything below 400 is fine.


@dataclass
class World:
    """Records every route's URL parameters point at, one set per test."""

    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def area_modules(app):
    for area in app.config["AREAS"]:
        name = f"tests.access.{area}"
        if importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)


def access_table(app) -> dict[str, Access]:
    table: dict[str, Access] = {}
    for module in area_modules(app):
        overlap = set(table) & set(module.ACCESS)
        assert not overlap, f"endpoints listed twice: {overlap}"
        table.update(module.ACCESS)
    return table


def build_world(app) -> World:
    world = World()
    for module in area_modules(app):
        module.build(world)
    return world
