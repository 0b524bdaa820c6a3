"""The sightings survey as an XLSForm (KoboToolbox, ODK) whose answers are the app's codes.

A city deploys it as it is: its "XML values" export then holds the app's own codes
(spheres, channels, languages, district codes, rumour numbers) and its labels export the
app's own wordings in French or English, so either imports without a mapping step. The
choices are read at download time: a rumour catalogued since needs a new download.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

from flask_babel import force_locale
from openpyxl import Workbook
from sqlalchemy import select

from ...core.i18n import lazy_gettext as _l
from ...core.imports import normalise_header
from ...core.services import districts
from ...core.translatable import LOCALES
from ...extensions import db
from ..models import Rumour
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES, SUGGESTED
from .sightings import MAX_PEOPLE

FORM_ID = "icc_sightings"
GROUP = "sighting"
LANGUAGE_NAMES = {"fr": "Français (fr)", "en": "English (en)"}
YES_NO = {"yes": _l("Yes"), "no": _l("No")}

# (field, XLSForm type, label, hint, other columns): the names are the import's own.
QUESTIONS: tuple[tuple[str, str, Any, Any, dict[str, str]], ...] = (
    ("rumour", "select_one rumours", _l("Which rumour did you hear?"), None,
     {"required": "yes", "appearance": "minimal"}),
    ("seen_on", "date", _l("When did you hear it?"), None,
     {"required": "yes", "constraint": ". <= today()"}),
    ("district", "select_one districts", _l("In which district?"),
     _l("Leave empty when it was online or you do not know."), {}),
    ("sphere", "select_one spheres", _l("Where was it said?"), None, {}),
    ("venue", "text", _l("Which place?"), _l("A place, never a person's name."), {}),
    ("channel", "select_one channels", _l("How was it said?"), None, {}),
    ("people_count", "integer", _l("How many people heard it?"), None,
     {"default": "1", "constraint": f". >= 1 and . <= {MAX_PEOPLE}"}),
    ("language", "select_one languages", _l("In which language?"), None, {}),
    ("verbatim", "text", _l("The words heard"),
     _l("Write no names: names, e-mail addresses and phone numbers are removed."),
     {"appearance": "multiline"}),
    ("hateful", "select_one yes_no", _l("Was it hateful?"), None, {"default": "no"}),
)


def _labels(label: Any) -> list[str]:
    out = []
    for locale in LOCALES:
        with force_locale(locale):
            out.append(str(label) if label is not None else "")
    return out


def _wording(text: dict[str, str], locale: str) -> str:
    return text.get(locale) or next((v for v in text.values() if v), "")


def choice_lists() -> dict[str, list[tuple[str, list[str]]]]:
    """Each list of choices: (name, label in each language)."""
    rumours = db.session.execute(
        select(Rumour.id, Rumour.wording).where(Rumour.merged_into_id.is_(None),
                                                Rumour.status.in_(SUGGESTED))
        .order_by(Rumour.id))
    lists: dict[str, list[tuple[str, list[str]]]] = {
        "rumours": [(str(rumour_id), [_wording(wording or {}, lo) for lo in LOCALES])
                    for rumour_id, wording in rumours],
        "districts": [(d.code, [_wording(d.name or {}, lo) or d.code for lo in LOCALES])
                      for d in districts()],
    }
    for name, codes in (("spheres", SPHERES), ("channels", CHANNELS),
                        ("languages", SIGHTING_LANGUAGES), ("yes_no", YES_NO)):
        lists[name] = [(code, _labels(label)) for code, label in codes.items()]
    return lists


def header_aliases(field: str) -> tuple[str, ...]:
    """The headers a labels export of this form gives the field (in either language)."""
    label = next((q[2] for q in QUESTIONS if q[0] == field), None)
    if label is None:
        return ()
    return tuple(normalise_header(text) for text in _labels(label))


def xlsform_bytes(default_locale: str) -> bytes:
    """The form as an .xlsx workbook with its survey, choices and settings sheets."""
    lists = choice_lists()
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    languages = [LANGUAGE_NAMES[lo] for lo in LOCALES]
    extras = ("required", "constraint", "default", "appearance")
    survey.append(["type", "name", *(f"label::{n}" for n in languages),
                   *(f"hint::{n}" for n in languages), *extras])
    blank = [""] * (2 * len(languages) + len(extras))
    survey.append(["start", "start", *blank])
    survey.append(["end", "end", *blank])
    survey.append(["begin_group", GROUP, *_labels(_l("Sighting")), *blank[len(languages):]])
    for field, kind, label, hint, other in QUESTIONS:
        if kind.startswith("select_one") and not lists[kind.split()[1]]:
            kind = "text"  # no rumour catalogued or no district yet: typed by hand
        survey.append([kind, field, *_labels(label), *_labels(hint),
                       *(other.get(e, "") for e in extras)])
    survey.append(["end_group", "", *blank])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{n}" for n in languages)])
    for list_name, entries in lists.items():
        for name, labels in entries:
            choices.append([list_name, name, *labels])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    digest = hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:8]
    settings.append([" / ".join(_labels(_l("Rumours heard"))), FORM_ID, digest,
                     LANGUAGE_NAMES.get(default_locale, LANGUAGE_NAMES[LOCALES[0]])])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
