"""Forms of the agents area."""

from __future__ import annotations

from datetime import date

from wtforms import DateField, SelectField, ValidationError
from wtforms.validators import Optional

from ..core.forms import BaseForm, choices
from ..core.i18n import lazy_gettext as _l
from .vocab import LANGUAGES, PARTICIPANT_KINDS

# --- register -------------------------------------------------------------------


# --- training -------------------------------------------------------------------


# --- certification and field work -------------------------------------------------


# --- reports --------------------------------------------------------------------

ALL_CHOICE = [("", _l("All"))]
REPORT_PERIODS = {"month": _l("Month"), "quarter": _l("Quarter"), "year": _l("Year")}


class ReportFilterForm(BaseForm):
    """The reports page's filters, read from the query string (nothing is changed: no CSRF)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    period = SelectField(_l("Group by"), default="month", choices=choices(REPORT_PERIODS))
    district = SelectField(_l("District"), choices=choices(ALL_CHOICE))
    language = SelectField(_l("Session language"), choices=choices([*ALL_CHOICE,
                                                                    *LANGUAGES.items()]))
    programme = SelectField(_l("Programme"), choices=choices(ALL_CHOICE))
    kind = SelectField(_l("Participants"), choices=choices([*ALL_CHOICE,
                                                            *PARTICIPANT_KINDS.items()]))

    def offer(self, districts: list[tuple[int, str]], programmes: list[tuple[int, str]]) -> None:
        self.district.choices = choices([*ALL_CHOICE, *districts])
        self.programme.choices = choices([*ALL_CHOICE, *programmes])

    def validate_start(self, field: DateField) -> None:
        _within_reason(field.data)

    def validate_end(self, field: DateField) -> None:
        _within_reason(field.data)
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must not be before the start date."))


REPORT_YEARS = (1990, 2100)


def _within_reason(day: date | None) -> None:
    if day is not None and not REPORT_YEARS[0] <= day.year <= REPORT_YEARS[1]:
        raise ValidationError(_l("Enter a date between %(first)s and %(last)s.",
                                 first=REPORT_YEARS[0], last=REPORT_YEARS[1]))
