"""What the auth area plugs into the shared kernel: its menu entry and notification kinds."""

from __future__ import annotations

from ..core.audit import register_labels
from ..core.i18n import lazy_gettext as _l
from ..core.models import EMAIL_CHOICES
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


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "user.create": _l("Account created"),
            "user.update": _l("Account changed"),
            "user.password": _l("Password changed"),
            "user.email_notifications": _l("Choice of notifications by e-mail changed"),
            "user.password_reset_sent": _l("Password reset link sent"),
            "user.password_reset": _l("Password reset with an e-mailed link"),
            "user.login_failures": _l("Many failed sign-ins to the account"),
            "user.list": _l("List of accounts viewed"),
            "user.view": _l("Account viewed"),
        },
        kinds={"user": _l("Account"), "login_session": _l("Sign-in session")},
        fields={"failures": _l("Failed sign-ins"), "limit": _l("Alert threshold"),
                "user_id": _l("Account"), "email_notifications": _l("Notifications by e-mail")},
        values={"email_notifications": EMAIL_CHOICES},
    )


_register_nav()
_register_kinds()
_register_audit_labels()
