"""Rules of sightings: the quick report and the bulk import of survey answers."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, insert, select, update
from sqlalchemy.orm import joinedload

from ...core import audit
from ...core.clock import today
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.permissions import can
from ...core.rules import refuse_unless, valid_choice
from ...extensions import db
from ..models import Rumour, Sighting
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES
from . import hateful, matching, triage
from .aggregates import week_of, weeks_changed
from .catalogue import save_rumour, surviving

MAX_PEOPLE = 10_000
EARLIEST = date(2000, 1, 1)
# What could identify the person who spoke: never kept in a verbatim.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d .\-/()]{7,}\d")
REMOVED = "[…]"


def scrub(verbatim: str) -> str:
    """The words heard, without e-mail addresses or phone numbers."""
    return _PHONE.sub(REMOVED, _EMAIL.sub(REMOVED, (verbatim or "").strip()))[:1000]


@dataclass
class SightingInput:
    seen_on: date | None
    district_id: int | None
    sphere: str
    channel: str
    people_count: int | None
    language: str
    venue: str = ""
    verbatim: str = ""
    hateful: bool = False


def check_sighting(data: SightingInput) -> None:
    refuse_unless(data.seen_on, _l("Enter the date you heard it."), "seen_on")
    refuse_unless(data.seen_on <= today(), _l("This date is in the future."), "seen_on")
    refuse_unless(data.seen_on >= EARLIEST, _l("This date is too far in the past."), "seen_on")
    valid_choice(data.sphere, SPHERES, "sphere")
    valid_choice(data.channel, CHANNELS, "channel")
    valid_choice(data.language, SIGHTING_LANGUAGES, "language")
    refuse_unless(data.people_count and 1 <= data.people_count <= MAX_PEOPLE,
                  _l("Enter a number between 1 and %(n)d.", n=MAX_PEOPLE), "people_count")


def may_pick(reporter: Any, rumour: Rumour, heard: str) -> bool:
    """Whether ``reporter`` may report a sighting of ``rumour`` for what they typed.

    Besides the rumours the permission grants, one still waiting for triage counts when it
    was offered for what they typed (so their report joins it rather than duplicating it),
    never by its number alone: its wording is unchecked text.
    """
    if can(reporter, "sightings.report", rumour):
        return True
    waiting = rumour.status == "reported" and rumour.merged_into_id is None
    return waiting and bool(heard) and matching.offered(heard, rumour.id)


def record_sighting(data: SightingInput, *, reporter: Any, rumour_id: int | None = None,
                    new_wording: str = "") -> Sighting:
    """Record one sighting of a known rumour, or of a new one that lands as ``reported``."""
    check_sighting(data)
    if data.district_id is not None:
        refuse_unless(db.session.get(District, data.district_id) is not None,
                      _l("Choose an entry of the list."), "district_id")
    new_rumour = rumour_id is None  # one the city did not know: the coordinators are told
    if new_rumour:
        refuse_unless(new_wording.strip(), _l("Say in a few words what you heard."), "heard")
        rumour = save_rumour(
            None, actor=reporter, wording={reporter.locale: scrub(new_wording)[:500]},
            theme_id=None, target_group_ids=[], spheres=[data.sphere], detection="sighting",
            cause={}, first_detected=data.seen_on, risk="moderate", alert_deadline=None,
            assignee_id=None)
        # What a hateful report typed stays with coordinators until they triage the rumour.
        rumour.hateful_origin = bool(data.hateful)
        rumour_id = rumour.id
    else:
        rumour = surviving(db.session.get(Rumour, rumour_id))
        refuse_unless(rumour is not None and may_pick(reporter, rumour, new_wording),
                      _l("Choose one of the rumours offered, or propose a new one."), "rumour")
        rumour_id = rumour.id
    sighting = Sighting(rumour_id=rumour_id, seen_on=data.seen_on, week_start=week_of(data.seen_on),
                        district_id=data.district_id, sphere=data.sphere,
                        venue=data.venue.strip()[:120], channel=data.channel,
                        people_count=data.people_count, language=data.language,
                        verbatim=scrub(data.verbatim), hateful=bool(data.hateful),
                        reporter_id=getattr(reporter, "id", None))
    db.session.add(sighting)
    db.session.flush()
    count_sightings({rumour_id: (1, data.seen_on)})
    weeks_changed([sighting.week_start])
    audit.record(reporter, "sighting.create", sighting, rumour_id=rumour_id)
    if sighting.hateful:
        hateful.announce(sighting, reporter)
    elif new_rumour:
        triage.announce(rumour, reporter)
    return sighting


def count_sightings(added: dict[int, tuple[int, date]]) -> None:
    """Keep each rumour's sighting count and last date current (atomic increments).

    The rumour's ``updated_at`` stays as it was: it says when the rumour itself was
    changed (the public feed is built again on that), and a sighting changes no word of it.
    """
    for rumour_id, (number, latest) in added.items():
        db.session.execute(
            update(Rumour).where(Rumour.id == rumour_id).values(
                sighting_count=Rumour.sighting_count + number,
                last_sighted_on=case(
                    (Rumour.last_sighted_on.is_(None) | (Rumour.last_sighted_on < latest), latest),
                    else_=Rumour.last_sighted_on),
                updated_at=Rumour.updated_at))


def insert_sightings(rows: list[dict[str, Any]], actor: Any = None) -> int:
    """Bulk-insert prepared sighting rows, update the counters, and tell the coordinators
    (but ``actor``) when some are marked hateful."""
    if not rows:
        return 0
    db.session.execute(insert(Sighting), rows)
    hateful.announce_imported(sum(1 for row in rows if row.get("hateful")), actor)
    added: dict[int, tuple[int, date]] = {}
    for row in rows:
        number, latest = added.get(row["rumour_id"], (0, row["seen_on"]))
        added[row["rumour_id"]] = (number + 1, max(latest, row["seen_on"]))
    count_sightings(added)
    weeks_changed(week_of(row["seen_on"]) for row in rows)
    return len(rows)


def existing_import_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        found.update(db.session.scalars(select(Sighting.import_key)
                                        .where(Sighting.import_key.in_(chunk))))
    return found


def row_keys(rows: list[dict[str, str]], uuid_column: str | None) -> list[str]:
    """A stable key per row: the survey's own id, else the row's content and its repetition."""
    seen: Counter[str] = Counter()
    keys = []
    for values in rows:
        if uuid_column and values.get(uuid_column):
            keys.append("uuid:" + values[uuid_column][:70])
            continue
        content = "\x1f".join(f"{k}={v.strip().lower()}" for k, v in sorted(values.items()))
        seen[content] += 1
        digest = hashlib.sha256(f"{content}\x1e{seen[content]}".encode()).hexdigest()
        keys.append("row:" + digest[:64])
    return keys


def recent_sightings_query(rumour_id: int):
    return (select(Sighting).options(joinedload(Sighting.district))
            .where(Sighting.rumour_id == rumour_id)
            .order_by(Sighting.seen_on.desc(), Sighting.id.desc()))
