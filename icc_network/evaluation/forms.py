"""Forms of the evaluation area, one section per concept (labels with lazy_gettext)."""

from __future__ import annotations

import math

from babel.numbers import NumberFormatError, parse_decimal
from wtforms import (
    BooleanField,
    DateField,
    Form,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import FieldList, FormField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from ..core.forms import (
    BaseForm,
    CheckboxesField,
    SubmissionKey,
    TranslatableField,
    choices,
    strip_filter,
)
from ..core.i18n import LANGUAGE_NAMES, current_language
from ..core.i18n import lazy_gettext as _l
from ..core.text import to_int
from .vocab import (
    FREQUENCIES,
    MEASURE_SOURCES,
    POLARITIES,
    PROGRAMME_KINDS,
    UNITS,
    WAVE_KINDS,
    WORKSHEET_SECTIONS,
)

# --- surveys ---------------------------------------------------------------------



class StatementForm(Form):
    """The statement respondents were asked about one rumour, and its column in files."""

    rumour_id = HiddenField()
    code = StringField(_l("Column name in imported files"), filters=[strip_filter],
                        validators=[Optional(), Length(max=40)],
                        description=_l("For example q1: the header of this statement's "
                                       "column."))
    text = TranslatableField(_l("Statement"), max_length=500, required=False)


class SurveyForm(BaseForm):
    """A survey; the rumour, district and campaign options are set by the view."""

    title = TranslatableField(_l("Title"), max_length=200)
    description = TranslatableField(_l("Description"), multiline=True, max_length=4000,
                                     required=False)
    campaign_id = SelectField(_l("Campaign it measures (optional)"), choices=[],
                               validate_choice=False,
                               description=_l("The campaign whose before/after this survey "
                                              "measures; its summary shows the results."))
    rumour_ids = CheckboxesField(_l("Rumours asked about"), coerce=int, choices=[],
                                  validate_choice=False)
    rumour_q = StringField(_l("Find rumours of the register"), filters=[strip_filter],
                            validators=[Length(max=200)])
    district_ids = CheckboxesField(_l("Districts"), coerce=int, choices=[],
                                    validate_choice=False,
                                    description=_l("None chosen: the whole city."))
    statements = FieldList(FormField(StatementForm), min_entries=0)


class NewSurveyForm(SurveyForm):
    submission_key = SubmissionKey()


class WaveForm(BaseForm):
    name = StringField(_l("Name"), filters=[strip_filter], validators=[
        InputRequired(_l("Give the wave a name.")), Length(max=80)],
        description=_l("For example “Before the campaign, spring 2026”."))
    kind = SelectField(_l("Kind"), choices=choices(WAVE_KINDS))
    starts_on = DateField(_l("First day of fieldwork"), validators=[
        InputRequired(_l("Give the first day of fieldwork."))])
    ends_on = DateField(_l("Last day of fieldwork"), validators=[
        InputRequired(_l("Give the last day of fieldwork."))])


def _count(label):
    return IntegerField(label, validators=[Optional(), NumberRange(
        min=0, message=_l("Counts cannot be negative."))])


class TotalForm(Form):
    statement_id = HiddenField()
    agree = _count(_l("Agree"))
    disagree = _count(_l("Disagree"))
    dont_know = _count(_l("Don't know"))


class WaveTotalsForm(BaseForm):
    totals = FieldList(FormField(TotalForm), min_entries=0)
    source = TextAreaField(_l("Source of these totals"), filters=[strip_filter],
                            validators=[Length(max=2000)],
                            description=_l("Where the figures come from, e.g. the polling "
                                           "institute's report."))


class ResultsChoiceForm(BaseForm):
    """Which two waves the results page compares (a GET form)."""

    class Meta:
        csrf = False

    first = SelectField(_l("From wave"), choices=[], validate_choice=False)
    second = SelectField(_l("To wave"), choices=[], validate_choice=False)
    breakdown = SelectField(_l("Breakdowns of wave"), choices=[], validate_choice=False)

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


class AnnualReportForm(BaseForm):
    """The year and the language of the annual report, read from the query string (a
    download changes nothing: no CSRF)."""

    class Meta:
        csrf = False

    # Checked by the methods below rather than by WTForms' "Not a valid choice": a year typed
    # in the address bar gets a message that says which years there are.
    year = SelectField(_l("Year"), coerce=to_int, validate_choice=False)
    lang = SelectField(_l("Language of the report"), choices=choices(LANGUAGE_NAMES),
                       validate_choice=False)

    def offer(self, years: range, default_year: int, default_lang: str) -> None:
        self.years = years
        self.year.choices = choices((year, str(year)) for year in reversed(years))
        if self.year.raw_data is None or self.year.raw_data == []:
            self.year.data = default_year
        if not self.lang.raw_data:
            self.lang.data = default_lang

    def validate_year(self, field: SelectField) -> None:
        if field.data not in self.years:
            raise ValidationError(_l("Choose a year between %(first)s and %(last)s.",
                                     first=self.years[0], last=self.years[-1]))

    def validate_lang(self, field: SelectField) -> None:
        if field.data not in LANGUAGE_NAMES:
            raise ValidationError(_l("Choose French or English."))
