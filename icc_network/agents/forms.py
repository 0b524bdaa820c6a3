"""Forms of the agents area."""

from __future__ import annotations

from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..core.forms import BaseForm, SubmissionKey, choices, strip_filter
from ..core.i18n import lazy_gettext as _l
from .vocab import OUTCOMES, RESPONSE_MODES

# --- register -------------------------------------------------------------------


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
