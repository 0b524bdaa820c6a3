"""Accounts, roles, login and logout, passwords, own-data export."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from flask_babel import lazy_gettext as _l  # noqa: E402

from ..core.notifications import NotificationKind, register_kind  # noqa: E402
from . import views  # noqa: E402,F401 - registers the routes

register_kind(NotificationKind(
    "auth.password_reset",
    _l("%(by)s reset your password. If you did not ask for it, tell the city's administrator."),
    _l("Your password was reset"),
))
