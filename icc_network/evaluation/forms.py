"""Forms of the evaluation area, one section per concept (labels with lazy_gettext)."""

from __future__ import annotations

# --- surveys ---------------------------------------------------------------------
# (imports of this section are kept inside it, so that each section merges on its own)
from wtforms import DateField as _DateField  # noqa: E402
from wtforms import Form as _Form  # noqa: E402
from wtforms import HiddenField as _HiddenField  # noqa: E402
from wtforms import IntegerField as _IntegerField  # noqa: E402
from wtforms import SelectField, ValidationError
from wtforms import SelectField as _SelectField  # noqa: E402
from wtforms import StringField as _StringField  # noqa: E402
from wtforms import TextAreaField as _TextAreaField  # noqa: E402
from wtforms.fields import FieldList as _FieldList  # noqa: E402
from wtforms.fields import FormField as _FormField  # noqa: E402
from wtforms.validators import InputRequired as _InputRequired  # noqa: E402
from wtforms.validators import Length as _Length  # noqa: E402
from wtforms.validators import NumberRange as _NumberRange  # noqa: E402
from wtforms.validators import Optional as _Optional  # noqa: E402

from ..core.forms import BaseForm, choices
from ..core.forms import BaseForm as _BaseForm  # noqa: E402
from ..core.forms import CheckboxesField as _CheckboxesField  # noqa: E402
from ..core.forms import SubmissionKey as _SubmissionKey  # noqa: E402
from ..core.forms import TranslatableField as _TranslatableField  # noqa: E402
from ..core.forms import choices as _choices  # noqa: E402
from ..core.forms import strip_filter as _strip  # noqa: E402
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from ..core.text import to_int
from .vocab import WAVE_KINDS as _WAVE_KINDS  # noqa: E402


class StatementForm(_Form):
    """The statement respondents were asked about one rumour, and its column in files."""

    rumour_id = _HiddenField()
    code = _StringField(_l("Column name in imported files"), filters=[_strip],
                        validators=[_Optional(), _Length(max=40)],
                        description=_l("For example q1: the header of this statement's "
                                       "column."))
    text = _TranslatableField(_l("Statement"), max_length=500, required=False)


class SurveyForm(_BaseForm):
    """A survey; the rumour, district and campaign options are set by the view."""

    title = _TranslatableField(_l("Title"), max_length=200)
    description = _TranslatableField(_l("Description"), multiline=True, max_length=4000,
                                     required=False)
    campaign_id = _SelectField(_l("Campaign it measures (optional)"), choices=[],
                               validate_choice=False,
                               description=_l("The campaign whose before/after this survey "
                                              "measures; its summary shows the results."))
    rumour_ids = _CheckboxesField(_l("Rumours asked about"), coerce=int, choices=[],
                                  validate_choice=False)
    rumour_q = _StringField(_l("Find rumours of the register"), filters=[_strip],
                            validators=[_Length(max=200)])
    district_ids = _CheckboxesField(_l("Districts"), coerce=int, choices=[],
                                    validate_choice=False,
                                    description=_l("None chosen: the whole city."))
    statements = _FieldList(_FormField(StatementForm), min_entries=0)


class NewSurveyForm(SurveyForm):
    submission_key = _SubmissionKey()


class WaveForm(_BaseForm):
    name = _StringField(_l("Name"), filters=[_strip], validators=[
        _InputRequired(_l("Give the wave a name.")), _Length(max=80)],
        description=_l("For example “Before the campaign, spring 2026”."))
    kind = _SelectField(_l("Kind"), choices=_choices(_WAVE_KINDS))
    starts_on = _DateField(_l("First day of fieldwork"), validators=[
        _InputRequired(_l("Give the first day of fieldwork."))])
    ends_on = _DateField(_l("Last day of fieldwork"), validators=[
        _InputRequired(_l("Give the last day of fieldwork."))])


def _count(label):
    return _IntegerField(label, validators=[_Optional(), _NumberRange(
        min=0, message=_l("Counts cannot be negative."))])


class TotalForm(_Form):
    statement_id = _HiddenField()
    agree = _count(_l("Agree"))
    disagree = _count(_l("Disagree"))
    dont_know = _count(_l("Don't know"))


class WaveTotalsForm(_BaseForm):
    totals = _FieldList(_FormField(TotalForm), min_entries=0)
    source = _TextAreaField(_l("Source of these totals"), filters=[_strip],
                            validators=[_Length(max=2000)],
                            description=_l("Where the figures come from, e.g. the polling "
                                           "institute's report."))


class ResultsChoiceForm(_BaseForm):
    """Which two waves the results page compares (a GET form)."""

    class Meta:
        csrf = False

    first = _SelectField(_l("From wave"), choices=[], validate_choice=False)
    second = _SelectField(_l("To wave"), choices=[], validate_choice=False)
    breakdown = _SelectField(_l("Breakdowns of wave"), choices=[], validate_choice=False)

# --- results, programmes and measures ----------------------------------------------

# --- worksheets --------------------------------------------------------------------

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
