"""What the network area plugs into the shared kernel: menu, home panel, worklist fields,
the list of organisations for other areas' forms, and the figures other areas may read."""

from __future__ import annotations

from sqlalchemy import not_

from ..core.audit import register_labels
from ..core.clock import today
from ..core.i18n import lazy_gettext as _l
from ..core.nav import HomePanel, NavItem, register_home_panel, register_nav
from ..core.registries import (
    IndicatorSource,
    register_choices,
    register_indicator,
    register_lookup,
)
from ..core.translatable import LOCALES, RegisteredField, is_missing, localise, register_field
from .models import Decision, Meeting, Organisation
from .services import figures
from .services.organisations import organisation_choices, organisation_names
from .services.support_group import DUE_SOON_DAYS, decisions_due
from .vocab import ROLES, SECTORS


def _decisions_due_panel(_user) -> dict:
    """The coordinator's home page: what the support group decided and is late or due."""
    return {"due": decisions_due(limit=5), "days": DUE_SOON_DAYS, "today": today()}


def _has_some_text(column):
    return not_(is_missing(column, LOCALES[0])) | not_(is_missing(column, LOCALES[1]))


def _register() -> None:
    register_nav(NavItem("network.organisations", _l("Organisations"), "network.view", 40,
                         description=_l("The partner organisations, their ties and contacts."),
                         group=_l("Network")))
    register_nav(NavItem("network.explorer", _l("Network explorer"), "network.view", 41,
                         description=_l("The network as a graph: who works with whom, "
                                        "who bridges communities."), group=_l("Network")))
    register_nav(NavItem("network.analytics_page", _l("Network analytics"), "network.view", 42,
                         description=_l("Brokers, communities, growth and the city's "
                                        "coverage gaps."), group=_l("Network")))
    register_nav(NavItem("network.support_group_home", _l("Support group"), "support_group.view",
                         45, description=_l("The intercultural support group: meetings "
                                            "and decisions."), group=_l("Network")))
    register_home_panel(HomePanel("network.decisions_due", "network/_home_decisions_due.html",
                                  "support_group.manage", _decisions_due_panel, order=40))
    # The account form of the auth area links partners to their organisation.
    register_choices("organisations", organisation_choices)
    # Pages of other areas name a reporter's organisation (the sightings register).
    register_lookup("organisations", organisation_names)
    fields = [
        (Organisation, "description", "network.organisation.description", _l("Description"),
         _l("Organisation"), lambda o, _locale: o.name, "network.organisation_edit",
         lambda o: {"organisation_id": o.id}, "network.manage"),
        (Meeting, "agenda", "network.meeting.agenda", _l("Agenda"), _l("Support group meeting"),
         lambda m, locale: str(m.held_on), "network.meeting_edit",
         lambda m: {"meeting_id": m.id}, "support_group.manage"),
        (Meeting, "minutes", "network.meeting.minutes", _l("Minutes"), _l("Support group meeting"),
         lambda m, locale: str(m.held_on), "network.meeting_edit",
         lambda m: {"meeting_id": m.id}, "support_group.manage"),
        (Decision, "text", "network.decision.text", _l("Decision"), _l("Support group decision"),
         lambda d, locale: localise(d.text, locale).text[:60], "network.decision_edit",
         lambda d: {"decision_id": d.id}, "support_group.manage"),
    ]
    for model, attribute, key, label, kind, title, endpoint, args, action in fields:
        column = getattr(model, attribute)
        register_field(RegisteredField(
            key=key, model=model, attribute=attribute, label=label, kind_label=kind, title=title,
            edit_endpoint=endpoint, edit_args=args, edit_action=action,
            # Optional texts left empty in both languages are not a translation gap.
            scope=lambda query, column=column: query.where(_has_some_text(column))))


_register()


# --- figures other areas may read (indicator sources) ---------------------------------


def _register_indicators() -> None:
    register_indicator(IndicatorSource(
        "network.partners", _l("Partners in the network"), figures.partners,
        _l("Organisations that are members on the end date (member since then or, without "
           "that date, on the list by then), by their district; start is not used.")))


_register_indicators()


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "organisation.create": _l("Organisation added"),
            "organisation.update": _l("Organisation changed"),
            "organisation.delete": _l("Organisation deleted"),
            "contact.create": _l("Contact added"),
            "contact.update": _l("Contact changed"),
            "contact.delete": _l("Contact deleted"),
            "contact.view": _l("Contacts viewed"),
            "contact.export": _l("Contacts downloaded"),
            "tie.create": _l("Tie added"),
            "tie.update": _l("Tie changed"),
            "tie.delete": _l("Tie deleted"),
            "network.import": _l("Network imported from a file"),
            "support_group_member.create": _l("Support group member added"),
            "support_group_member.update": _l("Support group member changed"),
            "support_group_member.delete": _l("Support group member removed"),
            "meeting.create": _l("Meeting planned"),
            "meeting.update": _l("Meeting changed"),
            "meeting.delete": _l("Meeting deleted"),
            "meeting.attendance": _l("Meeting attendance recorded"),
            "meeting.invitation": _l("Meeting invitations sent"),
            "decision.create": _l("Decision recorded"),
            "decision.update": _l("Decision changed"),
            "decision.done": _l("Decision marked done"),
            "decision.reopen": _l("Decision reopened"),
        },
        kinds={
            "organisation": _l("Organisation"), "contact": _l("Contact"), "tie": _l("Tie"),
            "support_group_member": _l("Support group member"),
            "support_group_meeting": _l("Meeting"), "support_group_decision": _l("Decision"),
            "network_state": _l("Network"),
        },
        fields={
            "sector": _l("Sector"), "member_since": _l("Member since"),
            "commitment_signed_on": _l("Commitment signed on"), "roles": _l("Roles"),
            "contacts": _l("Contacts shown"), "due_on": _l("Due on"),
            "held_on": _l("Held on"), "weight": _l("Weight"), "pair": _l("Organisations"),
            "added": _l("Added"), "already_present": _l("Already present"),
            "filename": _l("File"), "sent": _l("Sent"), "failed": _l("Failed"),
            "without_email": _l("Without an e-mail address"), "present": _l("Present"),
            "absent": _l("Absent"), "excused": _l("Excused"), "invited": _l("Invited"),
        },
        values={"sector": SECTORS, "roles": ROLES},
    )


_register_audit_labels()
