"""The shared kernel: districts, translations, permissions, audit, errors, layout."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("core", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/core")


def _register() -> None:
    from . import views  # noqa: F401 - registers the routes
    from .models import District
    from .nav import NavItem, register_nav
    from .translatable import RegisteredField, localise, register_field

    register_field(
        RegisteredField(
            key="core.district.name",
            model=District,
            attribute="name",
            label=_l("Name"),
            kind_label=_l("District"),
            title=lambda district, locale: localise(district.name, locale).text or district.code,
            edit_endpoint="core.district_edit",
            edit_args=lambda district: {"district_id": district.id},
            edit_action="districts.manage",
        )
    )
    register_nav(NavItem("core.worklist", _l("Translations"), "translations.worklist", 80,
                         description=_l("Records still missing French or English text.")))
    register_nav(NavItem("auth.users", _l("Users"), "users.manage", 10, "admin"))
    register_nav(NavItem("core.districts", _l("Districts"), "districts.manage", 20, "admin"))
    register_nav(NavItem("core.audit_log", _l("Audit log"), "audit.view", 30, "admin"))
    register_nav(NavItem("core.status", _l("System status"), "system.status", 40, "admin"))


_register()
