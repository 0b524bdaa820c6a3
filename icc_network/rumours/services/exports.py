"""The rumour list as a spreadsheet (CSV or XLSX), with the list's filters.

A file leaves the application: a rumour worded by a hateful report and not yet triaged
carries the neutral placeholder, whoever exports (see services.hateful)."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, gettext

from ...core.translatable import localise
from ...extensions import db
from ..vocab import RISKS, STATUSES
from .catalogue import RumourFilters, rumour_query, with_list_relations
from .hateful import shown_wording


def export_table(filters: RumourFilters, locale: str) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows in ``locale``; rows are built at once (the response streams later)."""
    rumours = db.session.scalars(with_list_relations(rumour_query(filters))).unique()
    with force_locale(locale):
        headers = [gettext("Number"), gettext("Wording (French)"), gettext("Wording (English)"),
                   gettext("Theme"), gettext("Target groups"), gettext("Status"), gettext("Risk"),
                   gettext("First detected"), gettext("Alert deadline"), gettext("Sightings"),
                   gettext("Last heard"), gettext("Assigned to"), gettext("Published")]
        rows = [[
            r.id, *_wordings(r),
            localise(r.theme.name, locale).text if r.theme else "",
            [localise(g.name, locale).text for g in r.target_groups],
            str(STATUSES[r.status]), str(RISKS[r.risk]), r.first_detected, r.alert_deadline,
            r.sighting_count, r.last_sighted_on, r.assignee.name if r.assignee else "",
            r.published_at.date() if r.published_at else "",
        ] for r in rumours]
    return headers, rows


def _wordings(rumour) -> tuple[str, str]:
    shown = shown_wording(rumour.wording, rumour.wording_withheld, reveal=False)
    return shown.get("fr", ""), shown.get("en", "")
