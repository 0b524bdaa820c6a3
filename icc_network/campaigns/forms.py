"""Forms of the campaigns area, one section per concept."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from ..core.forms import (
    BaseForm,
    CheckboxesField,
    SubmissionKey,
    TranslatableField,
    choices,
    strip_filter,
)
from ..core.forms import strip_filter as _strip
from ..core.i18n import lazy_gettext as _l
from ..core.text import to_int
from .vocab import (
    ACTIVITY_KINDS,
    AUDIENCES,
    CHANNELS,
    CONTRIBUTIONS,
    FREQUENCIES,
    LANGUAGES,
    MAX_OCCURRENCES,
    WEEKDAYS,
)

# --- campaigns ------------------------------------------------------------------

_AMOUNT = re.compile(r"^(-)?\s*([0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]{1,13})"
                     r"(?:[.,]([0-9]{1,2}))?\s*€?$")


def parse_amount(text: str | None) -> Decimal | None:
    """An amount typed as "1500", "1 500,50" or "1500.5 €"; None when it is not one."""
    match = _AMOUNT.match((text or "").strip())
    if not match:
        return None
    sign, units, cents = match.groups()
    value = Decimal(re.sub(r"\D", "", units) + "." + (cents or "0"))
    return -value if sign else value


class AmountField(StringField):
    """An optional amount of money, kept as a Decimal (``.amount``)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, filters=[_strip], **kwargs)
        self.amount: Decimal | None = None

    def process_data(self, value):
        # Shown from the edited record's value.
        self.amount = value if isinstance(value, Decimal) else None
        self.data = f"{value:.2f}" if self.amount is not None else ""

    def pre_validate(self, form):
        self.amount = parse_amount(self.data)
        if (self.data or "").strip() and self.amount is None:
            raise StopValidation(_l("Enter an amount such as 1500 or 1 500,50."))


class CampaignForm(BaseForm):
    """A campaign; the rumour and district options are set by the view."""

    title = TranslatableField(_l("Title"), max_length=200)
    objective = TranslatableField(
        _l("Objective"), multiline=True, max_length=4000,
        description=_l("What the campaign sets out to change, and for whom."))
    rumour_ids = CheckboxesField(_l("Target rumours"), coerce=int, choices=[],
                                 validate_choice=False)
    rumour_q = StringField(_l("Find rumours of the register"), filters=[_strip],
                           validators=[Length(max=200)])
    audiences = CheckboxesField(_l("Audiences"), choices=choices(AUDIENCES))
    channels = CheckboxesField(_l("Channels"), choices=choices(CHANNELS))
    district_ids = CheckboxesField(_l("Districts"), coerce=int, choices=[],
                                   validate_choice=False,
                                   description=_l("None chosen: the whole city."))
    starts_on = DateField(_l("First day"), validators=[
        InputRequired(_l("Give the campaign's first day."))])
    ends_on = DateField(_l("Last day"), validators=[
        InputRequired(_l("Give the campaign's last day."))])
    budget = AmountField(_l("Budget in euros (optional)"))

    def validate_starts_on(self, field: DateField) -> None:
        _within_reason(field)

    def validate_ends_on(self, field: DateField) -> None:
        _within_reason(field)


class NewCampaignForm(CampaignForm):
    submission_key = SubmissionKey()


def _within_reason(field: DateField) -> None:
    if field.data and not 2000 <= field.data.year <= 2100:
        raise ValidationError(_l("Enter a date between 2000 and 2100."))


class CampaignStatusForm(BaseForm):
    status = SelectField(_l("New status"), choices=[])


# --- participation (partners joining) ---------------------------------------------


class JoinForm(BaseForm):
    contributions = CheckboxesField(_l("What your organisation brings"),
                                    choices=choices(CONTRIBUTIONS))
    commitment = TextAreaField(
        _l("Your commitment"), filters=[_strip], validators=[Length(max=2000)],
        description=_l("In a few words: what you will do, when, with whom."))


class DecisionForm(BaseForm):
    """A coordinator's answer to a partner: the button pressed says which."""

    decision = StringField()
    note = TextAreaField(_l("Note to the organisation (optional)"), filters=[_strip],
                         validators=[Length(max=1000)])


# --- activities -----------------------------------------------------------------

ACTIVITY_YEARS = (2000, 2100)
_DATE_SEPARATORS = re.compile(r"[,;\s]+")
_DAY_MONTH_YEAR = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def parse_dates(text: str | None) -> tuple[list[date], str]:
    """Dates typed as "2026-04-04, 11/04/2026" (commas, semicolons, spaces or lines
    between them), and the first piece that is not a date ("" when all are)."""
    found: list[date] = []
    for piece in _DATE_SEPARATORS.split((text or "").strip()):
        if not piece:
            continue
        day_month_year = _DAY_MONTH_YEAR.match(piece)
        try:
            if day_month_year:
                day, month, year = (int(part) for part in day_month_year.groups())
                found.append(date(year, month, day))
            else:
                found.append(date.fromisoformat(piece))
        except ValueError:
            return found, piece
        if not ACTIVITY_YEARS[0] <= found[-1].year <= ACTIVITY_YEARS[1]:
            return found, piece
    return found, ""


class DateListField(StringField):
    """Several dates in one box, kept as a sorted list of dates (``.dates``)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, [Length(max=4000), *(validators or [])],
                         filters=[strip_filter], **kwargs)
        self.dates: list[date] = []

    def process_data(self, value):
        # Shown from the edited record's list of dates.
        self.dates = sorted(value or [])
        self.data = ", ".join(day.isoformat() for day in self.dates)

    def pre_validate(self, form):
        dates, wrong = parse_dates(self.data)
        if wrong:
            raise StopValidation(_l(
                "Write each date as 2026-04-04 or 04/04/2026, separated by commas: “%(text)s” "
                "is not a date between %(first)s and %(last)s.", text=wrong[:40],
                first=ACTIVITY_YEARS[0], last=ACTIVITY_YEARS[1]))
        if len(dates) > MAX_OCCURRENCES:
            raise StopValidation(_l("Give at most %(n)s dates.", n=MAX_OCCURRENCES))
        self.dates = sorted(set(dates))


def _record_id(value) -> int:
    """An id ticked in a list of checkboxes; anything else is no choice of the list."""
    number = value if isinstance(value, int) else to_int(value)
    if number is None:
        raise ValueError(value)
    return number


def _within_years(field) -> None:
    if field.data and not ACTIVITY_YEARS[0] <= field.data.year <= ACTIVITY_YEARS[1]:
        raise ValidationError(_l("Enter a date between %(first)s and %(last)s.",
                                 first=ACTIVITY_YEARS[0], last=ACTIVITY_YEARS[1]))


ONCE = [("", _l("No: it takes place once"))]


class ActivityForm(BaseForm):
    """An activity of a campaign; district, organisation and agent options are set by
    the view. Times are on the city's clock."""

    submission_key = SubmissionKey()
    kind = SelectField(_l("Kind of activity"), choices=choices(ACTIVITY_KINDS))
    title = TranslatableField(_l("Title"), max_length=200)
    description = TranslatableField(_l("Description"), multiline=True, max_length=5000,
                                    required=False)
    day = DateField(_l("Date"), validators=[InputRequired(_l("Give the date."))],
                    description=_l("For a recurring activity, its first date."))
    start_time = TimeField(_l("Starts at"), validators=[InputRequired(_l("Give the time."))])
    end_time = TimeField(_l("Ends at"), validators=[InputRequired(_l("Give the time."))])
    frequency = SelectField(_l("Comes back"), choices=choices([*ONCE, *FREQUENCIES.items()]))
    interval = IntegerField(
        _l("Every how many days, weeks or months"), default=1,
        validators=[Optional(), NumberRange(min=1, max=52, message=_l(
            "Enter a number between 1 and %(max)s."))])
    weekdays = CheckboxesField(_l("On these days of the week (weekly)"),
                               choices=choices(WEEKDAYS))
    count = IntegerField(
        _l("Number of times"),
        validators=[Optional(), NumberRange(min=1, max=MAX_OCCURRENCES, message=_l(
            "Enter a number of times between 1 and %(max)s."))],
        description=_l("A recurring activity ends: give the number of times or the last "
                       "date."))
    until = DateField(_l("Last date"), validators=[Optional()])
    exdates = DateListField(
        _l("Dates without the activity"),
        description=_l("Dates of the rule on which it does not take place, separated by "
                       "commas, such as 2026-04-04, 2026-04-11."))
    place = StringField(_l("Place"), filters=[strip_filter], validators=[Length(max=200)])
    district_id = SelectField(_l("District"), choices=[])
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    capacity = IntegerField(
        _l("Places"),
        validators=[Optional(), NumberRange(min=1, max=100_000, message=_l(
            "Enter a number of places above zero, or leave it empty when there is no "
            "limit."))],
        description=_l("Leave empty when there is no limit."))
    organisation_ids = CheckboxesField(_l("Partner organisations running it"),
                                       coerce=_record_id, choices=[], validate_choice=False)
    organisation_q = StringField(_l("Find organisations of the network by name"),
                                 filters=[strip_filter], validators=[Length(max=200)])
    agent_ids = CheckboxesField(_l("Agents assigned"), coerce=_record_id, choices=[],
                                validate_choice=False)
    agent_q = StringField(_l("Find agents of the register by name"), filters=[strip_filter],
                          validators=[Length(max=200)])

    def validate_day(self, field):
        _within_years(field)

    def validate_until(self, field):
        _within_years(field)


class CancelActivityForm(BaseForm):
    reason = TextAreaField(_l("Why (told to those taking part)"), filters=[strip_filter],
                           validators=[Length(max=500)])


# --- reach ------------------------------------------------------------------------

_FIGURE = NumberRange(min=0, max=10_000_000, message=_l(
    "Enter a whole number, zero or more (at most ten million), or leave it empty."))


class ReachForm(BaseForm):
    """Totals over every date of the activity; a figure not known stays empty."""

    attendees = IntegerField(_l("People who attended"), validators=[Optional(), _FIGURE])
    conversations = IntegerField(_l("Conversations held"), validators=[Optional(), _FIGURE])
    materials = IntegerField(_l("Materials handed out"), validators=[Optional(), _FIGURE])
    online_views = IntegerField(_l("Online views"), validators=[Optional(), _FIGURE])


# --- calendar feeds ---------------------------------------------------------------
