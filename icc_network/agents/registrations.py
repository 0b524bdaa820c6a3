"""What the agents area plugs into the shared kernel: menus, home panels, translation
worklist fields, notification kinds, and the figures other areas may read (indicator
sources). Each concept registers in its own section."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from ..core.translatable import RegisteredField, localise, register_field
from .models import Module, Programme

# --- training ----------------------------------------------------------------


def _register_training_fields() -> None:
    for model, attribute, label, kind, endpoint, args in (
            (Programme, "name", _l("Name"), _l("Training programme"), "agents.programme_edit",
             lambda p: {"programme_id": p.id}),
            (Programme, "description", _l("Description"), _l("Training programme"),
             "agents.programme_edit", lambda p: {"programme_id": p.id}),
            (Module, "name", _l("Name"), _l("Training module"), "agents.module_edit",
             lambda m: {"module_id": m.id})):
        register_field(RegisteredField(
            key=f"agents.{model.__tablename__}.{attribute}", model=model, attribute=attribute,
            label=label, kind_label=kind, title=lambda row, loc: localise(row.name, loc).text[:80],
            edit_endpoint=endpoint, edit_args=args, edit_action="training.manage"))


_register_training_fields()

register_nav(NavItem("agents.sessions", _l("Training sessions"), "training.view", order=50,
                     group=_l("Training"),
                     description=_l("Plan sessions, enrol participants and take the roll call.")))
register_nav(NavItem("agents.programmes", _l("Training programmes"), "training.view", order=51,
                     group=_l("Training"),
                     description=_l("Programmes, their modules and the hours that certify.")))


# --- register ----------------------------------------------------------------


# --- certification and field work ---------------------------------------------


# --- reports -----------------------------------------------------------------
