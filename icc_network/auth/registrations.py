"""What the auth area plugs into the shared kernel: its menu entry and notification kinds."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from ..core.notifications import NotificationKind, register_kind


def _register_nav() -> None:
    register_nav(NavItem("auth.users", _l("Users"), "users.manage", 10, "admin"))


def _register_kinds() -> None:
    register_kind(NotificationKind(
        "auth.password_reset",
        _l("%(by)s reset your password. If you did not ask for it, tell the city's administrator."),
        _l("Your password was reset"),
    ))


_register_nav()
_register_kinds()
