"""Forms of the agents area."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, Optional

from ..core.forms import BaseForm, CheckboxesField, SubmissionKey, choices, strip_filter
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from .vocab import (
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
