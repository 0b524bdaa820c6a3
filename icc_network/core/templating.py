"""What every template can use: permissions, menus, forms for the layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request
from flask_login import current_user
from markupsafe import Markup

from . import assets, notifications
from .i18n import current_language
from .nav import menu_for, nav_for
from .permissions import can, role_of

# Rendered menus depend only on the role, the language, the mount point and the
# current page; this bounds how many of them are kept per process.
FRAGMENT_CACHE_SIZE = 4096


def cached_fragment(template: str, key: tuple, context: Callable[[], dict[str, Any]]) -> Markup:
    """Render ``template`` with what ``context()`` gives, once per ``key`` and process.

    Only for fragments that are a pure function of the key (menus built from
    the role and the language): they are rebuilt at each request in debug mode
    so that template edits show at once. The template is rendered by the app's
    environment, which escapes like any page; the result is stored as Markup
    only so that it is not escaped a second time where it is included.
    """
    app = current_app._get_current_object()
    cache: dict[tuple, Markup] = app.extensions.setdefault("icc_fragments", {})
    full_key = (template, *key)
    html = None if app.debug else cache.get(full_key)
    if html is None:
        html = Markup(app.jinja_env.get_template(template).render(**context()))
        if len(cache) >= FRAGMENT_CACHE_SIZE:
            cache.clear()
        cache[full_key] = html
    return html


def shared_fragment(template: str, version: tuple, context: Callable[[], dict[str, Any]]) -> Markup:
    """A fragment that is the same for every user who may see it (a home panel's figures):
    rendered once per language, mount point and ``version`` of the data it shows, which
    must change whenever anything the fragment shows does."""
    return cached_fragment(template, (current_language(), request.script_root, *version), context)


def _menu_key() -> tuple:
    return (role_of(current_user), current_language(), request.script_root)


def main_menu() -> Markup:
    """The navigation bar's menus for the current user and page."""
    endpoint = request.endpoint
    return cached_fragment("core/_menu.html", (*_menu_key(), endpoint), lambda: {
        "entries": menu_for(current_user), "admin_items": nav_for(current_user, "admin"),
        "endpoint": endpoint})


def home_cards() -> Markup:
    """The home page's shortcuts to what the current user may do."""
    return cached_fragment("core/_home_cards.html", _menu_key(),
                           lambda: {"cards": nav_for(current_user)})


def unread_notifications() -> int:
    """The badge's number: loaded with the signed-in user, counted here otherwise."""
    if not current_user.is_authenticated:
        return 0
    loaded = getattr(current_user, "unread_notifications", None)
    return loaded if loaded is not None else notifications.unread_count(current_user.id)


def init_app(app: Flask) -> None:
    assets.init_app(app)

    @app.context_processor
    def layout_context():
        return {
            "can": lambda action, obj=None: can(current_user, action, obj),
            "main_menu": main_menu,
            "city_name": app.config.get("CITY_NAME") or "",
            "unread_notifications": unread_notifications,
        }
