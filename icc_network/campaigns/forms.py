"""Forms of the campaigns area, one section per concept."""

from __future__ import annotations

import re
from decimal import Decimal

from wtforms import DateField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length, StopValidation

from ..core.forms import BaseForm, CheckboxesField, SubmissionKey, TranslatableField, choices
from ..core.forms import strip_filter as _strip
from ..core.i18n import lazy_gettext as _l
from .vocab import AUDIENCES, CHANNELS, CONTRIBUTIONS

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


# --- reach ------------------------------------------------------------------------


# --- calendar feeds ---------------------------------------------------------------
