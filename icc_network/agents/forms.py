"""Forms of the agents area."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, Optional

from ..core.forms import BaseForm, CheckboxesField, SubmissionKey, choices, strip_filter
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from .vocab import CONSENT_TEXTS, CONSENT_VERSION, LANGUAGES, ORIGINS, PARTICIPANT_KINDS, STATUSES

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


# --- reports --------------------------------------------------------------------
