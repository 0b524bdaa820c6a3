"""What every template can use: permissions, menus, forms for the layout."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from . import notifications
from .nav import menu_for, nav_for
from .permissions import can


def init_app(app: Flask) -> None:
    @app.context_processor
    def layout_context():
        return {
            "can": lambda action, obj=None: can(current_user, action, obj),
            "main_nav": lambda: menu_for(current_user),
            "admin_nav": lambda: nav_for(current_user, "admin"),
            "city_name": app.config.get("CITY_NAME") or "",
            "unread_notifications": lambda: (
                notifications.unread_count(current_user.id) if current_user.is_authenticated else 0
            ),
        }
