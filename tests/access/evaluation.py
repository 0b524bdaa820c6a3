"""Expected access to the evaluation area's routes: coordinators run surveys and measures;
staff read the figures; respondent-level data never leaves coordinators; published
measures are open data for everyone, anonymous visitors included."""

from __future__ import annotations

from icc_network.core.permissions import ADMIN, COORDINATOR, STAFF

from ..evaluation import factories
from . import EVERYONE, Access, only

VIEW = only(ADMIN, COORDINATOR, STAFF)
MANAGE = only(ADMIN, COORDINATOR)
RESPONDENTS = only(ADMIN, COORDINATOR)

ACCESS = {
    "evaluation.static": Access(get=EVERYONE,
                                params=lambda w: {"filename": "css/evaluation.css"}),
    # --- surveys ----------------------------------------------------------------------
    "evaluation.surveys": Access(get=VIEW),
    "evaluation.survey_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.survey_edit": Access(get=MANAGE, post=MANAGE,
                                     params=lambda w: {"survey_id": w.survey.id}),
    "evaluation.survey_detail": Access(get=VIEW, params=lambda w: {"survey_id": w.survey.id}),
    "evaluation.survey_results": Access(get=VIEW, params=lambda w: {"survey_id": w.survey.id}),
    "evaluation.wave_new": Access(get=MANAGE, post=MANAGE,
                                  params=lambda w: {"survey_id": w.survey.id}),
    "evaluation.wave_edit": Access(get=MANAGE, post=MANAGE,
                                   params=lambda w: {"wave_id": w.survey_wave.id}),
    # Respondent-level data never leaves coordinators.
    "evaluation.wave_import": Access(get=RESPONDENTS, post=RESPONDENTS,
                                     params=lambda w: {"wave_id": w.survey_wave.id}),
    "evaluation.wave_import_confirm": Access(post=RESPONDENTS,
                                             params=lambda w: {"wave_id": w.survey_wave.id}),
    "evaluation.wave_totals": Access(get=MANAGE, post=MANAGE,
                                     params=lambda w: {"wave_id": w.survey_wave.id}),

    # --- results, programmes and measures -----------------------------------------------

    # --- worksheets ---------------------------------------------------------------------

    # --- reports and open data ------------------------------------------------------------
    "evaluation.annual_report": Access(get=VIEW, query={"year": "2025", "lang": "fr"}),
    "evaluation.annual_report_pdf": Access(get=VIEW, query={"year": "2025", "lang": "fr"}),
    "evaluation.annual_report_document": Access(get=VIEW, query={"year": "2025", "lang": "en"}),
}


def build(world) -> None:
    """A survey of the published rumour with two waves, a result with a programme and a
    public computed measure."""
    # --- surveys ----------------------------------------------------------------------
    survey = factories.survey("Enquête de perception", rumours=[world.published],
                              districts=[world.district], campaign=world.campaign)
    wave = factories.wave(survey, "Avant")
    factories.respondents(wave, factories.first_statement(survey), agree=12, disagree=8,
                          district=world.district, age_band="30_44", gender="woman")
    world.objects.update(survey=survey, survey_wave=wave)
    # --- results, programmes and measures -----------------------------------------------
    result = factories.result("Les habitants ne croient pas les rumeurs")
    programme = factories.programme("Le réseau anti-rumeurs", result=result)
    world.objects.update(result=result, programme=programme,
                         measure=factories.measure("Signalements", programme=programme,
                                                   public=True))
    # --- worksheets ---------------------------------------------------------------------

    # --- reports and open data ------------------------------------------------------------
