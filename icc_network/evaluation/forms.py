"""Forms of the evaluation area, one section per concept (labels with lazy_gettext)."""

from __future__ import annotations

import math

from babel.numbers import NumberFormatError, parse_decimal
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from ..core.forms import BaseForm, TranslatableField, choices, strip_filter
from ..core.i18n import current_language
from ..core.i18n import lazy_gettext as _l
from .vocab import (
    FREQUENCIES,
    MEASURE_SOURCES,
    POLARITIES,
    PROGRAMME_KINDS,
    UNITS,
    WORKSHEET_SECTIONS,
)

# --- surveys ---------------------------------------------------------------------

# --- results, programmes and measures ----------------------------------------------


def parse_number(text: str | None) -> float | None:
    """A number typed in the user's language ("12,5" in French, "12.5" in English, either
    accepted); None when it is not one, or not finite."""
    text = (text or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    for locale in (current_language(), "fr", "en"):
        try:
            number = float(parse_decimal(text, locale=locale, strict=True))
        except (NumberFormatError, ValueError):
            continue
        return number if math.isfinite(number) else None
    return None


class NumberText(StringField):
    """A number typed as text, kept as typed when it is not one; ``.number`` holds it."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, filters=[strip_filter], **kwargs)
        self.number: float | None = None

    def process_data(self, value):
        self.number = float(value) if isinstance(value, (int, float)) else None
        self.data = "" if self.number is None else f"{self.number:g}"

    def pre_validate(self, form):
        self.number = parse_number(self.data)
        if (self.data or "").strip() and self.number is None:
            raise StopValidation(_l("Enter a number, such as 12 or 12,5."))


class ResultForm(BaseForm):
    title = TranslatableField(_l("Result (a condition of the population)"), max_length=300,
                              description=_l("For example: Residents do not believe rumours "
                                             "about newcomers."))
    description = TranslatableField(_l("Description"), multiline=True, max_length=4000,
                                    required=False)
    position = IntegerField(_l("Position in the list"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=9999)])


class ProgrammeForm(BaseForm):
    title = TranslatableField(_l("Programme"), max_length=300)
    kind = SelectField(_l("Kind"), choices=choices(PROGRAMME_KINDS))
    description = TranslatableField(_l("Description"), multiline=True, max_length=4000,
                                    required=False)
    result_id = SelectField(_l("Result it works towards"), coerce=str, validate_choice=True)
    campaign_id = SelectField(_l("Campaign it follows"), coerce=str, validate_choice=True)
    position = IntegerField(_l("Position in the list"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=9999)])


class MeasureForm(BaseForm):
    """A measure; the owners, definitions and parameters offered are set by the view."""

    title = TranslatableField(_l("Title"), max_length=300)
    result_id = SelectField(_l("Population indicator of the result"), validate_choice=True)
    programme_id = SelectField(_l("Performance measure of the programme"),
                               validate_choice=True)
    quadrant = SelectField(_l("Quadrant"), validate_choice=True)
    source_kind = SelectField(_l("Where the figures come from"),
                              choices=choices(MEASURE_SOURCES))
    definition_key = SelectField(_l("Definition of the catalogue (computed measures)"),
                                 validate_choice=True)
    district_id = SelectField(_l("District"), validate_choice=True)
    campaign_id = SelectField(_l("Campaign"), validate_choice=True)
    statement_id = SelectField(_l("Survey statement"), validate_choice=True)
    definition = TranslatableField(_l("Definition (measures entered by hand)"), multiline=True,
                                   max_length=4000, required=False,
                                   description=_l("What the figure is and how it is counted."))
    source = StringField(_l("Source (measures entered by hand)"), filters=[strip_filter],
                         validators=[Length(max=1000)],
                         description=_l("For example: ICC Index, Council of Europe, 2025."))
    unit = SelectField(_l("Unit"), choices=choices(UNITS))
    polarity = SelectField(_l("Which way is better"), choices=choices(POLARITIES))
    frequency = SelectField(_l("Periods"), choices=choices(FREQUENCIES))
    series_start = DateField(_l("Series starts on"), validators=[InputRequired()])
    baseline_start = DateField(_l("Baseline from"), validators=[Optional()])
    baseline_end = DateField(_l("Baseline to"), validators=[Optional()])
    target_value = NumberText(_l("Target value"),
                              description=_l("For a percentage, type it in percent (45 for "
                                             "45 %)."))
    target_on = DateField(_l("Target to reach by"), validators=[Optional()])
    public = BooleanField(_l("Publish as open data"))
    headline = BooleanField(_l("Headline measure"))


class MeasureValueForm(BaseForm):
    period = SelectField(_l("Period"), validate_choice=True)
    value = NumberText(_l("Value"), validators=[InputRequired(_l("Enter the figure."))])
    note = StringField(_l("Note or source"), filters=[strip_filter],
                       validators=[Length(max=1000)])

    def validate_value(self, field):
        if field.number is None:
            raise ValidationError(_l("Enter the figure."))


# --- worksheets --------------------------------------------------------------------


class StoryForm(BaseForm):
    story = TranslatableField(_l("The story behind the curve"), multiline=True,
                              max_length=8000, required=False,
                              description=_l("Why the curve looks the way it does: causes and "
                                             "forces at work."))


class WorksheetLinkForm(BaseForm):
    """A line to add; the records offered are set by the view (bounded by a search)."""

    section = SelectField(_l("Section"), choices=choices(WORKSHEET_SECTIONS))
    kind = SelectField(_l("Kind of record"), validate_choice=True)
    q = StringField(_l("Search by name"), filters=[strip_filter], validators=[Length(max=100)])
    target_id = SelectField(_l("Record"), validate_choice=False)
    note = TextAreaField(_l("Role, why it works, or what the step is"), filters=[strip_filter],
                         validators=[Length(max=2000)])


# --- annual report -----------------------------------------------------------------
