"""Forms of the rumours area (labels translated; options filled by the views)."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..core.forms import BaseForm, SubmissionKey, TranslatableField, choices, strip_filter
from ..core.i18n import lazy_gettext as _l
from .services.sightings import MAX_PEOPLE
from .vocab import (
    CHANNELS,
    DETECTIONS,
    HATEFUL_OUTCOMES,
    KINDS,
    PHRASE_LANGUAGES,
    RISKS,
    SHORT_WORDING_MAX,
    SIGHTING_LANGUAGES,
    SPHERES,
    VERDICTS,
)


class RumourForm(BaseForm):
    submission_key = SubmissionKey()
    wording = TranslatableField(_l("Wording"), max_length=500,
                                description=_l("The rumour as people say it, in a neutral tone."))
    short_wording = TranslatableField(
        _l("Short wording"), max_length=SHORT_WORDING_MAX, required=False,
        description=_l("For a wording over %(n)s characters: the claim in one short sentence, "
                       "as search engines show it. Left empty, the wording is cut at a word.",
                       n=SHORT_WORDING_MAX))
    theme_id = SelectField(_l("Theme"))
    target_groups = SelectMultipleField(_l("Target groups"))
    spheres = SelectMultipleField(_l("Spheres where it circulates"), choices=choices(SPHERES))
    detection = SelectField(_l("How it was detected"), choices=choices(DETECTIONS))
    cause = TranslatableField(_l("Fear or cause behind it"), multiline=True, max_length=2000,
                              required=False)
    first_detected = DateField(_l("First detected"), validators=[InputRequired()])
    risk = SelectField(_l("Risk"), choices=choices(RISKS), default="moderate",
                       description=_l("By potential harm: major when it may lead to hostility "
                                      "or violence."))
    alert_deadline = DateField(
        _l("Alert deadline"), validators=[Optional()],
        description=_l("When validated arguments must be ready. Left empty, it follows from "
                       "the risk: 7 days (major), 30 (moderate) or 90 (minor)."))
    assignee_id = SelectField(_l("Assigned to"))
    verdict = SelectField(_l("Verdict"), choices=choices(VERDICTS), default="not_assessed",
                          description=_l("Shown in the public catalogue and its ClaimReview."))


class StatusForm(BaseForm):
    # Radios in workflow order, without "archived": archiving has its own confirmed step, so
    # no arrow key on the status control can reach it.
    status = RadioField(_l("New status"),
                        validators=[InputRequired(_l("Choose the new status."))])
    verdict = SelectField(_l("Verdict"), choices=choices(VERDICTS),
                          description=_l("Chosen at triage: shown in the public catalogue and "
                                         "its ClaimReview."))
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)],
                       filters=[strip_filter])


class ArchiveForm(BaseForm):
    """The confirmation step of archiving a rumour."""

    note = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=500)],
                       filters=[strip_filter])


class MergeForm(BaseForm):
    # The options are the candidates shown; the service checks the choice itself.
    into = RadioField(_l("The rumour it duplicates"), validate_choice=False,
                      validators=[InputRequired(_l("Choose the rumour to merge into."))])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)],
                       filters=[strip_filter])
    q = HiddenField()


class PublishForm(BaseForm):
    publish = HiddenField()


class SendBackForm(BaseForm):
    reason = TextAreaField(
        _l("What should the author change?"), filters=[strip_filter],
        validators=[DataRequired(_l("Say what the author should change.")), Length(max=1000)],
        description=_l("The author is told and sees this on the argument until they change it."))


class ArgumentForm(BaseForm):
    submission_key = SubmissionKey()
    kind = SelectField(_l("Kind"), choices=choices(KINDS))
    text = TranslatableField(_l("Text"), multiline=True, max_length=4000)
    source_publisher = StringField(_l("Source: publisher"), filters=[strip_filter],
                                   validators=[Optional(), Length(max=200)])
    source_url = StringField(_l("Source: web address"), filters=[strip_filter],
                             validators=[Optional(), Length(max=500)])
    source_published_on = DateField(_l("Source: publication date"), validators=[Optional()])
    source_area = StringField(_l("Area covered"), filters=[strip_filter],
                              validators=[Optional(), Length(max=120)],
                              description=_l("The city, the region, the country..."))
    valid_until = DateField(_l("Valid until"), validators=[Optional()],
                            description=_l("Statistics go stale: after this date the argument "
                                           "leaves the kit and the public catalogue."))


class SightingForm(BaseForm):
    submission_key = SubmissionKey()
    heard = StringField(_l("What did you hear? In a few words"), filters=[strip_filter],
                        validators=[DataRequired(), Length(max=500)],
                        render_kw={"autocomplete": "off"})
    rumour = HiddenField()
    seen_on = DateField(_l("When"), validators=[InputRequired()])
    district_id = SelectField(_l("District"))
    sphere = SelectField(_l("Where (kind of place)"), choices=choices(SPHERES))
    venue = StringField(_l("Place (optional)"), filters=[strip_filter],
                        validators=[Optional(), Length(max=120)],
                        description=_l("A market, a bus line, a school... never a person."))
    channel = SelectField(_l("How"), choices=choices(CHANNELS))
    people_count = IntegerField(_l("How many people were there"), default=1,
                                validators=[InputRequired(), NumberRange(min=1, max=MAX_PEOPLE)])
    language = SelectField(_l("Language"), choices=choices(SIGHTING_LANGUAGES))
    verbatim = TextAreaField(
        _l("The exact words (optional)"), filters=[strip_filter],
        validators=[Optional(), Length(max=1000)],
        description=_l("Do not write who said it: no name, address or phone number."))
    hateful = BooleanField(_l("Hateful content (insults, calls to violence)"),
                           description=_l("Hateful words are shown to coordinators only."))


class SightingCorrectionForm(BaseForm):
    """A coordinator puts right one sighting (options filled by the view)."""

    rumour_id = SelectField(_l("Rumour"))
    seen_on = DateField(_l("When"), validators=[InputRequired()])
    district_id = SelectField(_l("District"))
    sphere = SelectField(_l("Where (kind of place)"), choices=choices(SPHERES))
    venue = StringField(_l("Place (optional)"), filters=[strip_filter],
                        validators=[Optional(), Length(max=120)])
    channel = SelectField(_l("How"), choices=choices(CHANNELS))
    people_count = IntegerField(_l("How many people were there"),
                                validators=[InputRequired(), NumberRange(min=1, max=MAX_PEOPLE)])
    language = SelectField(_l("Language"), choices=choices(SIGHTING_LANGUAGES))
    verbatim = TextAreaField(
        _l("The exact words (optional)"), filters=[strip_filter],
        validators=[Optional(), Length(max=1000)],
        description=_l("E-mail addresses and phone numbers are removed on saving; remove any "
                       "name by hand."))
    hateful = BooleanField(_l("Hateful content (insults, calls to violence)"))


class TermForm(BaseForm):
    submission_key = SubmissionKey()
    name = TranslatableField(_l("Name"), max_length=120)
    position = IntegerField(_l("Order in lists"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=10000)])
    active = BooleanField(_l("Active"), default=True)


class KeyPhraseForm(BaseForm):
    locale = SelectField(_l("Language"), choices=choices(PHRASE_LANGUAGES))
    phrase = StringField(_l("Key phrase"), filters=[strip_filter],
                         description=_l("A few words people use when they repeat the rumour, "
                                        "for instance “mosque, taxes”."),
                         validators=[DataRequired(_l("Enter a phrase made of words.")),
                                     Length(max=120)])


FEED_LANGUAGES = [("", _l("The language the feed declares")), *PHRASE_LANGUAGES.items()]


class SubscriptionForm(BaseForm):
    submission_key = SubmissionKey()
    url = StringField(_l("Feed address"), filters=[strip_filter],
                      description=_l("One of the addresses an administrator allowed."),
                      validators=[DataRequired(_l("Enter the feed's web address.")),
                                  Length(max=500)])
    language = SelectField(
        _l("Language of claims that do not say theirs"), choices=choices(FEED_LANGUAGES),
        default="")


class SubscriptionLanguageForm(BaseForm):
    language = SelectField(
        _l("Language of claims that do not say theirs"), choices=choices(FEED_LANGUAGES),
        default="")


class AllowedFeedForm(BaseForm):
    submission_key = SubmissionKey()
    url = StringField(_l("Feed address"), filters=[strip_filter],
                      description=_l("The exact address of another city's ClaimReview feed."),
                      validators=[DataRequired(_l("Enter the feed's web address.")),
                                  Length(max=500)])
    address = StringField(
        _l("Private address allowed (optional)"), filters=[strip_filter],
        description=_l("Only when the feed's server is on a private network: the exact IP "
                       "address its host may resolve to. Every other private address is "
                       "refused."),
        validators=[Optional(), Length(max=45)])


class HatefulActionForm(BaseForm):
    """What a coordinator did about a hateful report."""

    submission_key = SubmissionKey()
    outcome = RadioField(_l("What was done"), choices=choices(HATEFUL_OUTCOMES),
                         validators=[InputRequired(_l("Choose what was done."))])
    referred_on = DateField(_l("Date it was referred"), validators=[Optional()],
                            description=_l("For a referral to the authorities' platform."))
    reference = StringField(_l("Reference given by the platform"), filters=[strip_filter],
                            validators=[Optional(), Length(max=120)])
    note = TextAreaField(_l("Note (optional)"), filters=[strip_filter],
                         validators=[Optional(), Length(max=500)],
                         description=_l("Never the words themselves, nor who said them."))
