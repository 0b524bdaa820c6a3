"""What the rumours area adds to the shared kernel: menu, worklist fields, notifications,
and the figures other areas may read."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, not_

from ..core.audit import register_labels
from ..core.i18n import lazy_gettext as _l
from ..core.nav import HomePanel, NavItem, register_home_panel, register_nav
from ..core.notifications import NotificationKind, register_kind
from ..core.registries import IndicatorSource, register_indicator
from ..core.translatable import RegisteredField, is_missing, localise, register_field
from . import bp
from .models import CounterArgument, Rumour, TargetGroup, Theme
from .services import figures, front_page, hateful, review, stats, triage
from .services.arguments import latest_validated
from .services.attention import needing_attention
from .vocab import ARGUMENT_STATUSES, CHANNELS, KINDS, RISKS, SPHERES, STATUSES


def _title(value: dict[str, str], locale: str) -> str:
    text = localise(value, locale).text
    return text if len(text) <= 80 else text[:79] + "…"


def _register_fields() -> None:
    # A rumour worded by a hateful report is triaged (and reworded) before it is translated:
    # the worklist would show its words to trainers.
    not_archived = lambda query: query.where(  # noqa: E731
        Rumour.status != "archived", ~Rumour.wording_withheld)
    for attribute, label in (("wording", _l("Wording")), ("cause", _l("Fear or cause behind it"))):
        register_field(RegisteredField(
            key=f"rumours.rumour.{attribute}", model=Rumour, attribute=attribute, label=label,
            kind_label=_l("Rumour"), title=lambda r, loc: _title(r.wording, loc),
            edit_endpoint="rumours.edit", edit_args=lambda r: {"rumour_id": r.id},
            edit_action="rumours.manage",
            scope=(not_archived if attribute == "wording"
                   else lambda q: not_archived(q).where(not_(and_(
                       is_missing(Rumour.cause, "fr"), is_missing(Rumour.cause, "en"))))),
        ))
    register_field(RegisteredField(
        key="rumours.argument.text", model=CounterArgument, attribute="text", label=_l("Text"),
        kind_label=_l("Counter-argument"), title=lambda a, loc: _title(a.text, loc),
        edit_endpoint="rumours.argument_edit", edit_args=lambda a: {"argument_id": a.id},
        edit_action="arguments.manage",
        scope=lambda query: query.where(CounterArgument.status != "expired"),
    ))
    for model, kind, key in ((Theme, _l("Theme"), "themes"),
                             (TargetGroup, _l("Target group"), "target-groups")):
        register_field(RegisteredField(
            key=f"rumours.{key}.name", model=model, attribute="name", label=_l("Name"),
            kind_label=kind, title=lambda t, loc: _title(t.name, loc),
            edit_endpoint="rumours.term_edit",
            edit_args=lambda t, key=key: {"kind": key, "term_id": t.id},
            edit_action="rumours.manage",
        ))


def _register_nav() -> None:
    register_nav(NavItem("rumours.index", _l("All rumours"), "rumours.view", 20,
                         description=_l("The catalogue of rumours, their sightings and answers."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.sighting_new", _l("Report a sighting"), "sightings.report", 25,
                         description=_l("You heard a rumour? Tell us where and when."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.my_reports", _l("My reports"), "sightings.report", 26,
                         description=_l("The sightings you reported and what became of them."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.sighting_register", _l("Sightings register"),
                         "sightings.register", 27,
                         description=_l("Every sighting, to filter, export and correct."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.kit_index", _l("The kit"), "kit.view", 30,
                         description=_l("Validated facts and arguments to answer each rumour."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.dashboard", _l("Rumours dashboard"), "rumours.dashboard", 35,
                         description=_l("Which rumours are heard, where, and which are rising."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.subscriptions", _l("Other cities' feeds"), "feeds.subscribe", 37,
                         description=_l("Claims and arguments shared by other cities."),
                         group=_l("Rumours")))
    register_nav(NavItem("rumours.allowed_feeds", _l("Allowed feed addresses"), "feeds.allow", 40,
                         "admin"))
    register_nav(NavItem("rumours.catalogue", _l("Public catalogue"), "catalogue.view", 90,
                         description=_l("The rumours the city has answered, for everyone.")))


def _register_kinds() -> None:
    register_kind(NotificationKind(
        "rumours.argument_expired",
        _l("The statistic “%(argument)s” against the rumour “%(rumour)s” has passed its date: "
           "it has left the kit and the public catalogue. Update it or add a newer source."),
        _l("A statistic has expired"),
    ))
    register_kind(NotificationKind(
        "rumours.arguments_expired",
        _l("%(n)s statistics have passed their date: they have left the kit and the public "
           "catalogue. Update them or add newer sources."),
        _l("Statistics have expired"),
    ))
    register_kind(NotificationKind(
        "rumours.alerts_overdue",
        _l("%(n)s rumours have no validated answer and their alert deadline has passed."),
        _l("Rumour alerts are overdue"),
    ))
    register_kind(NotificationKind(
        "rumours.alert_overdue",
        _l("The rumour “%(rumour)s” (risk: %(risk)s) has no validated answer and its alert "
           "deadline has passed."),
        _l("A rumour alert is overdue"),
    ))


def _register_triage() -> None:
    # At most one an hour per coordinator (services/triage.py); no words, they may be e-mailed.
    register_kind(NotificationKind(
        triage.KIND,
        _l("New reports wait for triage (the latest: rumour no. %(rumour)s). The “To triage” "
           "panel of your home page lists them, the oldest first."),
        _l("New reports wait for triage"),
    ))


def _register_hateful() -> None:
    # No words in these messages: they may go out by e-mail. The link leads to them.
    register_kind(NotificationKind(
        hateful.REPORTED_KIND,
        _l("A report marked hateful has arrived (sighting no. %(sighting)s, rumour no. "
           "%(rumour)s). Read it and record what was done in the hateful reports queue."),
        _l("A hateful report has arrived"),
    ))
    register_kind(NotificationKind(
        hateful.IMPORTED_KIND,
        _l("An import brought %(n)s reports marked hateful. Read them and record what was done "
           "in the hateful reports queue."),
        _l("Hateful reports have arrived"),
    ))
    register_nav(NavItem("rumours.hateful_queue", _l("Hateful reports"),
                         "sightings.view_hateful", 28,
                         description=_l("Reports marked hateful: read them, record what was "
                                        "done."),
                         group=_l("Rumours")))
    # A wrong retention setting stops the application at start-up, with the reason.
    bp.record_once(lambda state: hateful.check_settings(state.app.config))


def _register_review() -> None:
    register_kind(NotificationKind(
        "rumours.argument_expiring",
        _l("The argument “%(argument)s” against the rumour “%(rumour)s” is valid until "
           "%(date)s: after that it leaves the kit and the public catalogue. Update it or add "
           "a newer source before then."),
        _l("A statistic is close to its date"),
    ))
    register_kind(NotificationKind(
        "rumours.arguments_expiring",
        _l("%(n)s arguments will soon pass their date and leave the kit and the public "
           "catalogue. Update them or add newer sources before then."),
        _l("Statistics are close to their date"),
    ))
    register_kind(NotificationKind(
        review.RETURNED_KIND,
        _l("%(by)s sent back your argument “%(argument)s” against the rumour “%(rumour)s”: "
           "%(reason)s"),
        _l("An argument was sent back to you"),
    ))
    # A wrong review setting stops the application at start-up, with the reason.
    bp.record_once(lambda state: review.check_settings(state.app.config))


def _register_indicators() -> None:
    register_indicator(IndicatorSource(
        key="rumours.sightings_per_district", label=_l("Sightings per district"),
        compute=stats.sightings_per_district,
        description=_l("How many sightings each district had since a given date."),
    ))
    register_indicator(IndicatorSource(
        key="rumours.rising_per_district", label=_l("Rising rumours per district"),
        compute=stats.rising_per_district,
        description=_l("The rumours heard more this month than before, by the districts "
                       "where they were heard in the last four weeks (once triaged)."),
    ))
    # Keyword parameters start and end (dates, inclusive) and, where named, district_id;
    # see services/figures.py for exactly what each counts.
    for key, label, compute, description in (
            ("rumours.arguments_validated", _l("Counter-arguments validated"),
             figures.arguments_validated,
             _l("Counter-arguments validated in the period, still validated or expired since "
                "(one taken back to draft no longer counts).")),
            ("rumours.statistics_current", _l("Validated statistics still current"),
             figures.statistics_current,
             _l("Share of the statistics validated by the end date whose “valid until” date "
                "is not past on that day; none when no statistic was validated.")),
            ("rumours.sightings_recorded", _l("Sightings recorded"), figures.sightings_recorded,
             _l("People counted in the sightings heard in the period, by the district where "
                "they were heard.")),
            ("rumours.sightings_of", _l("Sightings of given rumours"), figures.sightings_of,
             _l("People counted in sightings of the given rumours (rumour_ids) heard in the "
                "given districts (district_ids; every district when none) in the period.")),
            ("rumours.days_to_triage", _l("Days from report to triage"), figures.days_to_triage,
             _l("Median days from a rumour's creation to its first move out of “reported”, "
                "over the rumours that made that move in the period."))):
        register_indicator(IndicatorSource(key, label, compute, description))


_register_fields()
_register_nav()
_register_kinds()
_register_review()
_register_triage()
_register_hateful()
_register_indicators()


# --- home panels -------------------------------------------------------------------


def _attention_panel(_user) -> dict:
    """The coordinators' home page: rumours past their alert deadline, stale statistics."""
    return {"attention": needing_attention(limit=5), "risks": RISKS}


def _latest_arguments_panel(user) -> dict:
    """The home page of those who answer rumours in the field: what the kit gained lately."""
    arguments = latest_validated(limit=5)
    return {"arguments": arguments, "kinds": KINDS,
            "wordings": {a.id: hateful.wording_for(a.rumour, user) for a in arguments}}


def _hateful_panel(_user) -> dict:
    """The coordinators' home page: how many hateful reports wait for a decision."""
    return {"open": hateful.open_count()}


def _front_panel(_user) -> dict:
    """The public's home page: the catalogue's front door, and where machines read it."""
    return {"front": front_page.front_page(), "kinds": KINDS,
            "stylesheet": url_for("rumours.static", filename="css/rumours.css"),
            "alternates": [(url_for("rumours.feed"), "application/ld+json",
                            _("Open data: the catalogue as ClaimReview (JSON-LD)"))]}


def _triage_panel(user) -> dict:
    """The coordinators' home page: how many new reports wait for triage, the oldest few."""
    count, oldest = triage.inbox()
    return {"count": count, "oldest": oldest, "link": triage.inbox_path(),
            "wordings": {r.id: hateful.wording_for(r, user) for r in oldest}}


def _register_home_panels() -> None:
    register_home_panel(HomePanel("rumours.front", "rumours/_home_front.html",
                                  "catalogue.front", _front_panel, order=1))
    register_home_panel(HomePanel("rumours.triage", "rumours/_home_triage.html",
                                  "rumours.manage", _triage_panel, order=11))
    register_home_panel(HomePanel("rumours.attention", "rumours/_home_attention.html",
                                  "rumours.dashboard", _attention_panel, order=10))
    register_home_panel(HomePanel("rumours.latest_arguments",
                                  "rumours/_home_latest_arguments.html", "kit.latest",
                                  _latest_arguments_panel, order=30))
    register_home_panel(HomePanel("rumours.hateful", "rumours/_home_hateful.html",
                                  "sightings.handle_hateful", _hateful_panel, order=12))


_register_home_panels()


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "rumour.create": _l("Rumour recorded"),
            "rumour.update": _l("Rumour changed"),
            "rumour.status": _l("Rumour status changed"),
            "rumour.merge": _l("Rumour merged into another"),
            "rumour.publish": _l("Rumour published in the catalogue"),
            "rumour.unpublish": _l("Rumour withdrawn from the catalogue"),
            "rumour.key_phrase.add": _l("Key phrase added to a rumour"),
            "rumour.key_phrase.remove": _l("Key phrase removed from a rumour"),
            "rumour_theme.create": _l("Theme created"),
            "rumour_theme.update": _l("Theme changed"),
            "rumour_target_group.create": _l("Target group created"),
            "rumour_target_group.update": _l("Target group changed"),
            "sighting.create": _l("Sighting reported"),
            "sighting.correct": _l("Sighting corrected"),
            "sighting.delete": _l("Sighting deleted"),
            "sighting.export": _l("Sightings downloaded"),
            "sighting.hateful_read": _l("Hateful report read"),
            "sighting.hateful_action": _l("Action on a hateful report recorded"),
            "sighting.hateful_erased": _l("Words of old hateful reports erased"),
            "argument.create": _l("Counter-argument written"),
            "argument.update": _l("Counter-argument changed"),
            "argument.validate": _l("Counter-argument validated"),
            "argument.withdraw": _l("Counter-argument withdrawn"),
            "argument.send_back": _l("Counter-argument sent back to its authors"),
            "argument.expire": _l("Counter-argument expired"),
            "feed.allow": _l("Feed address allowed"),
            "feed.forbid": _l("Feed address no longer allowed"),
            "feed.subscribe": _l("Subscribed to another city's feed"),
            "feed.update": _l("Feed subscription changed"),
            "feed.unsubscribe": _l("Unsubscribed from another city's feed"),
            "feed_update.accepted": _l("Update from another city accepted"),
            "feed_update.rejected": _l("Update from another city rejected"),
        },
        kinds={
            "rumour": _l("Rumour"), "rumour_sighting": _l("Sighting"),
            "counter_argument": _l("Counter-argument"), "rumour_theme": _l("Theme"),
            "rumour_target_group": _l("Target group"), "rumour_key_phrase": _l("Key phrase"),
            "rumour_allowed_feed": _l("Allowed feed address"),
            "rumour_feed_subscription": _l("Feed subscription"),
            "rumour_feed_update": _l("Update from another city"),
            "rumour_hateful_action": _l("Action on a hateful report"),
        },
        fields={
            "risk": _l("Risk"), "theme_id": _l("Theme"), "phrase": _l("Phrase"),
            "sightings": _l("Sightings moved"), "arguments": _l("Counter-arguments moved"),
            "seen_on": _l("Seen on"), "sphere": _l("Sphere"), "venue": _l("Venue"),
            "channel": _l("Channel"), "people_count": _l("People"),
            "verbatim": _l("Words heard"), "hateful": _l("Hateful content"),
            "verbatims": _l("With the words heard"), "outcome": _l("Outcome"),
            "reference": _l("Reference"), "referred_on": _l("Referred on"),
            "erased": _l("Reports erased"), "received_before": _l("Received before"),
            "words": _l("Words shown"), "rumour_wording": _l("Withheld wording shown"),
            "change": _l("Change"), "address": _l("Network address"),
            "rumour": _l("Rumour"), "district": _l("District"),
            "organisation": _l("Organisation"),
        },
        values={"risk": RISKS, "sphere": SPHERES, "channel": CHANNELS},
        kind_values={
            "rumour": {"status": STATUSES, "from": STATUSES, "to": STATUSES},
            "counter_argument": {"status": ARGUMENT_STATUSES, "kind": KINDS},
        },
    )


_register_audit_labels()
