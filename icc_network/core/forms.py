"""Form building blocks shared by every area."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.i18n import get_translations as wtforms_translations
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .i18n import LANGUAGE_NAMES, current_language
from .i18n import lazy_gettext as _l
from .rules import RuleViolation
from .translatable import LOCALES, clean


class TranslatableFormField(FormField):
    """One text in French and English: two inputs, the city's language required."""

    widget_kind = "translatable"

    def __init__(self, form_class, label=None, validators=None, *, required=True, **kwargs):
        super().__init__(form_class, label, validators, **kwargs)
        self.required = required

    def validate(self, form, extra_validators=()):
        valid = super().validate(form, extra_validators)
        default = current_app.config["BABEL_DEFAULT_LOCALE"]
        subfield = self.form[default]
        if self.required and not (subfield.data or "").strip():
            subfield.errors = [
                *subfield.errors,
                _l("Enter the text in %(language)s.", language=LANGUAGE_NAMES[default]),
            ]
            valid = False
        return valid

    @property
    def data(self) -> dict[str, str]:
        return clean({loc: self.form[loc].data for loc in LOCALES})

    def populate_obj(self, obj, name):
        setattr(obj, name, self.data)


def TranslatableField(  # noqa: N802 - used like a field class
    label: Any,
    *,
    multiline: bool = False,
    max_length: int = 500,
    required: bool = True,
    description: Any = "",
) -> TranslatableFormField:
    field_class = TextAreaField if multiline else StringField
    limit = Length(max=max_length)

    class Languages(Form):
        fr = field_class(LANGUAGE_NAMES["fr"], validators=[Optional(), limit],
                         render_kw={"lang": "fr"})
        en = field_class(LANGUAGE_NAMES["en"], validators=[Optional(), limit],
                         render_kw={"lang": "en"})

    return TranslatableFormField(Languages, label, required=required, description=description)


_WTFORMS_TRANSLATIONS: dict[str, Any] = {}


class BaseForm(FlaskForm):
    """FlaskForm with a way to show a service's refusal next to the right field."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            # WTForms' own messages ("This field is required.") in the user's language;
            # loaded once per language instead of on every request.
            language = current_language()
            if language not in _WTFORMS_TRANSLATIONS:
                _WTFORMS_TRANSLATIONS[language] = wtforms_translations([language])
            return _WTFORMS_TRANSLATIONS[language]

    def add_violation(self, violation: RuleViolation) -> None:
        field = self._fields.get(violation.field) if violation.field else None
        if isinstance(field, TranslatableFormField):
            field = field.form[current_app.config["BABEL_DEFAULT_LOCALE"]]
        if field is None:
            self.form_errors.append(violation.message)
        else:
            field.errors = [*field.errors, violation.message]


def choices(pairs: Any) -> list[SelectChoice]:
    """Select options from (value, label) pairs or a {value: label} mapping."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(str(value), label) for value, label in items]


NONE_CHOICE = [("", "—")]


def with_empty(pairs: Any) -> list[SelectChoice]:
    """Select options with a leading empty choice ("none")."""
    return choices([*NONE_CHOICE, *pairs])


def strip_filter(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """Several options as checkboxes (easier to use than a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
    widget_kind = "checkboxes"


class SubmissionKey(HiddenField):
    """A one-time key that makes a form that creates a record safe to send twice
    (core.transactions runs its service once per key)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default=lambda: secrets.token_urlsafe(24), **kwargs)


class ConfirmForm(BaseForm):
    """A button that changes something (a removal, "mark as done"): only the CSRF token."""


class UploadForm(BaseForm):
    """The first step of every import: choose the file."""

    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])


class ConfirmImportForm(BaseForm):
    """The last step of every import: confirm the upload staged after a clean preview."""

    pending_id = HiddenField(validators=[DataRequired()])
    action = StringField()  # set by the button pressed: "import" or "discard"


class DistrictForm(BaseForm):
    submission_key = SubmissionKey()
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        filters=[strip_filter],
        description=_l("Short identifier used in imports, e.g. old-town."),
    )
    name = TranslatableField(_l("Name"), max_length=120)
    position = IntegerField(
        _l("Order in lists"), default=0, validators=[Optional(), NumberRange(min=0, max=10000)]
    )
    active = BooleanField(_l("Active"), default=True)


class LanguageForm(BaseForm):
    locale = SelectField(_l("Language"), choices=choices(LANGUAGE_NAMES))
    next = HiddenField()
