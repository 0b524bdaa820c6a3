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
    languages = CheckboxesField(_l("Languages spoken"), choices=choices(LANGUAGES),
                                validate_choice=False)
    district_id = SelectField(_l("District"), choices=[], validate_choice=False)
    organisation_id = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    kind = SelectField(_l("Participant"), choices=choices(PARTICIPANT_KINDS),
                       validate_choice=False)
    came_through = SelectField(_l("How they came to the programme"), choices=choices(ORIGINS),
                               validate_choice=False)
    locale = SelectField(_l("Language of their certificate and messages"),
                         choices=choices(LANGUAGE_NAMES), validate_choice=False)
    consent = BooleanField(_l("The person has read and agreed to this text"),
                           description=CONSENT_TEXTS[CONSENT_VERSION])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000)])
    user_id = SelectField(_l("Linked agent account"), choices=[], validate_choice=False)


class NewAgentForm(AgentForm):
    submission_key = SubmissionKey()


class StatusForm(BaseForm):
    status = SelectField(_l("New status"), choices=choices(STATUSES), validate_choice=False)


class MergeForm(BaseForm):
    into = HiddenField()


# --- training -------------------------------------------------------------------


# --- certification and field work -------------------------------------------------


# --- reports --------------------------------------------------------------------
