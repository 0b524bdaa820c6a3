"""What the shared kernel plugs into its own registries: menu entries and worklist fields."""

from __future__ import annotations

from .i18n import lazy_gettext as _l
from .models import District
from .nav import NavItem, register_nav
from .translatable import RegisteredField, localise, register_field


def _register_fields() -> None:
    register_field(RegisteredField(
        key="core.district.name", model=District, attribute="name", label=_l("Name"),
        kind_label=_l("District"),
        title=lambda district, locale: localise(district.name, locale).text or district.code,
        edit_endpoint="core.district_edit", edit_args=lambda district: {"district_id": district.id},
        edit_action="districts.manage",
    ))


def _register_nav() -> None:
    register_nav(NavItem("core.worklist", _l("Translations"), "translations.worklist", 80,
                         description=_l("Records still missing French or English text.")))
    register_nav(NavItem("core.districts", _l("Districts"), "districts.manage", 20, "admin"))
    register_nav(NavItem("core.audit_log", _l("Audit log"), "audit.view", 30, "admin"))
    register_nav(NavItem("core.status", _l("System status"), "system.status", 40, "admin"))


_register_fields()
_register_nav()
