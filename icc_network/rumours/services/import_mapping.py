"""The mapping step of a sightings import: what a survey form's unknown columns and answers
mean, asked once in the preview and remembered for the form's next export.

A city's own KoboToolbox form names its answers as it likes (``marche``,
``transport_public``, a language the app does not list): the preview lists each answer the
app does not know, with a guess, and each column with the field it gives. What the
coordinator chooses is kept per form (``core.imports.form_key``) and applied to every later
export of it, where it can be changed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select

from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import RuleViolation
from ...core.text import fold, to_int
from ...extensions import db
from ..models import Rumour, SightingImportMapping
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES

# The fields whose answers come from a list; "none" is the answer "no district".
MAPPED_FIELDS = ("rumour", "district", "sphere", "channel", "language", "hateful")
NO_DISTRICT = "none"
VOCABULARIES = {"sphere": SPHERES, "channel": CHANNELS, "language": SIGHTING_LANGUAGES}
GUESS_CUTOFF = 80
MAX_LISTED = 100  # distinct unknown answers listed per field


def _input_name(*parts: str) -> str:
    return "-".join((*parts[:-1], hashlib.sha1(parts[-1].encode()).hexdigest()[:12]))


@dataclass
class ColumnChoice:
    header: str
    field: str  # "" when the column is not imported
    auto: str  # what the header alone says ("" for an unknown column)
    remembered: bool

    @property
    def input_name(self) -> str:
        return _input_name("column", self.header)


@dataclass
class AnswerChoice:
    field: str
    value: str  # as the file first gives it
    folded: str
    count: int = 0
    chosen: str = ""  # the code, the remembered one or a guess ("" none)
    remembered: bool = False
    hint: str = ""  # the wording of the rumour offered

    @property
    def input_name(self) -> str:
        return _input_name("answer", self.field, self.folded)


@dataclass
class MappingStep:
    form_key: str
    columns: list[ColumnChoice] = field(default_factory=list)
    answers: dict[tuple[str, str], AnswerChoice] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # required fields without a column
    unlisted: int = 0  # unknown answers past MAX_LISTED
    unknown_count: int = 0  # cells holding an unknown answer
    remembered: bool = False  # this form has a remembered mapping

    @property
    def pending(self) -> bool:
        """The file waits for the coordinator: a field or an answer is not mapped yet."""
        return bool(self.missing or self.unlisted) or any(
            not a.remembered for a in self.answers.values())

    @property
    def new_answers(self) -> list[AnswerChoice]:
        return [a for a in self.answers.values() if not a.remembered]

    def unknown(self, field_name: str, value: str) -> None:
        """An answer the app does not know and nothing was said about: the row waits."""
        self.unknown_count += 1
        if self._listed(field_name, value) is None:
            self.unlisted += 1

    def kept(self, field_name: str, value: str, code: str) -> None:
        """An answer read through what was remembered: listed so that it can change."""
        answer = self._listed(field_name, value)
        if answer is not None:
            answer.chosen, answer.remembered = code, True

    def _listed(self, field_name: str, value: str) -> AnswerChoice | None:
        folded = fold(value)
        answer = self.answers.get((field_name, folded))
        if answer is None:
            if sum(1 for f, _v in self.answers if f == field_name) >= MAX_LISTED:
                return None
            answer = self.answers[(field_name, folded)] = AnswerChoice(
                field_name, value.strip()[:120], folded)
        answer.count += 1
        return answer


def remembered(form_key: str) -> SightingImportMapping | None:
    return db.session.scalar(select(SightingImportMapping).where(
        SightingImportMapping.form_key == form_key))


def guess(field_name: str, value: str, lookup: Mapping[str, Any]) -> str:
    """The code an unknown answer most likely stands for ("other" when nothing is close)."""
    best = process.extractOne(fold(value), list(lookup), scorer=fuzz.WRatio,
                              processor=None, score_cutoff=GUESS_CUTOFF)
    if best is not None:
        return str(lookup[best[0]])
    return "other" if field_name in VOCABULARIES else ""


def answer_code(field_name: str, code: str, rumour_ids: Mapping[int, int],
                district_ids: set[int]) -> Any:
    """What a chosen code means for the row, or None when it no longer means anything (a
    rumour or district deleted since)."""
    if field_name == "rumour":
        return rumour_ids.get(to_int(code) or 0)
    if field_name == "district":
        return False if code == NO_DISTRICT else (
            to_int(code) if to_int(code) in district_ids else None)
    if field_name == "hateful":
        return {"yes": True, "no": False}.get(code)
    return code if code in VOCABULARIES[field_name] else None


def save_step(step: MappingStep, chosen: Mapping[str, str], user_id: int,
              labels: Mapping[str, Any]) -> SightingImportMapping:
    """Remember the coordinator's choices for the form (merged with what was kept)."""
    columns: dict[str, str | None] = {}  # None: nothing to remember for the column
    given: dict[str, str] = {}
    for column in step.columns:
        value = chosen.get(column.input_name, column.field)
        value = value if value in labels else ""
        if value and value in given:
            raise RuleViolation(_l("The columns “%(first)s” and “%(second)s” both give the "
                                   "%(field)s: ignore one of them.", first=given[value],
                                   second=column.header, field=labels[value]))
        if value:
            given[value] = column.header
        # a column that says itself what it gives needs nothing remembered
        columns[column.header] = value if value != column.auto or not column.auto else None
    rumour_ids = dict.fromkeys(db.session.scalars(select(Rumour.id)), 0)
    district_ids = set(db.session.scalars(select(District.id)))
    answers: dict[str, dict[str, str]] = {}
    for answer in step.answers.values():
        value = (chosen.get(answer.input_name) or "").strip()
        if answer.field == "rumour":
            value = str(to_int(value.lstrip("#")) or "")
            valid = to_int(value) in rumour_ids
        else:
            valid = bool(value) and answer_code(
                answer.field, value, {}, district_ids) is not None
        if valid:
            answers.setdefault(answer.field, {})[answer.folded] = value
    return _store(step.form_key, columns, answers, user_id)


def _store(form_key: str, columns: dict[str, str | None], answers: dict[str, dict[str, str]],
           user_id: int) -> SightingImportMapping:
    mapping = remembered(form_key)
    if mapping is None:
        mapping = SightingImportMapping(form_key=form_key, columns={}, answers={})
        db.session.add(mapping)
    kept = {h: f for h, f in (mapping.columns or {}).items() if h not in columns}
    mapping.columns = {**kept, **{h: f for h, f in columns.items() if f is not None}}
    merged = {f: dict(values) for f, values in (mapping.answers or {}).items()}
    for field_name, values in answers.items():
        merged.setdefault(field_name, {}).update(values)
    mapping.answers = merged
    mapping.updated_by_id = user_id
    db.session.flush()
    return mapping
