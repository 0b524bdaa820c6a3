"""Importing a wave's responses from a survey or KoboToolbox export (CSV or XLSX), one row
per respondent and one column per statement (its ``code``).

Every row is validated into a preview that lists each problem by line; nothing is written
unless the whole file is clean, and then all of it at once. Respondents already in the
wave (same identifier) are counted as imported before: importing the same file again adds
nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from ...core.i18n import lazy_gettext as _l
from ...core.imports import (
    Checked,
    Preview,
    Table,
    code_lookup,
    find_header,
    normalise_header,
    read_table,
)
from ...core.services import district_lookup
from ...core.text import fold
from ...extensions import db
from ..models import SurveyAnswer, SurveyRespondent, SurveyStatement, SurveyWave
from ..vocab import AGE_BANDS, ANSWERS, GENDERS
from . import survey_results
from .surveys import wave_totals

KIND = "evaluation.survey_responses"

# Accepted headers (after normalisation), French and English, for each field. Kobo's
# "_id" and "_uuid" become "id" and "uuid" once normalised.
COLUMNS = {
    "reference": ("id", "uuid", "respondent", "respondent_id", "respondent_number",
                  "repondant", "identifiant", "meta_instanceid", "instanceid",
                  "submission_id"),
    "district": ("district", "quartier", "neighbourhood", "neighborhood"),
    "age_band": ("age_band", "age", "age_group", "tranche_d_age", "tranche_age",
                 "classe_d_age"),
    "gender": ("gender", "genre", "sexe", "sex"),
}
LABELS = {"reference": _l("respondent"), "district": _l("district"),
          "age_band": _l("age band"), "gender": _l("gender")}

# The Likert scales of French and English questionnaires, folded (see core.text.fold), and
# Kobo's choice names ("tout_a_fait_d_accord") fold to the same words.
LIKERT = {
    "agree": ("strongly agree", "agree", "somewhat agree", "tend to agree", "mostly agree",
              "completely agree", "tout a fait d accord", "plutot d accord", "d accord",
              "assez d accord", "totalement d accord"),
    "disagree": ("strongly disagree", "disagree", "somewhat disagree", "tend to disagree",
                 "mostly disagree", "completely disagree", "pas d accord",
                 "plutot pas d accord", "pas du tout d accord", "pas vraiment d accord",
                 "en desaccord", "plutot en desaccord", "tout a fait en desaccord",
                 "totalement en desaccord"),
    "dont_know": ("don t know", "dont know", "do not know", "no opinion", "not sure",
                  "ne sait pas", "ne sais pas", "nsp", "sans opinion", "je ne sais pas"),
}
GENDER_WORDS = {
    "woman": ("f", "w", "female", "femme", "women", "femmes", "feminin"),
    "man": ("m", "h", "male", "homme", "men", "hommes", "masculin"),
    "other": ("autre", "non binaire", "non binary", "prefer not to say", "non precise",
              "ne souhaite pas repondre"),
}


class _Lookups:
    def __init__(self) -> None:
        self.answers = code_lookup(ANSWERS)
        for code, words in LIKERT.items():
            self.answers.update(dict.fromkeys(words, code))
        self.age_bands = code_lookup(AGE_BANDS)
        self.age_bands.update({fold(code.replace("_", "-")): code for code in AGE_BANDS})
        self.age_bands.update({"65": "65_plus", "65 et plus": "65_plus", "moins de 18": "under_18"})
        self.genders = code_lookup(GENDERS)
        for code, words in GENDER_WORDS.items():
            self.genders.update(dict.fromkeys(words, code))
        self.districts = district_lookup()


def _columns(headers: list[str], statements: list[SurveyStatement]) -> tuple[dict, dict]:
    fields = {f: h for f, aliases in COLUMNS.items() if (h := find_header(headers, aliases))}
    taken = set(fields.values())
    answers = {}
    for statement in statements:
        header = find_header([h for h in headers if h not in taken],
                       (normalise_header(statement.code),), shortest=1)
        if header:
            answers[statement.id] = header
            taken.add(header)
    return fields, answers


def preview_import(table: Table, wave: SurveyWave) -> Preview[dict[str, Any]]:
    """Validate every row; the preview's rows are ready to insert when it is clean."""
    preview: Preview[dict[str, Any]] = Preview()
    statements = list(db.session.scalars(select(SurveyStatement).where(
        SurveyStatement.survey_id == wave.survey_id).order_by(SurveyStatement.position)))
    fields, answers = _columns(table.headers, statements)
    if "reference" not in fields:
        preview.error(1, None, _l("Missing column(s): %(names)s.", names=LABELS["reference"]))
    if not answers:
        preview.error(1, None, _l("No column answers a statement of this survey: name each "
                                  "column by its statement's code (%(codes)s).",
                                  codes=", ".join(s.code for s in statements)))
    codes = {s.id: s.code for s in statements}
    totalled = sorted(codes[s] for s in wave_totals(wave.id) if s in answers)
    if totalled:
        preview.error(1, None, _l("This wave already has totals for %(codes)s: remove them "
                                  "before importing respondents' answers.",
                                  codes=", ".join(totalled)))
    if preview.errors:
        return preview
    lookups = _Lookups()
    present = set(db.session.scalars(select(SurveyRespondent.reference).where(
        SurveyRespondent.wave_id == wave.id)))
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        reference = cells.get(fields["reference"], "").strip()[:80]
        if reference in seen:
            preview.error(line, str(LABELS["reference"]), _l(
                "Respondent “%(value)s” appears already on line %(line)d.",
                value=reference[:60], line=seen[reference]))
        elif reference:
            seen[reference] = line
        row = _parse_row(preview, line, cells, fields, answers, codes, lookups)
        if row is None or seen.get(reference) != line:
            continue
        if reference in present:
            preview.already_present += 1
            continue
        preview.rows.append(row)
    return preview


def _parse_row(preview: Preview, line: int, cells: dict[str, str], fields: dict[str, str],
               answers: dict[int, str], codes: dict[int, str],
               lookups: _Lookups) -> dict[str, Any] | None:
    errors_before = len(preview.errors)

    def cell(field: str) -> str:
        return cells.get(fields[field], "").strip() if field in fields else ""

    reference = cell("reference")[:80]
    if not reference:
        preview.error(line, str(LABELS["reference"]), _l("Give the respondent's identifier."))
    row: dict[str, Any] = {
        "reference": reference,
        "district_id": _coded(preview, line, "district", cell("district"), lookups.districts),
        "age_band": _coded(preview, line, "age_band", cell("age_band"), lookups.age_bands),
        "gender": _coded(preview, line, "gender", cell("gender"), lookups.genders),
        "answers": {},
    }
    for statement_id, header in answers.items():
        value = cells.get(header, "").strip()
        if not value:
            continue  # not answered: no row for this statement
        answer = lookups.answers.get(fold(value))
        if answer is None:
            preview.error(line, codes[statement_id], _l(
                "Unknown answer “%(value)s”: use agree, disagree or don't know (or the "
                "survey's scale, e.g. “plutôt d'accord”).", value=value[:60]))
        else:
            row["answers"][statement_id] = answer
    return row if len(preview.errors) == errors_before else None


UNKNOWN = {
    "district": lambda value: _l("Unknown district “%(value)s”: use its code or its name.",
                                 value=value),
    "age_band": lambda value: _l("Unknown age band “%(value)s”.", value=value),
    "gender": lambda value: _l("Unknown gender “%(value)s”.", value=value),
}


def _coded(preview: Preview, line: int, field: str, value: str, lookup: dict) -> Any:
    if not value:
        return None
    if fold(value) not in lookup:
        preview.error(line, str(LABELS[field]), UNKNOWN[field](value[:60]))
        return None
    return lookup[fold(value)]


def check_file(filename: str, data: bytes, wave: SurveyWave) -> Checked[dict[str, Any]]:
    """The import's check: read the file and validate every row."""
    return Checked(KIND, preview_import(read_table(filename, data), wave))


def import_rows(wave: SurveyWave, preview: Preview[dict[str, Any]]) -> int:
    """Write a clean preview's new respondents and their answers (those already in the wave
    are skipped again). Two bulk inserts whatever the number of rows."""
    assert preview.clean, "only a clean preview is imported"
    present = set(db.session.scalars(select(SurveyRespondent.reference).where(
        SurveyRespondent.wave_id == wave.id)))
    rows = [r for r in preview.rows if r["reference"] not in present]
    if not rows:
        return 0
    respondents = [SurveyRespondent(wave_id=wave.id, reference=r["reference"],
                                    district_id=r["district_id"], age_band=r["age_band"],
                                    gender=r["gender"]) for r in rows]
    db.session.add_all(respondents)
    db.session.flush()
    answers = [{"respondent_id": respondent.id, "statement_id": statement_id,
                "answer": answer}
               for respondent, row in zip(respondents, rows, strict=True)
               for statement_id, answer in row["answers"].items()]
    if answers:
        db.session.execute(insert(SurveyAnswer), answers)
    survey_results.refresh_tallies(wave.id)
    return len(rows)
