"""What the agents area plugs into the shared kernel: menus, home panels, translation
worklist fields, notification kinds, and the figures other areas may read (indicator
sources). Each concept registers in its own section."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from ..core.registries import IndicatorSource, register_indicator
from ..core.translatable import RegisteredField, localise, register_field
from .models import Module, Programme
from .services import reports

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


# --- register ----------------------------------------------------------------


# --- certification and field work ---------------------------------------------


# --- reports -----------------------------------------------------------------


def _register_report_nav() -> None:
    register_nav(NavItem("agents.reports", _l("Training reports"), "agents.reports", 58,
                         description=_l("Hours delivered, people trained and certified, "
                                        "conversations in the field."),
                         group=_l("Training")))
    # Counts of the register for those who do not keep it (partners, staff).
    register_nav(NavItem("agents.overview", _l("Agents in figures"), "agents.overview", 59,
                         description=_l("How many agents there are, where, and how many are "
                                        "certified."),
                         group=_l("Training")))


# Every figure is computed with the keyword parameters start and end (dates, inclusive;
# None for no bound) and district_id (None for the whole city), and is a number.


def _register_report_indicators() -> None:
    for key, label, compute, description in (
            ("agents.hours_delivered", _l("Training hours delivered"), reports.hours_delivered,
             _l("Hours attended by participants, added up, at sessions that were not "
                "cancelled, by the session's start date and district.")),
            ("agents.sessions_held", _l("Training sessions held"), reports.sessions_held,
             _l("Sessions not cancelled at which someone attended, by start date and "
                "district.")),
            ("agents.people_trained", _l("People trained"), reports.people_trained,
             _l("Distinct people who attended training, by the session's start date and "
                "district.")),
            ("agents.people_certified", _l("People certified"), reports.people_certified,
             _l("Distinct people with a certificate issued between the dates and not "
                "revoked, by their district.")),
            ("agents.active_agents", _l("Certified agents"), reports.active_agents,
             _l("People certified or active whose certificate is valid on the end date "
                "(today when none; the start date is not used), by their district.")),
            ("agents.conversations", _l("Field conversations"), reports.conversation_count,
             _l("Conversations agents logged, by the day held and its district."))):
        register_indicator(IndicatorSource(key, label, compute, description))


_register_report_nav()
_register_report_indicators()
