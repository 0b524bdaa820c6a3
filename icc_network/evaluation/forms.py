"""Forms of the evaluation area, one section per concept (labels with lazy_gettext)."""

from __future__ import annotations

from wtforms import SelectField, ValidationError

from ..core.forms import BaseForm, choices
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from ..core.text import to_int

# --- surveys ---------------------------------------------------------------------

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
