"""Demonstration data of the evaluation area: a perception survey before and after the
market campaign, the strategy's results, programmes and measures, and a turn-the-curve
worksheet.

Drawn with a fixed seed and dated from today, on top of the other areas' demo data, so
every demo database tells the same story: residents of the two market districts were
asked, before the market campaign and again after it, whether they agree with three
rumours. Agreement fell clearly on the two rumours the campaign answered (jobs, social
benefits) and not on the one it left aside (social housing). The network, agent training
and the market campaign are the programmes towards "residents do not believe rumours
about newcomers"; their measures are computed monthly over the last year (its first six
months are the baseline), the ICC Index score is entered by hand each quarter, and the
worksheet of the survey measure names who helps turn the curve and what comes next.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import insert, select

from ..auth.demo import demo_user
from ..campaigns.models import Campaign, CampaignDistrict, CampaignRumour
from ..core.clock import today
from ..extensions import db
from ..network.models import Decision, Organisation
from ..rumours.models import CounterArgument, Rumour
from .models import (
    Measure,
    MeasureValue,
    Result,
    StrategyProgramme,
    Survey,
    SurveyAnswer,
    SurveyDistrict,
    SurveyRespondent,
    SurveyStatement,
    SurveyWave,
    WorksheetLink,
)
from .services import catalogue, series, survey_results

# Keys of the measures catalogue (services/catalogue.py) that the demo measures name.
AGENTS_TRAINED = "agents_trained"
AGENTS_CERTIFIED = "agents_certified"
TRAINING_HOURS = "training_hours"
ACTIVITIES_HELD = "activities_held"
PEOPLE_REACHED = "people_reached"
ARGUMENTS_VALIDATED = "arguments_validated"
PARTNERS_IN_NETWORK = "partners_in_network"
SIGHTINGS_RECORDED = "sightings_recorded"
CERTIFIED_AGENTS_ACTIVE_SHARE = "certified_agents_active_share"
ATTENDANCE_RATE = "attendance_rate"
ARGUMENTS_CURRENT_SHARE = "arguments_current_share"
PARTNERS_IN_CAMPAIGNS_SHARE = "partners_in_campaigns_share"
MEDIAN_DAYS_TO_TRIAGE = "median_days_to_triage"
SURVEY_SHARE_AGREEING = "survey_share_agreeing"  # param statement_id
TARGET_SIGHTINGS_PER_MONTH = "target_sightings_per_month"  # param campaign_id
CONVERSATIONS_POSITIVE_SHARE = "conversations_positive_share"

SEED = 2026
# The campaigns demo's campaign that ended two months ago, and the one running now.
MARKET_STATUS, RUNNING_STATUS = "completed", "running"
# The survey's statements are the wording of the campaign's first two rumours (jobs, social
# benefits), then of the first rumour no campaign answers (social housing). Agreement in
# percent at the baseline and at the follow-up.
STATEMENTS = [("q1", 46, 31), ("q2", 42, 29), ("q3", 37, 36)]
DONT_KNOW = 7  # percent of "don't know" on every statement
# (name, kind, respondents, days before the campaign starts / after it ends)
WAVES = [("T0 — avant la campagne", "baseline", 364, 28),
         ("T1 — après la campagne", "follow_up", 338, 14)]
FIELDWORK_DAYS = 20
AGE_WEIGHTS = {"18_29": 20, "30_44": 27, "45_64": 33, "65_plus": 20}
# Older respondents agree a little more often with the rumours.
AGE_LEAN = {"18_29": -0.10, "30_44": -0.03, "45_64": 0.04, "65_plus": 0.12}
GENDER_WEIGHTS = {"woman": 51, "man": 47, "other": 2}

RESULTS = [
    ("Les habitants ne croient pas aux rumeurs sur les nouveaux arrivants",
     "Residents do not believe rumours about newcomers",
     "Ce que les habitants pensent des rumeurs les plus entendues, mesuré par l’enquête de "
     "perception et par les signalements.",
     "What residents think of the rumours heard most, measured by the perception survey and "
     "by the sightings."),
    ("Chaque habitant se sent chez lui dans la ville",
     "Every resident feels at home in the city",
     "Une ville interculturelle, où chacun trouve sa place quelle que soit son origine.",
     "An intercultural city where everyone finds their place whatever their origin."),
]
PROGRAMMES = [
    ("network", "Le réseau anti-rumeurs", "The anti-rumour network",
     "Les partenaires qui repèrent les rumeurs, construisent les arguments et les relaient.",
     "The partners who spot rumours, build the arguments and pass them on."),
    ("training", "La formation des agents anti-rumeurs", "Anti-rumour agent training",
     "Former et certifier des habitants et des agents municipaux qui répondent aux rumeurs.",
     "Train and certify residents and municipal staff who answer rumours."),
    ("campaign", "La campagne des marchés", "The market campaign",
     "Parler des rumeurs sur l’emploi et les aides avec les clients et les commerçants.",
     "Talk about rumours on jobs and benefits with shoppers and stallholders."),
]
# (programme kind or "result", quadrant, key, title fr, title en, unit, polarity,
#  headline, public, target in the unit (shares in percent, as the catalogue computes
#  them), or None)
MEASURES = [
    ("network", "how_much", PARTNERS_IN_NETWORK, "Partenaires du réseau",
     "Partners in the network", "count", "up", True, True, 70),
    ("network", "how_much", ARGUMENTS_VALIDATED, "Contre-arguments validés",
     "Counter-arguments validated", "count", "up", False, True, None),
    ("network", "how_well", ARGUMENTS_CURRENT_SHARE, "Statistiques validées encore à jour",
     "Validated statistics still current", "share", "up", False, False, 90),
    ("network", "how_well", PARTNERS_IN_CAMPAIGNS_SHARE, "Partenaires engagés dans une campagne",
     "Partners taking part in campaigns", "share", "up", False, False, 15),
    ("network", "how_well", MEDIAN_DAYS_TO_TRIAGE, "Jours entre le signalement et le tri",
     "Days from report to triage", "days", "down", False, False, 7),
    ("training", "how_much", AGENTS_TRAINED, "Personnes formées", "People trained",
     "count", "up", False, True, None),
    ("training", "how_much", TRAINING_HOURS, "Heures de formation", "Training hours",
     "count", "up", False, False, None),
    ("training", "how_much", AGENTS_CERTIFIED, "Agents certifiés", "Agents certified",
     "count", "up", True, True, None),
    ("training", "how_well", ATTENDANCE_RATE, "Taux de présence", "Attendance rate",
     "share", "up", False, False, 90),
    ("training", "how_well", CERTIFIED_AGENTS_ACTIVE_SHARE, "Agents certifiés actifs",
     "Certified agents who are active", "share", "up", False, False, 75),
    ("training", "better_off", CONVERSATIONS_POSITIVE_SHARE,
     "Conversations qui ont fait bouger les idées", "Conversations that opened minds",
     "share", "up", True, True, 50),
    ("campaign", "how_much", ACTIVITIES_HELD, "Activités tenues", "Activities held",
     "count", "up", False, False, None),
    ("campaign", "how_much", PEOPLE_REACHED, "Personnes touchées", "People reached",
     "count", "up", False, True, None),
    ("campaign", "better_off", TARGET_SIGHTINGS_PER_MONTH,
     "Signalements des rumeurs visées par mois", "Sightings of the targeted rumours a month",
     "per_month", "down", False, False, 20),
    ("campaign", "better_off", SURVEY_SHARE_AGREEING,
     "Habitants d’accord avec « les immigrés prennent le travail »",
     "Residents agreeing that “immigrants take jobs”", "share", "down", True, True,
     25),
    ("result", None, SIGHTINGS_RECORDED, "Rumeurs entendues (personnes signalées)",
     "Rumours heard (people in sightings)", "count", "down", False, True, None),
]
ICC_INDEX = ("Score de l’Indice des cités interculturelles", "ICC Index score")
ICC_DEFINITION = ("Le score de la ville au questionnaire de l’Indice des cités interculturelles "
                  "(sur 100), rempli chaque trimestre par le service Vivre-ensemble.",
                  "The city's score on the Intercultural Cities Index questionnaire (out of "
                  "100), filled in each quarter by the Living-together department.")
ICC_SOURCE = ("Questionnaire de l’Indice ICC rempli par le service Vivre-ensemble "
              "(chiffres de démonstration)")
ICC_SCORES = [52, 53, 53, 55, 56, 58, 61, 63]  # the last eight quarters, oldest first
ICC_TARGET = 70
STORY = {
    "fr": "Avant la campagne des marchés, près d’un habitant sur deux des quartiers de la Gare "
          "et des Moulins pensait que les immigrés prennent le travail des gens d’ici. Après "
          "huit samedis de cafés, un stand et une bibliothèque vivante, ils sont moins d’un "
          "sur trois. La rumeur sur le logement social, que la campagne n’abordait pas, n’a "
          "pas bougé : ce sont les conversations, pas le temps qui passe, qui font la "
          "différence.",
    "en": "Before the market campaign, nearly one resident in two in the Station and Les "
          "Moulins districts thought immigrants take local people's jobs. After eight "
          "Saturdays of cafés, a stall and a living library, fewer than one in three do. The "
          "rumour on social housing, which the campaign left aside, has not moved: "
          "conversations, not time passing, make the difference.",
}
PARTNER_ORGANISATION = "Association des commerçants de la Gare"
PARTNER_ROLE = "Relaie les arguments auprès des commerçants et accueille le stand au marché."
ARGUMENT_NOTE = "Le chiffre local sur les métiers qui recrutent ouvre la conversation."
MARKET_NOTE = "Cafés du samedi et stand : l’accord avec la rumeur a baissé de 15 points."
RUNNING_NOTE = "Reprendre la méthode des marchés dans les Quartiers Nord."
DECISION_TEXT = "Former vingt agents anti-rumeurs"  # the support group decision (FR)
DECISION_NOTE = "Des agents formés pour tenir les cafés de la prochaine campagne."


@dataclass
class Demo:
    coordinator_id: int
    market: Campaign
    running: Campaign | None
    rumours: list[int]  # the survey's rumours, in the order of STATEMENTS
    districts: list[int]
    baseline_wave_ends: date | None = None


def load() -> None:
    demo = _demo()
    if demo is None:
        return
    statements = _survey(demo)
    programmes = _strategy(demo)
    _worksheet(demo, _measures(demo, programmes, statements))
    db.session.flush()
    # Every measure's series, as the measures job computes it: the pages have curves at once.
    series.recompute_all()


def _demo() -> Demo | None:
    market = db.session.scalar(select(Campaign).where(Campaign.status == MARKET_STATUS)
                               .order_by(Campaign.id))
    if market is None:
        return None
    targeted = list(db.session.scalars(select(CampaignRumour.rumour_id).where(
        CampaignRumour.campaign_id == market.id).order_by(CampaignRumour.rumour_id)))
    # A rumour no campaign answers: the survey's control statement.
    untouched = db.session.scalar(
        select(Rumour.id).where(Rumour.status != "reported",
                                Rumour.id.not_in(select(CampaignRumour.rumour_id)))
        .order_by(Rumour.id))
    if len(targeted) < 2 or untouched is None:
        return None
    return Demo(
        coordinator_id=demo_user("coordinator").id, market=market,
        running=db.session.scalar(select(Campaign).where(Campaign.status == RUNNING_STATUS)
                                  .order_by(Campaign.id)),
        rumours=[*targeted[:2], untouched],
        districts=list(db.session.scalars(select(CampaignDistrict.district_id).where(
            CampaignDistrict.campaign_id == market.id).order_by(CampaignDistrict.district_id))))


# --- the perception survey -----------------------------------------------------------


def _survey(demo: Demo) -> list[SurveyStatement]:
    survey = Survey(
        title={"fr": "Baromètre des rumeurs aux marchés de la Gare et des Moulins",
               "en": "Rumour barometer at the Station and Les Moulins markets"},
        description={"fr": "Enquête de rue auprès des habitants, avant et après la campagne "
                           "des marchés : êtes-vous d’accord avec ces affirmations ?",
                     "en": "A street survey of residents before and after the market "
                           "campaign: do you agree with these statements?"},
        campaign_id=demo.market.id, created_by_id=demo.coordinator_id)
    db.session.add(survey)
    db.session.flush()
    db.session.add_all(SurveyDistrict(survey_id=survey.id, district_id=d) for d in demo.districts)
    wording = dict(db.session.execute(select(Rumour.id, Rumour.wording).where(
        Rumour.id.in_(demo.rumours))).all())
    statements = [SurveyStatement(survey_id=survey.id, rumour_id=rumour_id, code=code,
                                  text=dict(wording[rumour_id]), position=position)
                  for position, (rumour_id, (code, _b, _f))
                  in enumerate(zip(demo.rumours, STATEMENTS, strict=True), start=1)]
    db.session.add_all(statements)
    rng = random.Random(SEED)
    for index, (name, kind, size, offset) in enumerate(WAVES):
        if index == 0:
            ends = demo.market.starts_on - timedelta(days=offset)
            starts = ends - timedelta(days=FIELDWORK_DAYS)
        else:
            starts = demo.market.ends_on + timedelta(days=offset)
            ends = starts + timedelta(days=FIELDWORK_DAYS)
        wave = SurveyWave(survey_id=survey.id, name=name, kind=kind, starts_on=starts,
                          ends_on=ends)
        db.session.add(wave)
        db.session.flush()
        _respondents(rng, demo, wave, size, statements, wave_index=index)
        if kind == "baseline":
            demo.baseline_wave_ends = ends
    return statements


def _respondents(rng: random.Random, demo: Demo, wave: SurveyWave, size: int,
                 statements: list[SurveyStatement], wave_index: int) -> None:
    """``size`` people with a district, an age band and a gender; exactly the agreement of
    STATEMENTS on each statement, more often among older people."""
    ages = rng.choices(list(AGE_WEIGHTS), weights=list(AGE_WEIGHTS.values()), k=size)
    genders = rng.choices(list(GENDER_WEIGHTS), weights=list(GENDER_WEIGHTS.values()), k=size)
    districts = [rng.choice(demo.districts) if demo.districts else None for _ in range(size)]
    prefix = wave.name.partition(" ")[0]
    fieldwork = (wave.ends_on - wave.starts_on).days
    rows = [{"wave_id": wave.id, "reference": f"{prefix}-{n + 1:04d}", "district_id": districts[n],
             "age_band": ages[n], "gender": genders[n], "imported_at": datetime.combine(
                 wave.starts_on + timedelta(days=n % (fieldwork + 1)), time(17, 0))}
            for n in range(size)]
    db.session.execute(insert(SurveyRespondent), rows)
    ids = list(db.session.scalars(select(SurveyRespondent.id).where(
        SurveyRespondent.wave_id == wave.id).order_by(SurveyRespondent.id)))
    answers = []
    for statement, spec in zip(statements, STATEMENTS, strict=True):
        agree = round(spec[1 + wave_index] * size / 100)
        dont_know = round(DONT_KNOW * size / 100)
        order = sorted(range(size), key=lambda n: rng.random() + AGE_LEAN[ages[n]], reverse=True)
        unsure = set(rng.sample(order[agree:], dont_know))
        for position, n in enumerate(order):
            answer = ("agree" if position < agree else "dont_know" if n in unsure
                      else "disagree")
            answers.append({"respondent_id": ids[n], "statement_id": statement.id,
                            "answer": answer})
    db.session.execute(insert(SurveyAnswer), answers)
    survey_results.refresh_tallies(wave.id)


# --- results, programmes and measures ------------------------------------------------


def _strategy(demo: Demo) -> dict[str, StrategyProgramme | Result]:
    results = [Result(title={"fr": t_fr, "en": t_en}, description={"fr": d_fr, "en": d_en},
                      position=n) for n, (t_fr, t_en, d_fr, d_en) in enumerate(RESULTS)]
    db.session.add_all(results)
    db.session.flush()
    made: dict[str, StrategyProgramme | Result] = {"result": results[0], "icc": results[1]}
    for position, (kind, t_fr, t_en, d_fr, d_en) in enumerate(PROGRAMMES):
        made[kind] = StrategyProgramme(
            title={"fr": t_fr, "en": t_en}, description={"fr": d_fr, "en": d_en}, kind=kind,
            result_id=results[0].id, position=position,
            campaign_id=demo.market.id if kind == "campaign" else None)
        db.session.add(made[kind])
    db.session.flush()
    return made


def _measures(demo: Demo, owners: dict, statements: list[SurveyStatement]) -> Measure:
    """Every measure of MEASURES over the last twelve months, and the ICC Index score;
    the survey measure (the worksheet's) is returned."""
    start = today().replace(day=1) - relativedelta(months=12)
    params = {SURVEY_SHARE_AGREEING: {"statement_id": statements[0].id},
              TARGET_SIGHTINGS_PER_MONTH: {"campaign_id": demo.market.id}}
    target_on = today().replace(day=1) + relativedelta(months=12)
    made = {}
    for position, (owner, quadrant, key, t_fr, t_en, unit, polarity, headline, public,
                   target) in enumerate(MEASURES):
        found = catalogue.definition(key)
        is_result = owner == "result"
        made[key] = Measure(
            title={"fr": t_fr, "en": t_en},
            result_id=owners[owner].id if is_result else None,
            programme_id=None if is_result else owners[owner].id,
            quadrant=None if is_result else (found.quadrant if found else quadrant),
            source_kind="computed", definition_key=key, params=params.get(key, {}),
            unit=found.unit if found else unit,
            polarity=found.polarity if found else polarity, frequency="month",
            series_start=start, baseline_start=start,
            baseline_end=_baseline_end(demo, key, start),
            target_value=target, target_on=target_on if target is not None else None,
            public=public, headline=headline, position=position)
    db.session.add_all(made.values())
    _icc_index(owners["icc"], len(MEASURES))
    db.session.flush()
    return made[SURVEY_SHARE_AGREEING]


def _baseline_end(demo: Demo, key: str, start: date) -> date:
    """The series' first six months; for the survey measure, up to the end of the month of
    the baseline wave, so that its baseline is the wave's figure."""
    end = start + relativedelta(months=6) - timedelta(days=1)
    if key == SURVEY_SHARE_AGREEING and demo.baseline_wave_ends:
        wave_month_end = (demo.baseline_wave_ends.replace(day=1) + relativedelta(months=1)
                          - timedelta(days=1))
        end = max(end, wave_month_end)
    return end


def _icc_index(result: Result, position: int) -> None:
    """The quarterly score entered by hand: the last eight quarters, the first four the
    baseline."""
    quarter = today().replace(day=1) - relativedelta(months=(today().month - 1) % 3)
    start = quarter - relativedelta(months=3 * len(ICC_SCORES))
    measure = Measure(
        title={"fr": ICC_INDEX[0], "en": ICC_INDEX[1]},
        definition={"fr": ICC_DEFINITION[0], "en": ICC_DEFINITION[1]}, result_id=result.id,
        source_kind="manual", definition_key=None, source=ICC_SOURCE, unit="score",
        polarity="up", frequency="quarter", series_start=start, baseline_start=start,
        baseline_end=start + relativedelta(months=12) - timedelta(days=1),
        target_value=ICC_TARGET, target_on=quarter + relativedelta(months=18), public=True,
        headline=True, position=position)
    db.session.add(measure)
    db.session.flush()
    coordinator = demo_user("coordinator").id
    db.session.add_all(MeasureValue(
        measure_id=measure.id, period_start=start + relativedelta(months=3 * n), value=score,
        note="Questionnaire rempli en comité technique" if n % 4 == 0 else "",
        entered_by_id=coordinator,
        entered_at=datetime.combine(start + relativedelta(months=3 * n + 3), time(10, 0)))
        for n, score in enumerate(ICC_SCORES))


# --- the turn-the-curve worksheet ----------------------------------------------------


def _worksheet(demo: Demo, measure: Measure) -> None:
    measure.story = dict(STORY)
    organisation = db.session.scalar(select(Organisation.id).where(
        Organisation.name == PARTNER_ORGANISATION))
    argument = db.session.scalar(select(CounterArgument.id).where(
        CounterArgument.rumour_id == demo.rumours[0], CounterArgument.status == "validated")
        .order_by(CounterArgument.id))
    decision = next((d.id for d in db.session.scalars(select(Decision).order_by(Decision.id))
                     if d.text.get("fr") == DECISION_TEXT), None)
    lines = [("partner", "organisation_id", organisation, PARTNER_ROLE),
             ("what_works", "argument_id", argument, ARGUMENT_NOTE),
             ("what_works", "campaign_id", demo.market.id, MARKET_NOTE),
             ("action", "campaign_id", demo.running.id if demo.running else None, RUNNING_NOTE),
             ("action", "decision_id", decision, DECISION_NOTE)]
    db.session.add_all(WorksheetLink(measure_id=measure.id, section=section, note=note,
                                     position=position, **{target: target_id})
                       for position, (section, target, target_id, note) in enumerate(lines)
                       if target_id is not None)

