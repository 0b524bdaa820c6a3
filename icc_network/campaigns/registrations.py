"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

# --- campaigns ------------------------------------------------------------------


# --- participation ----------------------------------------------------------------


# --- activities and calendars -----------------------------------------------------


# --- reminders and feeds ----------------------------------------------------------


def _register_reminders_and_feeds() -> None:
    from ..core.i18n import lazy_gettext as _l
    from ..core.nav import NavItem, register_nav
    from ..core.notifications import NotificationKind, register_kind
    from . import bp
    from .services import reminders

    register_kind(NotificationKind(
        reminders.REMINDER_KIND,
        _l("Reminder: “%(title)s”, %(when)s, %(place)s."),
        _l("Reminder: %(title)s")))
    register_kind(NotificationKind(
        reminders.CANCELLED_KIND,
        _l("“%(title)s”, planned %(when)s, is cancelled. %(reason)s"),
        _l("Cancelled: %(title)s")))
    register_nav(NavItem("campaigns.my_feed", _l("Calendar feed"), "calendar.feed", 88,
                         group=_l("Campaigns"),
                         description=_l("Your activities in your own calendar application, "
                                        "through a private address.")))
    # A wrong reminder setting stops the application at start-up, with the reason.
    bp.record_once(lambda state: reminders.parse_offsets(
        state.app.config.get("CAMPAIGNS_REMINDER_OFFSETS", "")))


_register_reminders_and_feeds()


# --- summary and figures ----------------------------------------------------------
