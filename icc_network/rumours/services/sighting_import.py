"""Bulk import of sightings from a survey or KoboToolbox export (CSV or XLSX).

Every row is validated into a preview; nothing is written unless the whole
file is clean. Each row has a key (the survey's own answer id when there is
one), so importing the same file again adds nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.imports import Checked, Preview, Table, code_lookup, parse_date, read_table
from ...core.services import district_lookup
from ...core.text import fold, to_int
from ...extensions import db
from ..models import Rumour
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES
from .matching import suggest
from .sightings import (
    MAX_PEOPLE,
    existing_import_keys,
    insert_sightings,
    row_keys,
    scrub,
    week_of,
)

KIND = "rumours.sightings"

# Accepted headers (after normalisation), French and English, for each field.
COLUMNS = {
    "rumour": ("rumour", "rumour_id", "rumor", "rumeur", "rumeur_id"),
    "seen_on": ("date", "seen_on", "heard_on", "date_heard", "entendu_le", "date_entendue"),
    "district": ("district", "quartier", "neighbourhood", "neighborhood"),
    "sphere": ("sphere", "sphere_venue", "type_of_place", "type_de_lieu", "milieu"),
    "venue": ("venue", "place", "lieu", "endroit"),
    "channel": ("channel", "canal"),
    "people_count": ("people", "people_count", "how_many_people", "count", "nombre",
                     "personnes", "nombre_de_personnes"),
    "language": ("language", "langue"),
    "verbatim": ("verbatim", "words", "words_heard", "propos", "paroles"),
    "hateful": ("hateful", "hateful_content", "haineux", "contenu_haineux"),
    "uuid": ("uuid", "meta_instanceid", "instanceid", "submission_id"),
}
REQUIRED = ("rumour", "seen_on")
LABELS = {
    "rumour": _l("rumour"), "seen_on": _l("date"), "district": _l("district"),
    "sphere": _l("sphere"), "venue": _l("venue"), "channel": _l("channel"),
    "people_count": _l("people"), "language": _l("language"), "verbatim": _l("verbatim"),
    "hateful": _l("hateful"), "uuid": _l("answer id"),
}
YES = {"yes", "y", "oui", "o", "true", "vrai", "1", "x"}
NO = {"", "no", "n", "non", "false", "faux", "0"}


class _Lookups:
    def __init__(self) -> None:
        self.spheres = code_lookup(SPHERES)
        self.channels = code_lookup(CHANNELS)
        self.languages = code_lookup(SIGHTING_LANGUAGES)
        self.districts = district_lookup()
        # Each rumour's number leads to the rumour its sightings belong to: a duplicate
        # merged into another one sends them there.
        self.rumour_ids: dict[int, int] = {}
        self.wordings: dict[str, int] = {}
        for rumour_id, wording, merged_into in db.session.execute(
                select(Rumour.id, Rumour.wording, Rumour.merged_into_id)):
            self.rumour_ids[rumour_id] = merged_into or rumour_id
            self.wordings.update({fold(text): merged_into or rumour_id
                                  for text in wording.values()})


def _columns(headers: list[str]) -> dict[str, str]:
    found = {}
    for field, aliases in COLUMNS.items():
        for header in headers:
            if header in aliases:
                found[field] = header
                break
    return found


def preview_import(table: Table, reporter_id: int) -> Preview[dict[str, Any]]:
    """Validate every row; the preview's rows are ready to insert when it is clean."""
    preview: Preview[dict[str, Any]] = Preview()
    columns = _columns(table.headers)
    missing = [LABELS[f] for f in REQUIRED if f not in columns]
    if missing:
        preview.error(1, None, _l("Missing column(s): %(names)s.",
                                  names=", ".join(str(m) for m in missing)))
        return preview
    lookups = _Lookups()
    values = [{f: row.get(h, "") for f, h in columns.items()} for _line, row in table.rows]
    keys = row_keys(values, "uuid" if "uuid" in columns else None)
    present = existing_import_keys(keys)
    for (line, _row), cells, key in zip(table.rows, values, keys, strict=True):
        parsed = _parse_row(preview, line, cells, lookups)
        if parsed is None:
            continue
        if key in present:
            preview.already_present += 1
            continue
        present.add(key)
        preview.rows.append({**parsed, "import_key": key, "reporter_id": reporter_id,
                             "created_at": utcnow(), "week_start": week_of(parsed["seen_on"])})
    return preview


def _parse_row(preview: Preview, line: int, cells: dict[str, str],
               lookups: _Lookups) -> dict[str, Any] | None:
    errors_before = len(preview.errors)

    def fail(field: str, message: Any) -> None:
        preview.error(line, LABELS[field], message)

    row = {
        "rumour_id": _rumour(cells.get("rumour", ""), lookups, lambda m: fail("rumour", m)),
        "seen_on": _seen_on(cells.get("seen_on", ""), lambda m: fail("seen_on", m)),
        "district_id": _optional(cells.get("district", ""), lookups.districts,
                                 lambda m: fail("district", m)),
        "sphere": _coded(cells.get("sphere", ""), lookups.spheres, "other",
                         lambda m: fail("sphere", m)),
        "channel": _coded(cells.get("channel", ""), lookups.channels, "other",
                          lambda m: fail("channel", m)),
        "language": _coded(cells.get("language", ""), lookups.languages, "other",
                           lambda m: fail("language", m)),
        "people_count": _people(cells.get("people_count", ""), lambda m: fail("people_count", m)),
        "hateful": _flag(cells.get("hateful", ""), lambda m: fail("hateful", m)),
        "venue": cells.get("venue", "").strip()[:120],
        "verbatim": scrub(cells.get("verbatim", "")),
    }
    return row if len(preview.errors) == errors_before else None


def _rumour(cell: str, lookups: _Lookups, fail) -> int | None:
    text = cell.strip().lstrip("#")
    if not text:
        fail(_l("Name the rumour: its number or its exact wording."))
        return None
    if to_int(text) in lookups.rumour_ids:
        return lookups.rumour_ids[to_int(text)]
    if fold(text) in lookups.wordings:
        return lookups.wordings[fold(text)]
    close = suggest(text, 1)
    if close:
        wording = next(iter(close[0].wording.values()))
        fail(_l("No rumour has this number or wording. Did you mean no. %(id)s, “%(wording)s”?",
                id=close[0].rumour_id, wording=wording))
    else:
        fail(_l("No rumour has this number or wording."))
    return None


def _seen_on(cell: str, fail) -> date | None:
    try:
        parsed = parse_date(cell)
    except ValueError:
        parsed = None
    if parsed is None:
        fail(_l("Write the date as 2026-03-31 or 31/03/2026."))
    elif parsed > today():
        fail(_l("This date is in the future."))
    elif parsed.year < 2000:
        fail(_l("This date is too far in the past."))
    else:
        return parsed
    return None


def _optional(cell: str, lookup: dict[str, int], fail) -> int | None:
    if not cell.strip():
        return None
    if fold(cell) not in lookup:
        fail(_l("Unknown district “%(value)s”: use its code or its name.", value=cell.strip()[:60]))
        return None
    return lookup[fold(cell)]


def _coded(cell: str, lookup: dict[str, str], default: str, fail) -> str | None:
    if not cell.strip():
        return default
    if fold(cell) not in lookup:
        fail(_l("Unknown value “%(value)s”.", value=cell.strip()[:60]))
        return None
    return lookup[fold(cell)]


def _people(cell: str, fail) -> int | None:
    people = to_int(cell.strip() or "1")
    if people is None or not 1 <= people <= MAX_PEOPLE:
        fail(_l("Enter a number between 1 and %(n)d.", n=MAX_PEOPLE))
        return None
    return people


def _flag(cell: str, fail) -> bool | None:
    if fold(cell) in YES:
        return True
    if fold(cell) in NO:
        return False
    fail(_l("Answer yes or no."))
    return None


def check_file(filename: str, data: bytes, reporter_id: int) -> Checked[dict[str, Any]]:
    """The import's check: read the file and validate every row."""
    return Checked(KIND, preview_import(read_table(filename, data), reporter_id))


def import_rows(preview: Preview[dict[str, Any]]) -> int:
    """Write a clean preview's new rows (rows imported before are skipped again)."""
    assert preview.clean, "only a clean preview is imported"
    present = existing_import_keys([r["import_key"] for r in preview.rows])
    return insert_sightings([r for r in preview.rows if r["import_key"] not in present])
