"""Import of organisations and ties from a spreadsheet: Kumu, Gephi, or this network's export.

A file of organisations has a name column (Label or Name; Gephi's node table
has Id and Label); a file of ties has From and To, or Source and Target as in
Gephi's edge list (``Source,Target[,Type,Weight]``, Type being Directed or
Undirected). The network's own node and edge CSV exports import back as they
were. Every row is checked and every problem named in the preview; nothing is
written until the whole file is clean, and rows already in the network are
counted, not added again, so importing a file twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from ...core import audit
from ...core.clock import today, utcnow
from ...core.exports import unescape_cell
from ...core.i18n import lazy_gettext as _l
from ...core.imports import Checked, Preview, Table, code_lookup, parse_date, read_table
from ...core.rules import RuleViolation
from ...core.services import district_lookup
from ...core.text import fold
from ...core.translatable import LOCALES
from ...extensions import db
from ..models import Organisation, OrganisationRole, Tie, name_key
from ..vocab import DIRECTED_KINDS, ORIGIN_DERIVED, ORIGIN_IMPORT, ROLES, SECTORS, TIE_KINDS
from .organisations import MAX_WEIGHT, mark_changed, oriented

ORGANISATIONS, TIES = "network.organisations", "network.ties"
ORGANISATION_COLUMNS = {
    "name": ("label", "name", "nom", "organisation"),
    "sector": ("type", "sector", "secteur"),
    "district": ("district", "quartier"),
    "roles": ("roles", "role", "tags"),
    "member_since": ("member_since", "membre_depuis"),
    "commitment": ("commitment_signed_on", "commitment", "charter_signed", "charte_signee"),
    "description": ("description",),
    "description_fr": ("description_fr",),
    "description_en": ("description_en",),
}
TIE_COLUMNS = {
    "from": ("from", "de", "source"),
    "to": ("to", "vers", "a", "target"),
    # The network's edge export names both ends, so it imports into another database.
    "from_label": ("source_label", "from_label"),
    "to_label": ("target_label", "to_label"),
    "kind": ("kind", "connection_type", "nature", "genre"),
    # Kumu's Type is the kind of tie; Gephi's is Directed or Undirected.
    "type": ("type",),
    "weight": ("weight", "strength", "poids", "force"),
    "since": ("since", "depuis"),
    "note": ("note", "description"),
    "origin": ("origin", "origine"),
}
DIRECTIONS = {"directed": True, "oriente": True, "dirige": True,
              "undirected": False, "non oriente": False, "non dirige": False}
SAMPLE_ROWS = 20


@dataclass
class OrganisationRow:
    line: int
    name: str
    sector: str
    district_id: int | None
    roles: list[str]
    member_since: date | None
    commitment_signed_on: date | None
    description: dict[str, str] = field(default_factory=dict)


@dataclass
class TieRow:
    line: int
    from_id: int
    to_id: int
    kind: str
    weight: float
    since: date | None
    note: str
    derived: bool = False  # derived from joint work where it was exported


@dataclass
class TieNotes:
    """What the preview of ties says besides errors: how ends and directions were read."""

    names: dict[int, str] = field(default_factory=dict)
    by_number: int = 0  # ends read as this network's organisation numbers
    direction_lost: int = 0  # rows said Directed, but their kind has no direction
    direction_kept: int = 0  # rows said Undirected, but their kind has a direction
    merged: int = 0  # ties derived from joint work that repeat another row

    def sample(self, rows: list[TieRow]) -> list[tuple[int, str, str, str, bool, float]]:
        return [(row.line, self.names.get(row.from_id, ""), self.names.get(row.to_id, ""),
                 row.kind, row.kind in DIRECTED_KINDS, row.weight) for row in rows[:SAMPLE_ROWS]]


def preview(filename: str, data: bytes, default_locale: str
            ) -> tuple[str, Preview, TieNotes | OrganisationNotes]:
    """What the file would add, each broken row, and (for ties) how the rows were read."""
    table = read_table(filename, data)
    table.rows = [(line, {k: unescape_cell(v) for k, v in values.items()})
                  for line, values in table.rows]
    headers = set(table.headers)
    if {"from", "to"} <= headers or {"de", "vers"} <= headers or {"source", "target"} <= headers:
        notes = TieNotes()
        return TIES, preview_ties(table, notes), notes
    if headers & {*ORGANISATION_COLUMNS["name"], "id"}:
        organisation_notes = OrganisationNotes()
        return (ORGANISATIONS, preview_organisations(table, default_locale, organisation_notes),
                organisation_notes)
    raise RuleViolation(_l("The file has neither a Label (or Name) column for organisations "
                           "nor From and To (or Source and Target) columns for ties."), "file")


def check_file(filename: str, data: bytes, default_locale: str) -> Checked:
    """The import's check: organisations or ties, whichever the file's columns say."""
    kind, result, notes = preview(filename, data, default_locale)
    return Checked(kind, result, notes)


def _column(values: dict[str, str], names: tuple[str, ...]) -> tuple[str, str]:
    """(header found, value) for the first of ``names`` present in the row."""
    for name in names:
        if name in values:
            return name, values[name].strip()
    return names[0], ""


def _optional_date(result: Preview, line: int, column: str, text: str) -> date | None:
    if not text:
        return None
    try:
        value = parse_date(text)
    except ValueError:
        result.error(line, column, _l("“%(value)s” is not a date (use 2026-03-31 or 31/03/2026).",
                                      value=text))
        return None
    if value > today():
        result.error(line, column, _l("This date is in the future."))
    return value


@dataclass
class OrganisationNotes:
    """What the preview of organisations says besides errors."""

    # Gephi Ids that are neither the label nor a number of this network's export: an
    # edge list naming organisations by them cannot be read, as the Id is not kept.
    ids_not_kept: int = 0


def preview_organisations(table: Table, default_locale: str,
                          notes: OrganisationNotes | None = None) -> Preview[OrganisationRow]:
    result: Preview[OrganisationRow] = Preview()
    notes = notes if notes is not None else OrganisationNotes()
    notes.ids_not_kept = sum(
        1 for _line, values in table.rows
        if (node_id := values.get("id", "").strip()) and not node_id.isdigit()
        and name_key(node_id) != name_key(_column(values, ORGANISATION_COLUMNS["name"])[1] or node_id))
    sectors, roles, districts = code_lookup(SECTORS), code_lookup(ROLES), district_lookup()
    existing = set(db.session.scalars(select(Organisation.name_key)))
    seen: dict[str, int] = {}
    for line, values in table.rows:
        errors = len(result.errors)
        row = _organisation_row(result, line, values, sectors, roles, districts, default_locale)
        if row is None or len(result.errors) > errors:
            continue
        _keep_once(result, row, name_key(row.name), seen, existing,
                   lambda first: ("label", _l("Same organisation as line %(line)d.", line=first)))
    return result


def _keep_once(result: Preview, row, key, seen: dict, existing: set, repeated) -> None:
    """Keep a valid row once: a repeat within the file is an error, a stored one is counted."""
    if key in seen:
        result.error(row.line, *repeated(seen[key]))
    elif key in existing:
        result.already_present += 1
    else:
        seen[key] = row.line
        result.rows.append(row)


def _organisation_row(result, line, values, sectors, roles, districts, default_locale):
    column, name = _column(values, ORGANISATION_COLUMNS["name"])
    if not name and values.get("id", "").strip():
        column, name = "id", values["id"].strip()  # Gephi leaves Label empty when it is the Id
    if not name:
        result.error(line, column, _l("The organisation's name is missing."))
        return None
    if len(name) > 200:
        result.error(line, column, _l("The name is longer than 200 characters."))
    column, text = _column(values, ORGANISATION_COLUMNS["sector"])
    sector = sectors.get(fold(text or "other"))
    if sector is None:
        result.error(line, column, _l("Unknown sector “%(value)s”.", value=text))
    column, text = _column(values, ORGANISATION_COLUMNS["district"])
    district_id = districts.get(fold(text)) if text else None
    if text and district_id is None:
        result.error(line, column, _l("Unknown district “%(value)s”.", value=text))
    column, text = _column(values, ORGANISATION_COLUMNS["roles"])
    found = []
    for part in filter(None, (p.strip() for p in text.replace("|", ";").replace(",", ";").split(";"))):
        if fold(part) in roles:
            found.append(roles[fold(part)])
        else:
            result.error(line, column, _l("Unknown role “%(value)s”.", value=part))
    column, text = _column(values, ORGANISATION_COLUMNS["member_since"])
    member_since = _optional_date(result, line, column, text)
    column, text = _column(values, ORGANISATION_COLUMNS["commitment"])
    commitment = _optional_date(result, line, column, text)
    description = {default_locale: _column(values, ORGANISATION_COLUMNS["description"])[1]}
    for locale in LOCALES:
        text = _column(values, ORGANISATION_COLUMNS[f"description_{locale}"])[1]
        if text:
            description[locale] = text
    return OrganisationRow(line, name, sector or "other", district_id, sorted(set(found)),
                           member_since, commitment, {k: v for k, v in description.items() if v})


def preview_ties(table: Table, notes: TieNotes | None = None) -> Preview[TieRow]:
    result: Preview[TieRow] = Preview()
    notes = notes if notes is not None else TieNotes()
    kinds = code_lookup(TIE_KINDS)
    named = dict(db.session.execute(select(Organisation.name_key, Organisation.id)).all())
    notes.names = dict(db.session.execute(select(Organisation.id, Organisation.name)).all())
    ties = db.session.execute(select(Tie.from_organisation_id, Tie.to_organisation_id, Tie.kind,
                                     Tie.origin_key)).all()
    existing = {(a, b, k) for a, b, k, key in ties if key == ""}
    anywhere = {(a, b, k) for a, b, k, _key in ties}
    has_kind = any(name in table.headers for name in TIE_COLUMNS["kind"])
    seen: dict[tuple[int, int, str], TieRow] = {}
    for line, values in table.rows:
        errors = len(result.errors)
        row = _tie_row(result, notes, line, values, kinds, named, has_kind)
        if row is None or len(result.errors) > errors:
            continue
        key = (*oriented(row.from_id, row.to_id, row.kind), row.kind)
        first = seen.get(key)
        if first is not None and (first.derived or row.derived):
            # A tie entered by hand and derived from joint work too: one tie here.
            notes.merged += 1
            if first.derived and not row.derived:
                result.rows[result.rows.index(first)] = seen[key] = row
        elif first is not None:
            result.error(line, "to", _l("Same tie as line %(line)d.", line=first.line))
        elif key in existing or (row.derived and key in anywhere):
            result.already_present += 1
        else:
            seen[key] = row
            result.rows.append(row)
    return result


def _tie_end(result: Preview, notes: TieNotes, line: int, values: dict[str, str], role: str,
             named: dict[str, int]) -> int | None:
    """The organisation at one end: by the label columns of the network's export, else by
    name, else by this network's number for it (Gephi keeps the exported ids)."""
    label_column, label = _column(values, TIE_COLUMNS[f"{role}_label"])
    column, text = _column(values, TIE_COLUMNS[role])
    if label:
        column, text = label_column, label
    if not text:
        result.error(line, column, _l("The organisation is missing."))
        return None
    found = named.get(name_key(text))
    if found is None and not label and text.isdigit() and int(text) in notes.names:
        found = int(text)
        notes.by_number += 1
    if found is None:
        result.error(line, column, _l(
            "Unknown organisation “%(value)s”: import it first (a list of organisations, or "
            "Gephi's node table with Id and Label), or name it by its label.", value=text))
    return found


def _tie_kind(result: Preview, notes: TieNotes, line: int, values: dict[str, str],
              kinds: dict[str, str], has_kind: bool) -> str | None:
    """The kind of tie, and the Type column read as Gephi's direction where it is one."""
    kind_column, kind_text = _column(values, TIE_COLUMNS["kind"])
    type_column, type_text = _column(values, TIE_COLUMNS["type"])
    direction = DIRECTIONS.get(fold(type_text)) if type_text else None
    if not has_kind and direction is None:
        kind_column, kind_text = type_column, type_text  # Kumu: Type is the kind
    elif type_text and direction is None:
        result.error(line, type_column, _l("Unknown type “%(value)s”: Directed or Undirected.",
                                           value=type_text))
    kind = kinds.get(fold(kind_text or "collaborates"))
    if kind is None:
        result.error(line, kind_column, _l("Unknown kind of tie “%(value)s”.", value=kind_text))
    elif direction is True and kind not in DIRECTED_KINDS:
        notes.direction_lost += 1
    elif direction is False and kind in DIRECTED_KINDS:
        notes.direction_kept += 1
    return kind


def _tie_row(result, notes, line, values, kinds, named, has_kind) -> TieRow | None:
    ends = [_tie_end(result, notes, line, values, role, named) for role in ("from", "to")]
    kind = _tie_kind(result, notes, line, values, kinds, has_kind)
    column, text = _column(values, TIE_COLUMNS["weight"])
    weight = 1.0
    if text:
        try:
            weight = float(text.replace(",", "."))
        except ValueError:
            weight = -1
        if not 0 < weight <= MAX_WEIGHT:
            result.error(line, column, _l("The weight must be above 0 and at most %(max)d.",
                                          max=int(MAX_WEIGHT)))
    column, text = _column(values, TIE_COLUMNS["since"])
    since = _optional_date(result, line, column, text)
    if None in ends or kind is None:
        return None
    if ends[0] == ends[1]:
        result.error(line, "to", _l("A tie joins two different organisations."))
        return None
    note = _column(values, TIE_COLUMNS["note"])[1][:500]
    derived = fold(_column(values, TIE_COLUMNS["origin"])[1]) == ORIGIN_DERIVED
    return TieRow(line, ends[0], ends[1], kind, weight, since, note, derived)


def apply(kind: str, result: Preview, *, actor: Any, filename: str) -> int:
    """Write every row of a clean preview; the caller commits once (all or nothing)."""
    if not result.clean:
        raise RuleViolation(_l("The file has errors; nothing was imported."), "file")
    now = utcnow()
    for row in result.rows:
        if kind == ORGANISATIONS:
            organisation = Organisation(
                name=row.name, name_key=name_key(row.name), sector=row.sector,
                district_id=row.district_id, member_since=row.member_since,
                commitment_signed_on=row.commitment_signed_on, description=row.description,
                created_at=now, updated_at=now)
            db.session.add(organisation)
            db.session.flush()
            db.session.add_all(OrganisationRole(organisation_id=organisation.id, role=role)
                               for role in row.roles)
        else:
            a, b = oriented(row.from_id, row.to_id, row.kind)
            db.session.add(Tie(from_organisation_id=a, to_organisation_id=b, kind=row.kind,
                               weight=row.weight, since=row.since, note=row.note,
                               origin=ORIGIN_IMPORT, origin_key="", created_at=now, updated_at=now))
    db.session.flush()
    audit.record(actor, "network.import", entity_type=kind, filename=filename,
                 added=len(result.rows), already_present=result.already_present)
    if result.rows:
        mark_changed()
    return len(result.rows)
