"""Forms of the agents area."""

from __future__ import annotations

import re
from datetime import date

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)

from ..core.forms import (
    BaseForm,
    CheckboxesField,
    SubmissionKey,
    TranslatableField,
    choices,
    strip_filter,
)
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from .vocab import (
    AUDIENCES,
    CONSENT_TEXTS,
    CONSENT_VERSION,
    LANGUAGES,
    ORIGINS,
    OUTCOMES,
    PARTICIPANT_KINDS,
    RESPONSE_MODES,
    STATUSES,
)

# --- register -------------------------------------------------------------------


class AgentForm(BaseForm):
    """A participant of the register. District, organisation and account choices are set
    by the view; consent is asked only while none is recorded."""

    first_name = StringField(_l("First name"), validators=[Length(max=80)], filters=[strip_filter])
    last_name = StringField(_l("Last name"), validators=[Length(max=80)], filters=[strip_filter])
    email = EmailField(_l("E-mail address"),
                       validators=[Optional(), Length(max=254),
                                   Email(_l("Enter a valid e-mail address."))],
                       filters=[strip_filter])
    phone = StringField(_l("Phone"), validators=[Length(max=40)], filters=[strip_filter])
    languages = CheckboxesField(_l("Languages spoken"), choices=choices(LANGUAGES))
    district_id = SelectField(_l("District"), choices=[])
    organisation_id = SelectField(_l("Organisation"), choices=[])
    kind = SelectField(_l("Participant"), choices=choices(PARTICIPANT_KINDS))
    came_through = SelectField(_l("How they came to the programme"), choices=choices(ORIGINS))
    locale = SelectField(_l("Language of their certificate and messages"),
                         choices=choices(LANGUAGE_NAMES))
    consent = BooleanField(_l("The person has read and agreed to this text"),
                           description=CONSENT_TEXTS[CONSENT_VERSION])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000)])
    user_id = SelectField(_l("Linked agent account"), choices=[])


class NewAgentForm(AgentForm):
    submission_key = SubmissionKey()


class StatusForm(BaseForm):
    status = SelectField(_l("New status"), choices=choices(STATUSES))


class MergeForm(BaseForm):
    into = HiddenField()


# --- training -------------------------------------------------------------------

class HoursField(StringField):
    """Hours typed as "7.5", "7,5" or "7 h 30", kept as whole minutes (``.minutes``)."""

    def __init__(self, label=None, validators=None, *, required: bool = True, **kwargs):
        super().__init__(label, validators, filters=[strip_filter], **kwargs)
        self.required = required
        self.minutes: int | None = None

    def process_data(self, value):
        # Shown from a number of minutes (the edited record's value).
        self.minutes = value if isinstance(value, int) else None
        self.data = f"{value / 60:g}".replace(".", ",") if self.minutes is not None else ""

    def pre_validate(self, form):
        self.minutes = parse_hours(self.data)
        if not (self.data or "").strip():
            if self.required:
                raise StopValidation(_l("Enter a number of hours."))
            return
        if self.minutes is None:
            raise StopValidation(_l("Enter hours as a number, such as 7.5 or 7 h 30."))


_HOURS = re.compile(r"^\s*([0-9]{1,4})(?:[.,]([0-9]{1,2}))?\s*(?:h\s*([0-9]{1,2})?)?\s*$", re.I)


def parse_hours(text: str | None) -> int | None:
    """Minutes from "7.5", "7,5", "7h30" or "7 h"; None when it is not a number of hours."""
    match = _HOURS.match(text or "")
    if not match:
        return None
    hours, fraction, minutes = match.groups()
    if fraction and minutes:
        return None
    total = int(hours) * 60 + (round(float(f"0.{fraction}") * 60) if fraction else 0)
    if minutes:
        if int(minutes) >= 60:
            return None
        total += int(minutes)
    return total


class ProgrammeForm(BaseForm):
    submission_key = SubmissionKey()
    name = TranslatableField(_l("Name"), max_length=200)
    description = TranslatableField(_l("Description"), multiline=True, max_length=2000,
                                    required=False)
    audience = SelectField(_l("For"), choices=choices(AUDIENCES))
    threshold_hours = HoursField(
        _l("Hours for the certificate"),
        description=_l("Attended hours on the required modules that earn the certificate, "
                       "e.g. 8 or 7.5."))
    refresher_hours = HoursField(
        _l("Hours for a renewal (refresher)"), required=False,
        description=_l("Leave empty to require the full threshold again."))
    valid_months = IntegerField(_l("Months a certificate stays valid"), default=24,
                                validators=[InputRequired(), NumberRange(min=1, max=240)])
    active = BooleanField(_l("Open for new sessions"), default=True)


class ModuleForm(BaseForm):
    submission_key = SubmissionKey()
    name = TranslatableField(_l("Name"), max_length=200)
    hours = HoursField(_l("Length in hours"))
    required = BooleanField(_l("Required for the certificate"), default=True)
    position = IntegerField(_l("Order in the programme"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=10000)])


class SessionForm(BaseForm):
    submission_key = SubmissionKey()
    module_ids = CheckboxesField(_l("Modules covered"), coerce=int, choices=[],
                                 validate_choice=False)
    day = DateField(_l("Date"), validators=[InputRequired()])
    start_time = TimeField(_l("Starts at"), validators=[InputRequired()])
    end_time = TimeField(_l("Ends at"), validators=[InputRequired()])
    place = StringField(_l("Place"), filters=[strip_filter], validators=[Length(max=200)])
    district_id = SelectField(_l("District"), choices=[])
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    trainer_id = SelectField(_l("Trainer"), choices=[])
    capacity = IntegerField(_l("Places"), default=20,
                            validators=[InputRequired(), NumberRange(min=1, max=1000)])
    note = TextAreaField(_l("Note for participants"), filters=[strip_filter],
                         validators=[Length(max=500)])

    def validate_day(self, field):
        # Beyond these years a time cannot be moved to UTC and back; no session is there.
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError(_l("Enter a date between 2000 and 2100."))


class EnrolForm(BaseForm):
    agent_id = HiddenField(validators=[InputRequired()])


class RollCallForm(BaseForm):
    """The roll call's one-time key: a submission sent again (after a lost connection)
    is recorded once."""

    submission_key = SubmissionKey()


# --- certification and field work -------------------------------------------------


class ConversationForm(BaseForm):
    """A conversation in the field; the district and rumour options are filled by the view."""

    submission_key = SubmissionKey()
    held_on = DateField(_l("Date"), validators=[InputRequired(_l("Give the date of the "
                                                                  "conversation."))])
    district_id = SelectField(_l("District"))
    rumour_id = SelectField(_l("Rumour met"),
                            description=_l("The rumour the conversation was about, if it is "
                                           "one the city already knows."))
    response_mode = SelectField(_l("How you responded"), choices=choices(RESPONSE_MODES))
    outcome = SelectField(_l("Outcome"), choices=choices(OUTCOMES))
    note = TextAreaField(_l("Short note (optional)"), validators=[Optional(), Length(max=1000)],
                         filters=[strip_filter],
                         description=_l("Do not write the name of the person you spoke with."))


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
