"""Merging a duplicate rumour into a known one.

Reporters propose new rumours that often turn out to be one the city already
knows, in other words. Merging keeps what they reported: the duplicate's
sightings and counter-arguments move to the known rumour, which also gains
the duplicate's spheres, target groups and missing translations; the duplicate
is archived with a pointer to where everything went.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.rules import refuse_unless
from ...core.text import to_int
from ...extensions import db
from ..models import CounterArgument, Rumour, Sighting, TargetGroup
from ..vocab import RISK_ORDER, SPHERES, SUGGESTED
from .aggregates import weeks_changed, weeks_heard
from .catalogue import _history, bump_match_version
from .matching import suggest
from .stats import refresh_rumour_figures

CANDIDATES = 8  # rumours offered as the likely original of a duplicate


def can_be_merged(rumour: Rumour) -> bool:
    return rumour.merged_into_id is None


def merge_candidates(duplicate: Rumour, text: str = "") -> list[tuple[Rumour, float | None]]:
    """Known rumours that look like ``text`` (the duplicate's own wording by default)."""
    texts = [text] if text.strip() else [t for t in duplicate.wording.values() if t]
    scores: dict[int, float] = {}
    for wording in texts:
        for hit in suggest(wording, limit=CANDIDATES + 1):
            if hit.rumour_id != duplicate.id:
                scores[hit.rumour_id] = max(scores.get(hit.rumour_id, 0), hit.score)
    number = to_int(text)  # a rumour's number, as shown on its page
    if number is not None:
        scores.setdefault(number, None)
    ids = sorted(scores, key=lambda i: (-(scores[i] or 101), i))[:CANDIDATES]
    rumours = {r.id: r for r in db.session.scalars(
        select(Rumour).where(Rumour.id.in_(ids), Rumour.id != duplicate.id,
                             Rumour.status.in_(SUGGESTED), Rumour.merged_into_id.is_(None)))}
    return [(rumours[i], scores[i]) for i in ids if i in rumours]


def merge_rumour(duplicate: Rumour, into_id: int | None, *, actor: Any, note: str = "") -> Rumour:
    """Merge ``duplicate`` into the rumour ``into_id`` and return that rumour."""
    refuse_unless(can_be_merged(duplicate), _l("This rumour has already been merged."), "into")
    refuse_unless(into_id is not None, _l("Choose the rumour to merge into."), "into")
    refuse_unless(into_id != duplicate.id, _l("A rumour cannot be merged into itself."), "into")
    into = db.session.scalar(select(Rumour).options(selectinload(Rumour.target_groups))
                             .where(Rumour.id == into_id).with_for_update())
    refuse_unless(into is not None, _l("Choose one of the rumours offered."), "into")
    refuse_unless(into.merged_into_id is None and into.status in SUGGESTED,
                  _l("Merge into a rumour that has been triaged and is not archived."), "into")

    # The duplicate's weeks change rumour (and theme, for those totals); the known rumour's
    # change theme too when it takes the duplicate's.
    weeks_changed(weeks_heard(duplicate.id)
                  | (weeks_heard(into.id) if into.theme_id is None and duplicate.theme_id
                     else set()))
    moved_sightings = db.session.execute(
        update(Sighting).where(Sighting.rumour_id == duplicate.id)
        .values(rumour_id=into.id)).rowcount
    moved_arguments = db.session.execute(
        update(CounterArgument).where(CounterArgument.rumour_id == duplicate.id)
        .values(rumour_id=into.id)).rowcount
    _absorb(into, duplicate)

    # Duplicates merged into this one before now point to the rumour that absorbs it:
    # a pointer is never more than one step.
    db.session.execute(update(Rumour).where(Rumour.merged_into_id == duplicate.id)
                       .values(merged_into_id=into.id))
    from_status = duplicate.status
    duplicate.status, duplicate.published_at, duplicate.merged_into_id = "archived", None, into.id
    _history(duplicate, from_status, "archived", actor, note)
    db.session.flush()
    recount(into)
    recount(duplicate)
    refresh_rumour_figures([into.id, duplicate.id])
    bump_match_version()
    audit.record(actor, "rumour.merge", duplicate, into=into.id, sightings=moved_sightings,
                 arguments=moved_arguments)
    db.session.flush()
    return into


def _absorb(into: Rumour, duplicate: Rumour) -> None:
    """What the duplicate knew that the known rumour did not."""
    into.wording = {**{k: v for k, v in duplicate.wording.items() if v}, **into.wording}
    if not any(into.cause.values()):
        into.cause = dict(duplicate.cause)
    into.spheres = sorted(set(into.spheres) | set(duplicate.spheres), key=list(SPHERES).index)
    groups = list(db.session.scalars(
        select(TargetGroup).join(Rumour.target_groups).where(Rumour.id == duplicate.id)))
    into.target_groups = into.target_groups + [g for g in groups if g not in into.target_groups]
    into.first_detected = min(into.first_detected, duplicate.first_detected)
    if RISK_ORDER[duplicate.risk] > RISK_ORDER[into.risk]:
        into.risk = duplicate.risk
    deadlines = [d for d in (into.alert_deadline, duplicate.alert_deadline) if d]
    into.alert_deadline = min(deadlines) if deadlines else None
    into.theme_id = into.theme_id or duplicate.theme_id
    into.assignee_id = into.assignee_id or duplicate.assignee_id


def recount(rumour: Rumour) -> None:
    """A rumour's sighting count and last date, counted again from its sightings."""
    count, latest = db.session.execute(
        select(func.count(), func.max(Sighting.seen_on)).where(Sighting.rumour_id == rumour.id)).one()
    rumour.sighting_count, rumour.last_sighted_on = count, latest


def absorbing_rumour(rumour: Rumour) -> Rumour | None:
    """The rumour a merged duplicate now lives in, or None when it was not merged."""
    return db.session.get(Rumour, rumour.merged_into_id) if rumour.merged_into_id else None
