"""The main menu and the home page's panels, contributed by each area."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .permissions import can


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: Any  # lazy string
    action: str
    order: int = 100
    section: str = "main"  # "main" menu or the "admin" menu
    description: Any = ""


@dataclass(frozen=True)
class HomePanel:
    """A block on the signed-in home page: a template and the data it needs."""

    key: str
    template: str
    action: str
    context: Callable[[Any], dict]
    order: int = 100


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, HomePanel] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.endpoint] = item


def register_home_panel(panel: HomePanel) -> None:
    _PANELS[panel.key] = panel


def nav_for(user: Any, section: str = "main") -> list[NavItem]:
    items = [i for i in _NAV.values() if i.section == section and can(user, i.action)]
    return sorted(items, key=lambda i: i.order)


def panels_for(user: Any) -> list[HomePanel]:
    return sorted((p for p in _PANELS.values() if can(user, p.action)), key=lambda p: p.order)
