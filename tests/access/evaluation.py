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

def _measure(w):
    return {"measure_id": w.measure.id}


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
    "evaluation.wave_clear": Access(get=RESPONDENTS, post=RESPONDENTS,
                                    params=lambda w: {"wave_id": w.survey_wave.id}),
    "evaluation.wave_totals": Access(get=MANAGE, post=MANAGE,
                                     params=lambda w: {"wave_id": w.survey_wave.id}),

    # --- results, programmes and measures -----------------------------------------------
    "evaluation.index": Access(get=VIEW),
    "evaluation.catalogue": Access(get=VIEW),
    "evaluation.result_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.result_edit": Access(get=MANAGE, post=MANAGE,
                                     params=lambda w: {"result_id": w.result.id}),
    "evaluation.programme_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.programme_edit": Access(get=MANAGE, post=MANAGE,
                                        params=lambda w: {"programme_id": w.strategy_programme.id}),
    "evaluation.measure_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.measure_edit": Access(get=MANAGE, post=MANAGE, params=_measure),
    "evaluation.measure_detail": Access(get=VIEW, params=_measure),
    "evaluation.measure_values": Access(
        get=MANAGE, post=MANAGE, params=lambda w: {"measure_id": w.manual_measure.id},
        post_data=lambda w: {"period": "2025-01-01", "value": "12", "note": "ICC"}),
    # --- worksheets ---------------------------------------------------------------------
    "evaluation.worksheet": Access(get=VIEW, params=_measure),
    "evaluation.worksheet_edit": Access(get=MANAGE, post=MANAGE, params=_measure),
    "evaluation.worksheet_link_add": Access(get=MANAGE, post=MANAGE, params=_measure),
    "evaluation.worksheet_link_remove": Access(
        post=MANAGE, params=lambda w: {"link_id": w.worksheet_link.id}),
    # --- reports and open data ------------------------------------------------------------
    "evaluation.annual_report": Access(get=VIEW, query={"year": "2025", "lang": "fr"}),
    "evaluation.annual_report_pdf": Access(get=VIEW, query={"year": "2025", "lang": "fr"}),
    "evaluation.annual_report_document": Access(get=VIEW, query={"year": "2025", "lang": "en"}),
    # Only the published measures, and nothing else of the area, reach anonymous visitors.
    "evaluation.open_data": Access(get=EVERYONE),
    "evaluation.open_data_csv": Access(get=EVERYONE),
    "evaluation.open_data_json": Access(get=EVERYONE),
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
    world.objects.update(result=result, strategy_programme=programme,
                         measure=factories.measure("Signalements", programme=programme,
                                                   public=True))
    world.objects["manual_measure"] = factories.measure(
        "Indice ICC", result=result, source_kind="manual", definition_key=None,
        source="ICC Index", unit="score")
    # --- worksheets ---------------------------------------------------------------------
    world.objects["worksheet_link"] = factories.worksheet_link(
        world.measure, "partner", organisation=world.organisation, note="Relais")

    # --- reports and open data ------------------------------------------------------------
