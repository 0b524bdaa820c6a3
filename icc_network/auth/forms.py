"""Login, password and user-administration forms."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..core.forms import BaseForm, SubmissionKey, choices, strip_filter
from ..core.i18n import LANGUAGE_NAMES
from ..core.i18n import lazy_gettext as _l
from ..core.models import EMAIL_CHOICES

ROLE_LABELS = {
    "admin": _l("Administrator"),
    "coordinator": _l("Coordinator"),
    "trainer": _l("Trainer"),
    "partner": _l("Partner"),
    "staff": _l("Municipal staff"),
    "agent": _l("Anti-rumour agent"),
}


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                       filters=[strip_filter], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class PasswordChangeForm(BaseForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class AccountLanguageForm(BaseForm):
    locale = SelectField(_l("Preferred language"), choices=choices(LANGUAGE_NAMES))


class AccountNotificationsForm(BaseForm):
    email_notifications = RadioField(
        _l("How notifications reach me"), choices=choices(EMAIL_CHOICES),
        validators=[DataRequired(message=_l("Choose how notifications reach you."))],
        description=_l("Notifications arriving within the same hour are gathered in one e-mail; "
                       "those you have already read in the application are not e-mailed."))


class UserForm(BaseForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)],
                       filters=[strip_filter])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[strip_filter])
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS))
    locale = SelectField(_l("Preferred language"), choices=choices(LANGUAGE_NAMES))
    organisation_id = SelectField(
        _l("Organisation"), choices=[], validate_choice=False,
        description=_l("For a partner: the organisation they act for (they may edit it)."))
    active = BooleanField(_l("Active (may sign in)"), default=True)

    def validate_organisation_id(self, field) -> None:
        # Optional, but an organisation that is not offered is refused.
        if field.data not in (None, "", "None") and field.data not in {
                choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an organisation from the list."))


class NewUserForm(UserForm):
    submission_key = SubmissionKey()
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(), Length(max=1024)],
        description=_l("Give it to the person through a safe channel; they can change it."),
        render_kw={"autocomplete": "new-password"},
    )


class SetPasswordForm(BaseForm):
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )


class PasswordForgottenForm(BaseForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[strip_filter], render_kw={"autocomplete": "username"})


class PasswordResetForm(BaseForm):
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
