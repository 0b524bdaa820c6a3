"""The sightings register: every sighting, filtered, paged by key, exported, corrected.

Pages are read by key (the last date and id shown), never by OFFSET: the page
deep into half a million sightings costs what the first one costs. The count is
capped for the same reason: beyond ``COUNT_CAP`` the page says "more than".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from flask_babel import force_locale, gettext
from sqlalchemy import Select, and_, case, false, func, literal, select, tuple_
from sqlalchemy.orm import joinedload

from ...auth.models import User
from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.permissions import can
from ...core.registries import lookup
from ...core.rules import refuse_unless
from ...core.text import fold, to_int
from ...core.translatable import localise
from ...extensions import db
from ..models import Rumour, Sighting
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES
from .aggregates import week_of, weeks_changed
from .catalogue import surviving
from .hateful import shown_wording
from .merging import recount
from .sightings import SightingInput, check_sighting, scrub
from .stats import refresh_rumour_figures

COUNT_CAP = 10_000
HATEFUL = ("yes", "no")


@dataclass
class RegisterFilters:
    rumour_id: int | None = None
    district_id: int | None = None
    sphere: str = ""
    channel: str = ""
    seen_from: date | None = None
    seen_to: date | None = None
    organisation_id: int | None = None
    hateful: str = ""  # "yes", "no" or "" for both

    def args(self) -> dict[str, str]:
        """The filters as query arguments (for pager and export links)."""
        names = {"rumour_id": "rumour", "district_id": "district", "seen_from": "from",
                 "seen_to": "to", "organisation_id": "organisation"}
        return {names.get(key, key): str(value) for key, value in asdict(self).items()
                if value not in (None, "")}


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def parse_filters(args: Mapping[str, Any]) -> RegisterFilters:
    """Filters from query arguments; anything malformed is ignored rather than refused."""
    return RegisterFilters(
        rumour_id=to_int(args.get("rumour")), district_id=to_int(args.get("district")),
        sphere=str(args.get("sphere")) if args.get("sphere") in SPHERES else "",
        channel=str(args.get("channel")) if args.get("channel") in CHANNELS else "",
        seen_from=_date(args.get("from")), seen_to=_date(args.get("to")),
        organisation_id=to_int(args.get("organisation")),
        hateful=str(args.get("hateful")) if args.get("hateful") in HATEFUL else "")


def _conditions(filters: RegisterFilters) -> list[Any] | None:
    """The WHERE clauses of ``filters``; None when nothing can match."""
    where: list[Any] = []
    if filters.rumour_id is not None:
        where.append(Sighting.rumour_id == filters.rumour_id)
    if filters.district_id is not None:
        where.append(Sighting.district_id == filters.district_id)
    if filters.sphere:
        where.append(Sighting.sphere == filters.sphere)
    if filters.channel:
        where.append(Sighting.channel == filters.channel)
    if filters.seen_from:
        where.append(Sighting.seen_on >= filters.seen_from)
    if filters.seen_to:
        where.append(Sighting.seen_on <= filters.seen_to)
    if filters.hateful:
        # The bare column, as the partial index of hateful sightings is written.
        where.append(Sighting.hateful if filters.hateful == "yes" else ~Sighting.hateful)
    if filters.organisation_id is not None:
        # The organisation's few accounts first: a list of ids the reporter index reads.
        reporters = list(db.session.scalars(
            select(User.id).where(User.organisation_id == filters.organisation_id)))
        if not reporters:
            return None
        where.append(Sighting.reporter_id.in_(reporters))
    return where


def _query(where: list[Any]) -> Select:
    return select(Sighting).where(*where)


NEWEST_FIRST = (Sighting.seen_on.desc(), Sighting.id.desc())


@dataclass
class RegisterPage:
    items: list[tuple[Sighting, str]]  # each sighting with its reporter's organisation
    total: int
    capped: bool  # more than ``total`` match
    newer: tuple[date, int] | None  # key of the first row shown, when newer rows exist
    older: tuple[date, int] | None  # key of the last row shown, when older rows exist


def parse_key(value: Any) -> tuple[date, int] | None:
    """A page key ``YYYY-MM-DD.id`` from a link; None when malformed."""
    day, _, number = str(value or "").partition(".")
    parsed, ident = _date(day), to_int(number)
    return (parsed, ident) if parsed is not None and ident is not None else None


def _before(key: tuple[date, int]):
    # A row comparison, which PostgreSQL reads as one range of a (..., seen_on, id) index,
    # and the date alone, which SQLite reads as one (EXPLAIN on both).
    return and_(Sighting.seen_on <= key[0],
                tuple_(Sighting.seen_on, Sighting.id) < tuple_(literal(key[0]), literal(key[1])))


def _after(key: tuple[date, int]):
    return and_(Sighting.seen_on >= key[0],
                tuple_(Sighting.seen_on, Sighting.id) > tuple_(literal(key[0]), literal(key[1])))


def register_page(filters: RegisterFilters, per_page: int, *, older_than=None,
                  newer_than=None) -> RegisterPage:
    """One page of the register, newest first, after or before a page key."""
    where = _conditions(filters)
    if where is None:
        return RegisterPage([], 0, False, None, None)
    query = _query(where).options(joinedload(Sighting.rumour), joinedload(Sighting.district))
    if newer_than is not None:
        rows = list(db.session.scalars(
            query.where(_after(newer_than))
            .order_by(Sighting.seen_on.asc(), Sighting.id.asc()).limit(per_page + 1)))
        more_newer = len(rows) > per_page
        rows = list(reversed(rows[:per_page]))
        more_older = True
    else:
        if older_than is not None:
            query = query.where(_before(older_than))
        rows = list(db.session.scalars(query.order_by(*NEWEST_FIRST).limit(per_page + 1)))
        more_older = len(rows) > per_page
        rows = rows[:per_page]
        more_newer = older_than is not None
    capped_total = db.session.scalar(select(func.count()).select_from(
        select(Sighting.id).where(*where).limit(COUNT_CAP + 1).subquery())) or 0
    return RegisterPage(
        items=_with_organisations(rows), total=min(capped_total, COUNT_CAP),
        capped=capped_total > COUNT_CAP,
        newer=(rows[0].seen_on, rows[0].id) if rows and more_newer else None,
        older=(rows[-1].seen_on, rows[-1].id) if rows and more_older else None)


def _with_organisations(rows: list[Sighting]) -> list[tuple[Sighting, str]]:
    """Each sighting with its reporter's organisation: all the register says of a reporter."""
    reporter_ids = {s.reporter_id for s in rows if s.reporter_id is not None}
    organisations = dict(db.session.execute(
        select(User.id, User.organisation_id).where(User.id.in_(reporter_ids)))
        .all()) if reporter_ids else {}
    names = lookup("organisations", organisations.values())
    return [(s, names.get(organisations.get(s.reporter_id), "")) for s in rows]


def reporting_organisations() -> list[tuple[int, str]]:
    """The organisations some account acts for (the filter's options), by name."""
    ids = db.session.scalars(select(User.organisation_id).distinct()
                             .where(User.organisation_id.is_not(None)))
    return sorted(lookup("organisations", ids).items(), key=lambda pair: fold(pair[1]))


# --- export ------------------------------------------------------------------

EXPORT_COLUMNS = (Sighting.id, Sighting.seen_on, Sighting.rumour_id, Rumour.wording,
                  Rumour.wording_withheld,
                  Sighting.district_id, Sighting.sphere, Sighting.venue, Sighting.channel,
                  Sighting.language, Sighting.people_count, Sighting.hateful, Sighting.verbatim,
                  User.organisation_id)


def export_headers(locale: str) -> list[str]:
    with force_locale(locale):
        return [gettext("Number"), gettext("Date"), gettext("Rumour number"), gettext("Rumour"),
                gettext("District"), gettext("Kind of place"), gettext("Place"),
                gettext("Channel"), gettext("Language"), gettext("People"), gettext("Hateful"),
                gettext("Words heard"), gettext("Reporter's organisation")]


def _readable_words(viewer: Any):
    """The condition on the sightings whose words an export to ``viewer`` carries (None:
    none of them). Hateful words never leave in a file, not even a coordinator's: they are
    read in the application, where each reading is audited (services.hateful)."""
    if not can(viewer, "sightings.view_verbatim"):
        return None
    return Sighting.hateful.is_(False)


def export_words_count(filters: RegisterFilters, viewer: Any) -> int:
    """How many words heard the export carries (0: nothing to audit)."""
    where, readable = _conditions(filters), _readable_words(viewer)
    if where is None or readable is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(Sighting).where(
        *where, readable, Sighting.verbatim != "")) or 0


def export_rows(filters: RegisterFilters, viewer: Any, locale: str) -> Iterator[list[Any]]:
    """The rows, newest first, read in batches (an export may hold every sighting); hateful
    words are left out, and a rumour worded by a hateful report shows the placeholder.

    What depends on the viewer is decided now; the rows are read as the file is sent."""
    where, readable = _conditions(filters), _readable_words(viewer)
    if where is None:
        return iter(())
    districts = dict(db.session.execute(select(District.id, District.name)).all())
    names = dict(reporting_organisations())
    shown = readable if readable is not None else false()
    query = (select(*EXPORT_COLUMNS[:-2], case((shown, Sighting.verbatim), else_=""),
                    User.organisation_id)
             .join(Rumour, Rumour.id == Sighting.rumour_id)
             .outerjoin(User, User.id == Sighting.reporter_id)
             .where(*where).order_by(*NEWEST_FIRST).execution_options(yield_per=5000))

    def rows() -> Iterator[list[Any]]:
        with force_locale(locale):
            yes, no = gettext("yes"), gettext("no")
            for (ident, seen_on, rumour_id, wording, withheld, district_id, sphere, venue,
                 channel, language, people, hateful, words,
                 organisation_id) in db.session.execute(query):
                district = districts.get(district_id)
                wording = shown_wording(wording, bool(withheld), reveal=False)
                yield [ident, seen_on, rumour_id, localise(wording, locale).text,
                       localise(district, locale).text if district else "",
                       str(SPHERES[sphere]), venue, str(CHANNELS[channel]),
                       str(SIGHTING_LANGUAGES[language]), people, yes if hateful else no, words,
                       names.get(organisation_id, "")]

    return rows()


def record_export(viewer: Any, filters: RegisterFilters, verbatims: int) -> None:
    """An export that carries words heard is audited (they may quote people)."""
    if verbatims:
        audit.record(viewer, "sighting.export", entity_type="rumour_sighting",
                     filters=filters.args(), verbatims=verbatims)


# --- correction and deletion -------------------------------------------------

def _snapshot(sighting: Sighting) -> dict[str, Any]:
    return {name: getattr(sighting, name) for name in (
        "rumour_id", "seen_on", "district_id", "sphere", "venue", "channel", "language",
        "people_count", "verbatim", "hateful")}


def correct_sighting(sighting: Sighting, data: SightingInput, *, rumour_id: int,
                     actor: Any) -> Sighting:
    """Put right what was typed wrongly, or a name the scrubber missed; audited, and the
    figures of the rumours it leaves and joins recomputed."""
    check_sighting(data)
    if data.district_id is not None:
        refuse_unless(db.session.get(District, data.district_id) is not None,
                      _l("Choose an entry of the list."), "district_id")
    target = surviving(db.session.get(Rumour, rumour_id))
    refuse_unless(target is not None and target.id == rumour_id,
                  _l("Choose an entry of the list."), "rumour_id")
    before = _snapshot(sighting)
    weeks_changed([sighting.week_start, week_of(data.seen_on)])
    sighting.rumour_id, sighting.seen_on = rumour_id, data.seen_on
    sighting.week_start = week_of(data.seen_on)
    sighting.district_id, sighting.sphere = data.district_id, data.sphere
    sighting.venue, sighting.channel = data.venue.strip()[:120], data.channel
    sighting.language, sighting.people_count = data.language, data.people_count
    sighting.verbatim, sighting.hateful = scrub(data.verbatim), bool(data.hateful)
    db.session.flush()
    after = _snapshot(sighting)
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    _refresh({before["rumour_id"], rumour_id})
    audit.record(actor, "sighting.correct", sighting, changes=changed)
    return sighting


def delete_sighting(sighting: Sighting, *, actor: Any) -> int:
    """Remove a sighting recorded by mistake; audited with what it held."""
    before, rumour_id, ident = _snapshot(sighting), sighting.rumour_id, sighting.id
    weeks_changed([sighting.week_start])
    db.session.delete(sighting)
    db.session.flush()
    _refresh({rumour_id})
    audit.record(actor, "sighting.delete", entity_type="rumour_sighting", entity_id=ident,
                 before=before)
    return rumour_id


def _refresh(rumour_ids: set[int]) -> None:
    """The counters and weekly figures of the rumours touched (the other totals follow at
    the aggregation job's next run, as after a merge)."""
    for rumour in db.session.scalars(select(Rumour).where(Rumour.id.in_(rumour_ids))):
        recount(rumour)
    refresh_rumour_figures(sorted(rumour_ids))
    db.session.flush()
