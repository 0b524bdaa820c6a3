"""Forms of the network area."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    FloatField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from ..core.forms import (
    BaseForm,
    CheckboxesField,
    SubmissionKey,
    TranslatableField,
    UploadForm,
    choices,
    strip_filter,
)
from ..core.i18n import lazy_gettext as _l
from .vocab import GROUP_ROLES, MEMBER_KINDS, ROLES, SECTORS, TIE_KINDS


class PartnerOrganisationForm(BaseForm):
    """What a partner may change about their own organisation."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       filters=[strip_filter])
    sector = SelectField(_l("Sector"), choices=choices(SECTORS))
    district_id = SelectField(_l("District"), choices=[])
    roles = CheckboxesField(_l("Roles in the network"), choices=choices(ROLES))
    description = TranslatableField(_l("Description"), multiline=True, max_length=2000,
                                    required=False)


class OrganisationForm(PartnerOrganisationForm):
    submission_key = SubmissionKey()
    member_since = DateField(_l("Member since"), validators=[Optional()])
    commitment_signed_on = DateField(
        _l("Commitment signed on"), validators=[Optional()],
        description=_l("The day the organisation signed the anti-rumour network's charter."))


class ContactForm(BaseForm):
    submission_key = SubmissionKey()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                       filters=[strip_filter])
    function = StringField(_l("Role in the organisation"), validators=[Length(max=120)],
                           filters=[strip_filter])
    email = EmailField(_l("E-mail address"), validators=[Optional(), Email(), Length(max=254)],
                       filters=[strip_filter])
    phone = StringField(_l("Phone"), validators=[Length(max=40)], filters=[strip_filter])
    consent_on = DateField(
        _l("Consent given on"), validators=[Optional()],
        description=_l("Without consent the contact is kept for the organisation's own use "
                       "and is never exported."))


class TieForm(BaseForm):
    submission_key = SubmissionKey()
    from_organisation_id = SelectField(_l("From"), choices=[])
    kind = SelectField(_l("Kind of tie"), choices=choices(TIE_KINDS))
    to_organisation_id = SelectField(_l("To"), choices=[])
    weight = FloatField(_l("Weight"), default=1.0,
                        validators=[DataRequired(), NumberRange(min=0.1, max=100)],
                        description=_l("How strong the tie is, from 1 (occasional) to 5 "
                                       "(close, regular work)."))
    since = DateField(_l("Since"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Length(max=500)], filters=[strip_filter])


class ImportForm(UploadForm):
    file = FileField(
        _l("Spreadsheet (CSV or XLSX)"), validators=[FileRequired(_l("Choose a file."))],
        description=_l("Organisations: columns Label (or Name), Type (or Sector), District, "
                       "Roles, Member since, Description. Ties: columns From and To (or Source and "
                       "Target), Type, Weight, Since, Note. Import the organisations first."))


class MemberForm(BaseForm):
    submission_key = SubmissionKey()
    kind = RadioField(_l("Member"), choices=choices(MEMBER_KINDS), default="organisation")
    organisation_id = SelectField(_l("Organisation"), choices=[])
    person_name = StringField(_l("Person's name"), validators=[Length(max=120)],
                              filters=[strip_filter])
    affiliation = StringField(_l("Affiliation"), validators=[Length(max=200)],
                              filters=[strip_filter],
                              description=_l("For a person: the service or body they come from."))
    group_role = SelectField(_l("Role in the group"), choices=choices(GROUP_ROLES),
                             default="member")
    email = EmailField(_l("E-mail address"), validators=[Optional(), Email(), Length(max=254)],
                       filters=[strip_filter],
                       description=_l("Where the group's invitations go. For an organisation "
                                      "left empty: its first listed contact with an address."))
    joined_on = DateField(_l("Joined on"), validators=[Optional()])
    left_on = DateField(_l("Left on"), validators=[Optional()])


class MeetingForm(BaseForm):
    submission_key = SubmissionKey()
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    starts_at = TimeField(_l("Starts at"), validators=[Optional()])
    ends_at = TimeField(_l("Ends at"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Length(max=200)], filters=[strip_filter])
    agenda = TranslatableField(_l("Agenda"), multiline=True, max_length=4000)
    minutes = TranslatableField(_l("Minutes"), multiline=True, max_length=20000, required=False)


class DecisionForm(BaseForm):
    submission_key = SubmissionKey()
    text = TranslatableField(_l("Decision"), multiline=True, max_length=2000)
    owner_id = SelectField(_l("Owner"), choices=[])
    due_on = DateField(_l("Due on"), validators=[Optional()])
