"""The main menu, the home page's panels and the panels of detail pages, contributed by
each area."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .permissions import can, named_for


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: Any  # lazy string
    action: str
    order: int = 100
    section: str = "main"  # "main" menu or the "admin" menu
    description: Any = ""
    group: Any = None  # lazy string: items sharing it form one drop-down of the menu


@dataclass(frozen=True)
class NavGroup:
    label: Any
    items: list[NavItem]


@dataclass(frozen=True)
class HomePanel:
    """A block on the signed-in home page: a template and the data it needs."""

    key: str
    template: str
    action: str
    context: Callable[[Any], dict | None]  # user -> data; None shows nothing
    order: int = 100


@dataclass(frozen=True)
class DetailPanel:
    """A block on another area's detail page (a rumour's page lists the campaigns that
    target it): the page's endpoint, a template, and the data it needs for one record."""

    key: str
    page: str  # endpoint of the page, e.g. "rumours.detail"
    template: str
    action: str
    context: Callable[[Any, Any], dict | None]  # (record, user) -> data; None shows nothing
    order: int = 100


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, HomePanel] = {}
_DETAIL_PANELS: dict[str, DetailPanel] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.endpoint] = item


def register_home_panel(panel: HomePanel) -> None:
    _PANELS[panel.key] = panel


def register_detail_panel(panel: DetailPanel) -> None:
    _DETAIL_PANELS[panel.key] = panel


def detail_panels_for(page: str, user: Any, record: Any) -> list[tuple[DetailPanel, dict]]:
    """The panels other areas add to ``page`` for ``record``, with their data, in order."""
    shown = []
    for panel in sorted(_DETAIL_PANELS.values(), key=lambda p: p.order):
        if panel.page == page and can(user, panel.action):
            context = panel.context(record, user)
            if context is not None:
                shown.append((panel, context))
    return shown


def nav_for(user: Any, section: str = "main") -> list[NavItem]:
    items = [i for i in _NAV.values() if i.section == section and can(user, i.action)]
    return sorted(items, key=lambda i: i.order)


def menu_for(user: Any) -> list[NavItem | NavGroup]:
    """The main menu: single items, and groups of two or more items as drop-downs."""
    entries: list[NavItem | NavGroup] = []
    groups: dict[str, NavGroup] = {}
    for item in nav_for(user, "main"):
        if item.group is None:
            entries.append(item)
            continue
        key = str(item.group)
        if key not in groups:
            groups[key] = NavGroup(item.group, [])
            entries.append(groups[key])
        groups[key].items.append(item)
    return [e.items[0] if isinstance(e, NavGroup) and len(e.items) == 1 else e for e in entries]


def panels_for(user: Any) -> list[HomePanel]:
    """The home page's panels of the user's role: those whose action names the role (an
    administrator, who may do everything, gets the panels naming administrators)."""
    return sorted((p for p in _PANELS.values() if named_for(user, p.action)),
                  key=lambda p: p.order)
