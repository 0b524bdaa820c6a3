"""The catalogue of measures computed from the records: what each one counts, shown to the
user as its definition, in which RBA quadrant it sits, and how to compute it for one
period.

Every definition's ``compute(start, end, **params)`` takes the period's first and last
day (dates, inclusive) and the parameters the definition names in ``params`` (any of
"district_id", "campaign_id", "statement_id"), and returns a number, or None when the
period has nothing to count (a share of zero agents is no figure, not 0 %). Parameters
listed in ``optional`` may be left out (no district: the whole city).

Figures owned by lower areas are read through core's indicator registry (each area's
``services/figures.py`` says exactly what it counts); survey shares are the evaluation's
own. The definitions follow the registry, each registered on import.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from ...campaigns.models import CampaignDistrict, CampaignRumour
from ...core.i18n import lazy_gettext as _l
from ...core.registries import indicator
from ...extensions import db
from ..models import SurveyStatement, SurveyWave
from .survey_results import wave_counts

Compute = Callable[..., float | None]
# The same for many periods at once: ``series(periods=[(start, end), ...], **params)`` gives
# one figure per period, from a grouped query rather than a query per period.
ComputeSeries = Callable[..., list[float | None]]


@dataclass(frozen=True)
class MeasureDefinition:
    key: str
    label: Any  # lazy string
    definition: Any  # lazy string: what is counted, and how
    quadrant: str  # vocab.QUADRANTS
    unit: str  # vocab.UNITS
    polarity: str  # vocab.POLARITIES
    compute: Compute
    params: tuple[str, ...] = ()  # which of district_id, campaign_id, statement_id it takes
    optional: tuple[str, ...] = ()  # those of params that may be left empty
    series: ComputeSeries | None = None  # optional fast path over every period


_DEFINITIONS: dict[str, MeasureDefinition] = {}


def register(definition: MeasureDefinition) -> None:
    _DEFINITIONS[definition.key] = definition


def definitions() -> list[MeasureDefinition]:
    """Every definition, by quadrant then key."""
    order = {"how_much": 0, "how_well": 1, "better_off": 2}
    return sorted(_DEFINITIONS.values(), key=lambda d: (order[d.quadrant], d.key))


def definition(key: str | None) -> MeasureDefinition | None:
    return _DEFINITIONS.get(key or "")


def compute(key: str, start: date, end: date, params: dict | None = None) -> float | None:
    """The figure of definition ``key`` for one period."""
    found = definition(key)
    if found is None:
        return None
    return found.compute(start=start, end=end, **_given(found, params))


def compute_series(key: str, periods: list[tuple[date, date]],
                   params: dict | None = None) -> list[float | None]:
    """The figures of definition ``key`` for each of ``periods`` (in order, not
    overlapping): through its fast path when it has one, else period by period."""
    found = definition(key)
    if found is None:
        return [None] * len(periods)
    if found.series is None or not periods:
        return [compute(key, start, end, params) for start, end in periods]
    return [_number(value) for value in found.series(periods=periods, **_given(found, params))]


def _given(found: MeasureDefinition, params: dict | None) -> dict[str, int]:
    """The parameters the definition takes, as ids (a form may have kept them as text)."""
    given = {}
    for name, value in (params or {}).items():
        if name in found.params and value not in (None, ""):
            given[name] = int(value)
    return given


# --- how figures are read ---------------------------------------------------------------


def _number(value: Any) -> float | None:
    """A figure as a float; None (never NaN) when there is none."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _share(part: float | None, whole: float | None) -> float | None:
    """``part`` out of ``whole`` in percent, at most 100; None when ``whole`` is nothing."""
    if part is None or not whole:
        return None
    return min(100.0, 100 * part / whole)


def _published(key: str, *, district: bool = True) -> Compute:
    """A compute reading the indicator ``key`` of a lower area for the period."""
    def compute(*, start: date, end: date, district_id: int | None = None) -> float | None:
        params: dict[str, Any] = {"start": start, "end": end}
        if district:
            params["district_id"] = district_id
        return _number(indicator(key, **params))
    return compute


def _published_series(key: str) -> ComputeSeries:
    """A fast path reading the indicator ``key`` for every period at once (its source takes
    ``periods``)."""
    def series(*, periods: list[tuple[date, date]],
               district_id: int | None = None) -> list[float | None]:
        found = indicator(key, periods=periods, district_id=district_id)
        return [None] * len(periods) if found is None else list(found)
    return series


def _months(start: date, end: date) -> int:
    """Calendar months the period touches (a quarter: 3; the current month so far: 1)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def partners_in_campaigns(*, start: date, end: date,
                          district_id: int | None = None) -> float | None:
    joined = _number(indicator("campaigns.partners_joined", start=start, end=end,
                               district_id=district_id))
    members = _number(indicator("network.partners", end=end, district_id=district_id))
    return _share(joined, members)


def survey_agreeing(*, start: date, end: date, statement_id: int) -> float | None:
    """Share of respondents agreeing with the statement, over the waves of its survey whose
    fieldwork ends in the period, their answers pooled."""
    waves = db.session.scalars(
        select(SurveyWave.id).join(SurveyStatement,
                                   SurveyStatement.survey_id == SurveyWave.survey_id)
        .where(SurveyStatement.id == statement_id, SurveyWave.ends_on >= start,
               SurveyWave.ends_on <= end)).all()
    counts = wave_counts(waves, [statement_id]).values()
    return _share(sum(c.agree for c in counts), sum(c.answered for c in counts))


def target_rumour_sightings(*, start: date, end: date, campaign_id: int) -> float | None:
    """Sightings of the campaign's target rumours in its districts (the whole city when it
    names none), per month of the period; None when it targets no rumour."""
    rumour_ids = db.session.scalars(select(CampaignRumour.rumour_id).where(
        CampaignRumour.campaign_id == campaign_id)).all()
    if not rumour_ids:
        return None
    district_ids = db.session.scalars(select(CampaignDistrict.district_id).where(
        CampaignDistrict.campaign_id == campaign_id)).all()
    total = _number(indicator("rumours.sightings_of", rumour_ids=rumour_ids,
                              district_ids=district_ids, start=start, end=end))
    return None if total is None else total / _months(start, end)


# --- the definitions ----------------------------------------------------------------------

# Each text says what is counted, which period a record falls in, and how a district
# narrows it; no district means the whole city.
DISTRICT = ("district_id",)


def _how_much() -> list[MeasureDefinition]:
    def count(key, label, text, compute, params=DISTRICT, series=None):
        return MeasureDefinition(key, label, text, "how_much", "count", "up", compute,
                                 params, optional=params, series=series)
    return [
        count("agents_trained", _l("People trained"), _l(
            "Distinct people who attended minutes of training at sessions not cancelled that "
            "started in the period. With a district: sessions held there."),
            _published("agents.people_trained"), series=_published_series("agents.people_trained")),
        count("agents_certified", _l("Agents certified"), _l(
            "Distinct people who received a certificate in the period that was not revoked. "
            "With a district: people who live there."),
            _published("agents.people_certified"), series=_published_series("agents.people_certified")),
        count("training_hours", _l("Training hours"), _l(
            "Hours attended by participants, added up (four people for two hours are eight "
            "hours), at sessions not cancelled that started in the period. With a district: "
            "sessions held there."),
            _published("agents.hours_delivered"), series=_published_series("agents.hours_delivered")),
        count("activities_held", _l("Campaign activities held"), _l(
            "Campaign activities not cancelled whose first date falls in the period and has "
            "passed; a recurring activity counts once, in the period of its first date. With "
            "a district: activities held there."),
            _published("campaigns.activities_held"), series=_published_series("campaigns.activities_held")),
        count("people_reached", _l("People reached"), _l(
            "Attendees recorded after those campaign activities, added up, in the period of "
            "the activity's first date. With a district: activities held there."),
            _published("campaigns.people_reached"), series=_published_series("campaigns.people_reached")),
        count("field_conversations", _l("Field conversations"), _l(
            "Conversations agents logged in the field, on the day they were held. With a "
            "district: conversations held there."),
            _published("agents.conversations")),
        count("arguments_validated", _l("Counter-arguments validated"), _l(
            "Counter-arguments validated in the period that are still validated or have "
            "expired since (one taken back to draft no longer counts). The whole city: "
            "arguments have no district."),
            _published("rumours.arguments_validated", district=False), ()),
        count("partners_in_network", _l("Partners in the network"), _l(
            "Organisations that are members on the last day of the period: member since that "
            "day or before or, without that date, on the list by then. Organisations deleted "
            "since are not counted. With a district: organisations based there."),
            _published("network.partners")),
        count("sightings_recorded", _l("Sightings recorded"), _l(
            "People counted in the sightings of any rumour heard in the period (a sighting "
            "of three people counts three), on the day heard. With a district: sightings "
            "heard there."),
            _published("rumours.sightings_recorded"),
            series=_published_series("rumours.sightings_recorded")),
    ]


def _how_well() -> list[MeasureDefinition]:
    def share(key, label, text, compute, params=DISTRICT, series=None):
        return MeasureDefinition(key, label, text, "how_well", "share", "up", compute,
                                 params, optional=params, series=series)
    return [
        share("certified_agents_active_share", _l("Certified agents who are active"), _l(
            "Of the people holding a valid certificate on the last day of the period, the "
            "share who logged a field conversation or attended training in the six months up "
            "to that day. No figure when nobody is certified. With a district: people who "
            "live there."),
            _published("agents.active_share"),
            series=_published_series("agents.active_share")),
        share("attendance_rate", _l("Training attendance rate"), _l(
            "At training sessions not cancelled that started in the period and had their roll "
            "call taken, the share of the people expected (enrolled, or recorded without an "
            "enrolment) who were present or partly present. With a district: sessions held "
            "there."),
            _published("agents.attendance_rate")),
        share("arguments_current_share", _l("Validated statistics still current"), _l(
            "Of the statistic counter-arguments validated by the last day of the period, the "
            "share whose “valid until” date is not past on that day. No figure when no "
            "statistic was validated. The whole city."),
            _published("rumours.statistics_current", district=False), ()),
        share("partners_in_campaigns_share", _l("Partners taking part in campaigns"), _l(
            "Organisations taking part (accepted or awaiting an answer) in a published "
            "campaign whose dates overlap the period, out of the partners in the network on "
            "the period's last day (at most 100 %). With a district: organisations based "
            "there."),
            partners_in_campaigns),
        MeasureDefinition(
            "median_days_to_triage", _l("Days from report to triage"), _l(
                "Median number of days from the moment a rumour was recorded to its first "
                "move out of “reported”, over the rumours that made that move in the period. "
                "No figure when none did. The whole city."),
            "how_well", "days", "down",
            _published("rumours.days_to_triage", district=False)),
    ]


def _better_off() -> list[MeasureDefinition]:
    return [
        MeasureDefinition(
            "survey_share_agreeing", _l("Respondents agreeing with a rumour"), _l(
                "Share of respondents who agree with the survey statement, out of those who "
                "answered it (“don't know” included), over the waves of its survey whose "
                "fieldwork ends in the period, pooled. No figure in periods without such a "
                "wave. The survey's own area."),
            "better_off", "share", "down", survey_agreeing, ("statement_id",)),
        MeasureDefinition(
            "target_sightings_per_month", _l("Sightings of the campaign's rumours per month"), _l(
                "People counted in sightings of the rumours the campaign targets, heard in "
                "the districts it works in (the whole city when it names none), divided by "
                "the months of the period (the current one so far). No figure when the "
                "campaign targets no rumour."),
            "better_off", "per_month", "down", target_rumour_sightings, ("campaign_id",)),
        MeasureDefinition(
            "conversations_positive_share", _l("Field conversations with a positive outcome"), _l(
                "Share of the field conversations held in the period in which the person was "
                "open to another view, started to doubt or changed their mind (not: no change, "
                "turned hostile). No figure without conversations. With a district: "
                "conversations held there."),
            "better_off", "share", "up", _published("agents.positive_outcomes"), DISTRICT,
            optional=DISTRICT),
    ]


for _definition in (*_how_much(), *_how_well(), *_better_off()):
    register(_definition)
