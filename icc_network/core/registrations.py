"""What the shared kernel plugs into its own registries: menu entries and worklist fields."""

from __future__ import annotations

from .audit import register_labels
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


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "district.create": _l("District created"),
            "district.update": _l("District changed"),
            "district.boundary_import": _l("District boundaries imported"),
            "district.boundary_remove": _l("District boundary removed"),
            "audit.export": _l("Audit log downloaded"),
        },
        kinds={"district": _l("District"), "audit_log": _l("Audit log")},
        # Fields the details of every area use.
        fields={
            "count": _l("Number shown"), "page": _l("Page"), "format": _l("Format"),
            "before": _l("Before"), "after": _l("After"), "from": _l("From"), "to": _l("To"),
            "changes": _l("Changes"), "changed": _l("Changed"), "fields": _l("Changed"),
            "title": _l("Title"), "name": _l("Name"), "status": _l("Status"),
            "kind": _l("Kind"), "code": _l("Code"), "active": _l("Active"),
            "description": _l("Description"), "language": _l("Language"),
            "locale": _l("Language"), "url": _l("Address"), "email": _l("E-mail address"),
            "phone": _l("Telephone"), "notes": _l("Notes"), "note": _l("Note"),
            "place": _l("Place"), "district_id": _l("District"),
            "organisation_id": _l("Organisation"), "rumour_id": _l("Rumour"),
            "campaign_id": _l("Campaign"), "agent_id": _l("Agent"),
            "session_id": _l("Training session"), "programme_id": _l("Programme"),
            "into": _l("Merged into"), "merged": _l("Merged record"), "filters": _l("Filters"),
            "search": _l("Search"), "role": _l("Role"), "reason": _l("Reason"),
            "record": _l("Record no."), "starts_with": _l("Action starts with"),
            "who": _l("Who"), "districts": _l("Districts"),
        },
    )


_register_fields()
_register_nav()
_register_audit_labels()
