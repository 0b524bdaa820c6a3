"""What the agents area plugs into the shared kernel: menus, home panels, translation
worklist fields, notification kinds, and the figures other areas may read (indicator
sources). Each concept registers in its own section."""

from __future__ import annotations

from flask import current_app

from ..core.audit import register_labels
from ..core.calendar import city_today
from ..core.clock import today
from ..core.i18n import lazy_gettext as _l
from ..core.nav import HomePanel, NavItem, register_home_panel, register_nav
from ..core.notifications import NotificationKind, register_kind
from ..core.registries import IndicatorSource, register_indicator
from ..core.translatable import RegisteredField, localise, register_field
from .models import Module, Programme
from .services import figures, reports
from .services.certificates import expiring_by_programme, latest_by_agent
from .services.certification import NEAR_SHARE, near_certification
from .services.conversations import agent_of_user
from .services.training import sessions_of_month
from .vocab import ENROLMENT_STATES, STATUSES

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


def _register_register_nav() -> None:
    register_nav(NavItem("agents.index", _l("Participants"), "agents.view", 49,
                         description=_l("The register of anti-rumour agents and staff in "
                                        "training."), group=_l("Training")))


_register_register_nav()


# --- certification and field work ---------------------------------------------


def _register_certification() -> None:
    register_nav(NavItem("agents.my_record", _l("My training"), "agents.own_record", 60,
                         description=_l("Your training record, certificates and the "
                                        "conversations you logged.")))
    register_nav(NavItem("agents.refreshers", _l("Refreshers"), "agents.view", 58,
                         description=_l("Certificates about to expire and agents gone quiet."),
                         group=_l("Training")))
    register_kind(NotificationKind(
        "agents.certificates_expiring",
        _l("A certificate expires on %(expires_on)s: the person may need a refresher."),
        _l("A certificate is about to expire")))
    register_kind(NotificationKind(
        "agents.own_certificate_expiring",
        _l("Your certificate expires on %(expires_on)s. Ask your trainer about a refresher "
           "session to renew it."),
        _l("Your certificate is about to expire")))
    register_kind(NotificationKind(
        "agents.agents_quiet",
        _l("%(n)s certified agents have logged no training or conversation for %(months)s "
           "months."),
        _l("Agents have gone quiet")))
    register_home_panel(HomePanel("agents.my_training", "agents/my_record_panel.html",
                                  "agents.own_record", _my_training_panel, order=20))


def _my_training_panel(user) -> dict | None:
    """An agent's home page: their status, their latest certificate, a shortcut to log."""
    agent = agent_of_user(getattr(user, "id", None))
    if agent is None:  # an account not linked to a record yet
        return None
    latest = latest_by_agent([agent.id]).get(agent.id)
    return {"agent": agent, "certificate": latest,
            "expired": latest is not None and latest.expires_on <= today()}


_register_certification()


# --- reports -----------------------------------------------------------------


def _register_report_nav() -> None:
    register_nav(NavItem("agents.reports", _l("Training reports"), "agents.reports", 56,
                         description=_l("Hours delivered, people trained and certified, "
                                        "conversations in the field."),
                         group=_l("Training")))
    # Counts of the register for those who do not keep it (partners, staff).
    register_nav(NavItem("agents.overview", _l("Agents in figures"), "agents.overview", 57,
                         description=_l("How many agents there are, where, and how many are "
                                        "certified."),
                         group=_l("Training")))


# Every figure is computed with the keyword parameters start and end (dates, inclusive;
# None for no bound) and district_id (None for the whole city), and is a number.


def _register_report_indicators() -> None:
    for key, label, compute, description in (
            ("agents.hours_delivered", _l("Training hours delivered"), figures.hours_delivered,
             _l("Hours attended by participants, added up, at sessions that were not "
                "cancelled, by the session's start date and district.")),
            ("agents.sessions_held", _l("Training sessions held"), figures.sessions_held,
             _l("Sessions not cancelled at which someone attended, by start date and "
                "district.")),
            ("agents.people_trained", _l("People trained"), figures.people_trained,
             _l("Distinct people who attended training, by the session's start date and "
                "district.")),
            ("agents.people_certified", _l("People certified"), figures.people_certified,
             _l("Distinct people with a certificate issued between the dates and not "
                "revoked, by their district.")),
            ("agents.active_agents", _l("Certified agents"), figures.active_agents,
             _l("People certified or active whose certificate is valid on the end date "
                "(today when none; the start date is not used), by their district.")),
            ("agents.conversations", _l("Field conversations"), figures.conversation_count,
             _l("Conversations agents logged, by the day held and its district.")),
            ("agents.active_share", _l("Certified agents active"), figures.active_share,
             _l("Share of the people certified on the end date who logged a field "
                "conversation or attended training in the six months up to it, by their "
                "district; the start date is not used.")),
            ("agents.attendance_rate", _l("Training attendance rate"), figures.attendance_rate,
             _l("Share of the people expected (enrolled, or recorded) at sessions held in the "
                "period, roll call taken, who were present or partly present, by the "
                "session's start date and district.")),
            ("agents.positive_outcomes", _l("Field conversations with a positive outcome"),
             figures.positive_outcome_share,
             _l("Share of the field conversations held in the period in which the person was "
                "open to another view, started to doubt or changed their mind, by the "
                "district where they were held."))):
        register_indicator(IndicatorSource(key, label, compute, description))


_register_report_nav()
_register_report_indicators()


# --- home panels -------------------------------------------------------------------
# The trainers' dashboard. Counts per programme rather than names: the home page is not
# a page that shows who a participant is (those go through the personal-data audit).


def _sessions_panel(_user) -> dict:
    return {"month": sessions_of_month(city_today())}


def _near_certification_panel(_user) -> dict:
    # A grouped scan of the attendance: kept while the training record is unchanged.
    rows = reports.cached("home.near_certification", NEAR_SHARE, near_certification)
    return {"rows": rows, "total": sum(row.people for row in rows), "share": NEAR_SHARE}


def _expiring_panel(_user) -> dict:
    days = current_app.config["AGENTS_EXPIRY_NOTICE_DAYS"]
    rows = expiring_by_programme(today(), days)
    return {"rows": rows, "total": sum(n for _p, n, _first in rows), "days": days}


def _register_home_panels() -> None:
    for key, template, context, order in (
            ("agents.sessions_of_month", "agents/_home_sessions.html", _sessions_panel, 10),
            ("agents.near_certification", "agents/_home_near_certification.html",
             _near_certification_panel, 20),
            ("agents.certificates_expiring", "agents/_home_certificates_expiring.html",
             _expiring_panel, 30)):
        register_home_panel(HomePanel(key, template, "training.dashboard", context, order))


_register_home_panels()


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "agent.create": _l("Agent registered"),
            "agent.update": _l("Agent changed"),
            "agent.status": _l("Agent status changed"),
            "agent.merge": _l("Duplicate agents merged"),
            "agent.merge_view": _l("Duplicate agents compared"),
            "agent.erase": _l("Agent's personal data erased"),
            "agent.consent_withdrawn": _l("Agent withdrew consent; personal data erased"),
            "agent.purge": _l("Old candidates removed"),
            "agent.list": _l("List of agents viewed"),
            "agent.export": _l("Agents downloaded"),
            "agent.view": _l("Agent viewed"),
            "agent.edit_form": _l("Agent's form opened"),
            "agent.personal_data": _l("Agent's personal data viewed"),
            "agent.personal_data_export": _l("Agent's personal data downloaded"),
            "agent.conversation_form": _l("Conversation form opened for an agent"),
            "agent.conversations_view": _l("Agent's conversations viewed"),
            "agent.certificate_view": _l("Certificate viewed"),
            "agent.refreshers_view": _l("Refresher list viewed"),
            "enrolment.create": _l("Agent enrolled in a session"),
            "enrolment.withdraw": _l("Enrolment withdrawn"),
            "programme.create": _l("Programme created"),
            "programme.update": _l("Programme changed"),
            "module.create": _l("Module created"),
            "module.update": _l("Module changed"),
            "module.delete": _l("Module deleted"),
            "training_session.create": _l("Training session planned"),
            "training_session.update": _l("Training session changed"),
            "training_session.cancel": _l("Training session cancelled"),
            "training_session.roll_call": _l("Roll call recorded"),
            "training_session.participants_view": _l("Session participants viewed"),
        },
        kinds={
            "agent": _l("Agent"), "programme": _l("Programme"),
            "programme_module": _l("Module"), "training_session": _l("Training session"),
            "enrolment": _l("Enrolment"), "attendance": _l("Attendance"),
            "certificate": _l("Certificate"), "conversation": _l("Conversation"),
        },
        fields={
            "first_name": _l("First name"), "last_name": _l("Last name"),
            "came_through": _l("Came through"), "consent": _l("Consent"),
            "languages": _l("Languages"), "certificate_id": _l("Certificate"),
            "agents": _l("Agents"), "agent_ids": _l("Agents"), "list": _l("List"),
            "state": _l("State"), "enrolments": _l("Enrolments"), "found": _l("Found"),
            "marked": _l("Marked"), "recorded": _l("Recorded"), "starts_at": _l("Starts"),
            "ends_at": _l("Ends"), "trainer_id": _l("Trainer"),
        },
        kind_values={
            "agent": {"status": STATUSES, "before": STATUSES, "after": STATUSES},
            "enrolment": {"state": ENROLMENT_STATES},
        },
    )


_register_audit_labels()
