"""Bulk import of sightings from a survey or KoboToolbox export (CSV or XLSX).

Every row is validated into a preview; nothing is written unless the whole
file is clean. Each row has a key (the survey's own answer id when there is
one), so importing the same file again adds nothing.

Kobo's exports come in two shapes, both read: "XML values and headers" (question and
choice names, questions inside a group as ``signalement/Rumeur``) and labels. Kobo's own
columns (``_id``, ``_submission_time``, ``formhub/uuid``...) are skipped. A column or an
answer the app does not know is put to the coordinator in the preview's mapping step
(``import_mapping``), remembered for the form's next export.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.imports import (
    KOBO_META,
    Checked,
    Preview,
    Table,
    code_lookup,
    find_header,
    form_key,
    parse_date,
    read_table,
)
from ...core.services import district_lookup
from ...core.text import fold, to_int
from ...extensions import db
from ..models import Rumour
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES
from .import_mapping import (
    MAPPED_FIELDS,
    VOCABULARIES,
    ColumnChoice,
    MappingStep,
    answer_code,
    guess,
    remembered,
)
from .matching import suggest
from .sightings import (
    MAX_PEOPLE,
    existing_import_keys,
    insert_sightings,
    row_keys,
    scrub,
    week_of,
)
from .xlsform import header_aliases

KIND = "rumours.sightings"

# Accepted headers (after normalisation), French and English, for each field; the labels
# of the app's own XLSForm are accepted too (see xlsform.QUESTIONS).
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
        self.coded: dict[str, dict[str, Any]] = {
            "sphere": code_lookup(SPHERES), "channel": code_lookup(CHANNELS),
            "language": code_lookup(SIGHTING_LANGUAGES), "district": district_lookup(),
            "hateful": {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}}
        self.district_ids = set(self.coded["district"].values())
        # Each rumour's number leads to the rumour its sightings belong to: a duplicate
        # merged into another one sends them there.
        self.rumour_ids: dict[int, int] = {}
        self.wordings: dict[str, int] = {}
        for rumour_id, wording, merged_into in db.session.execute(
                select(Rumour.id, Rumour.wording, Rumour.merged_into_id)):
            self.rumour_ids[rumour_id] = merged_into or rumour_id
            self.wordings.update({fold(text): merged_into or rumour_id
                                  for text in wording.values()})
        self.remembered: dict[str, dict[str, Any]] = {}

    def remember(self, answers: dict[str, dict[str, str]]) -> None:
        """The coordinator's answers kept for this form that still mean something."""
        for field, values in answers.items():
            if field not in MAPPED_FIELDS:
                continue
            for folded, code in values.items():
                meaning = answer_code(field, code, self.rumour_ids, self.district_ids)
                if meaning is not None:
                    self.remembered.setdefault(field, {})[folded] = (code, meaning)


def _aliases(field: str) -> tuple[str, ...]:
    return COLUMNS[field] + header_aliases(field)


def _columns(headers: list[str], kept: dict[str, str]) -> tuple[dict[str, str],
                                                               list[ColumnChoice]]:
    """The header giving each field, and every column as the mapping step shows it."""
    auto: dict[str, str] = {}
    for field in COLUMNS:
        header = find_header([h for h in headers if h not in auto.values()], _aliases(field))
        if header:
            auto[field] = header
    found = {f: h for f, h in auto.items() if h not in kept}
    for header, field in kept.items():
        if header in headers and field in COLUMNS and field not in found:
            found[field] = header
    given = {h: f for f, h in found.items()}
    by_header = {h: f for f, h in auto.items()}
    # Kobo's own columns are offered only while a required field lacks one: a form without
    # a date question may take its "today" or "_submission_time".
    offer_meta = any(f not in found for f in REQUIRED)
    choices = [ColumnChoice(h, given.get(h, ""), by_header.get(h, ""), h in kept)
               for h in headers if h not in KOBO_META or h in given or offer_meta]
    return found, choices


def check_table(table: Table, reporter_id: int) -> Checked[dict[str, Any]]:
    """Validate every row; the preview's rows are ready to insert when it is clean and the
    mapping step waits for nothing."""
    preview: Preview[dict[str, Any]] = Preview()
    key = form_key(table)
    kept = remembered(key)
    step = MappingStep(key, remembered=kept is not None)
    columns, step.columns = _columns(table.headers, (kept.columns or {}) if kept else {})
    step.missing = [f for f in REQUIRED if f not in columns]
    checked = Checked(KIND, preview, details=step, revisable=True)
    if step.missing:
        preview.error(1, None, _l("Missing column(s): %(names)s.",
                                  names=", ".join(str(LABELS[f]) for f in step.missing)))
        checked.step_pending = True
        return checked
    lookups = _Lookups()
    lookups.remember((kept.answers or {}) if kept else {})
    values = [{f: row.get(h, "") for f, h in columns.items()} for _line, row in table.rows]
    keys = row_keys(values, "uuid" if "uuid" in columns else None)
    present = existing_import_keys(keys)
    for (line, _row), cells, key in zip(table.rows, values, keys, strict=True):
        parsed = _parse_row(preview, step, line, cells, lookups)
        if parsed is None:
            continue
        if key in present:
            preview.already_present += 1
            continue
        present.add(key)
        preview.rows.append({**parsed, "import_key": key, "reporter_id": reporter_id,
                             "created_at": utcnow(), "week_start": week_of(parsed["seen_on"])})
    _guess(step, lookups)
    checked.step_pending = step.pending
    return checked


def preview_import(table: Table, reporter_id: int) -> Preview[dict[str, Any]]:
    """The check's preview (tests and callers that need no mapping step)."""
    return check_table(table, reporter_id).preview


def _parse_row(preview: Preview, step: MappingStep, line: int, cells: dict[str, str],
               lookups: _Lookups) -> dict[str, Any] | None:
    errors_before, unknown_before = len(preview.errors), step.unknown_count

    def fail(field: str, message: Any) -> None:
        preview.error(line, LABELS[field], message)

    def coded(field: str, default: Any) -> Any:
        return _coded(field, cells.get(field, ""), lookups, step, default)

    row = {
        "rumour_id": coded("rumour", None),
        "seen_on": _seen_on(cells.get("seen_on", ""), lambda m: fail("seen_on", m)),
        "district_id": coded("district", None),
        "sphere": coded("sphere", "other"),
        "channel": coded("channel", "other"),
        "language": coded("language", "other"),
        "people_count": _people(cells.get("people_count", ""), lambda m: fail("people_count", m)),
        "hateful": coded("hateful", False),
        "venue": cells.get("venue", "").strip()[:120],
        "verbatim": scrub(cells.get("verbatim", "")),
    }
    if not cells.get("rumour", "").strip().lstrip("#"):
        fail("rumour", _l("Name the rumour: its number or its exact wording."))
    waiting = step.unknown_count > unknown_before  # the row waits for the mapping step
    return row if len(preview.errors) == errors_before and not waiting else None


def _guess(step: MappingStep, lookups: _Lookups) -> None:
    """Offer the closest code for each answer nothing was said about."""
    for (field, _folded), answer in step.answers.items():
        if answer.remembered:
            continue
        if field == "rumour":
            close = suggest(answer.value, 1)
            if close:
                answer.chosen = str(close[0].rumour_id)
                answer.hint = next(iter(close[0].wording.values()), "")
        elif field in VOCABULARIES or field == "district":
            answer.chosen = guess(field, answer.value, lookups.coded[field])


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


def _coded(field: str, cell: str, lookups: _Lookups, step: MappingStep, default: Any) -> Any:
    """The code of an answer: the app's own, else the one remembered for this form, else
    the answer waits in the mapping step."""
    text = cell.strip()
    if field == "rumour":
        text = text.lstrip("#")
        if not text:
            return None
        if to_int(text) in lookups.rumour_ids:
            return lookups.rumour_ids[to_int(text)]
        found = lookups.wordings.get(fold(text))
    else:
        if not text:
            return default
        found = lookups.coded[field].get(fold(text))
    if found is not None:
        return found
    kept = lookups.remembered.get(field, {}).get(fold(text))
    if kept is not None:
        step.kept(field, text, kept[0])
        return None if kept[1] is False and field == "district" else kept[1]
    step.unknown(field, text)
    return None


def _people(cell: str, fail) -> int | None:
    people = to_int(cell.strip() or "1")
    if people is None or not 1 <= people <= MAX_PEOPLE:
        fail(_l("Enter a number between 1 and %(n)d.", n=MAX_PEOPLE))
        return None
    return people


def check_file(filename: str, data: bytes, reporter_id: int) -> Checked[dict[str, Any]]:
    """The import's check: read the file and validate every row."""
    return check_table(read_table(filename, data), reporter_id)


def import_rows(preview: Preview[dict[str, Any]], actor: Any = None) -> int:
    """Write a clean preview's new rows (rows imported before are skipped again); the
    coordinators but ``actor`` hear of the hateful ones."""
    assert preview.clean, "only a clean preview is imported"
    present = existing_import_keys([r["import_key"] for r in preview.rows])
    return insert_sightings([r for r in preview.rows if r["import_key"] not in present], actor)
