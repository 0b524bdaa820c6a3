"""What a reporter sees of their own reports: a reference, and what became of each.

Never anyone else's words: the rumour's wording goes through ``hateful.wording_for`` (a
rumour worded by a hateful report shows the placeholder until triage), and no verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ...core.i18n import lazy_gettext as _l
from ...core.permissions import can
from ..models import Rumour, Sighting
from . import hateful

STATES = {
    "received": _l("Received, awaiting triage"),
    "linked": _l("Linked to rumour no. %(id)s"),
    "merged": _l("Merged into rumour no. %(id)s"),
}


@dataclass(frozen=True)
class OwnReport:
    sighting: Sighting
    state: str  # a key of STATES
    rumour: Rumour  # the rumour it now counts for (the one a merge led to)
    wording: dict[str, str]
    link: tuple[str, dict[str, Any]] | None  # endpoint and arguments, when the reporter may go

    @property
    def label(self) -> str:
        return str(STATES[self.state]) % {"id": self.rumour.id}


def own_reports_query(user_id: int) -> Select:
    """The reporter's sightings, newest first, with the rumours they count for."""
    return (select(Sighting)
            .options(joinedload(Sighting.rumour).joinedload(Rumour.merged_into),
                     joinedload(Sighting.district))
            .where(Sighting.reporter_id == user_id)
            .order_by(Sighting.created_at.desc(), Sighting.id.desc()))


def describe(sighting: Sighting, viewer: Any) -> OwnReport:
    rumour = sighting.rumour
    if rumour.merged_into_id is not None and rumour.merged_into is not None:
        state, rumour = "merged", rumour.merged_into
    elif rumour.status == "reported":
        state = "received"
    else:
        state = "linked"
    link = None
    if can(viewer, "rumours.view"):
        link = ("rumours.detail", {"rumour_id": rumour.id})
    elif rumour.published:
        link = ("rumours.public_detail", {"rumour_id": rumour.id})
    return OwnReport(sighting, state, rumour, hateful.wording_for(rumour, viewer), link)
