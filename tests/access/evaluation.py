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

    # --- results, programmes and measures -----------------------------------------------
    "evaluation.index": Access(get=VIEW),
    "evaluation.catalogue": Access(get=VIEW),
    "evaluation.result_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.result_edit": Access(get=MANAGE, post=MANAGE,
                                     params=lambda w: {"result_id": w.result.id}),
    "evaluation.programme_new": Access(get=MANAGE, post=MANAGE),
    "evaluation.programme_edit": Access(get=MANAGE, post=MANAGE,
                                        params=lambda w: {"programme_id": w.programme.id}),
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
    world.objects.update(survey=survey)
    # --- results, programmes and measures -----------------------------------------------
    result = factories.result("Les habitants ne croient pas les rumeurs")
    programme = factories.programme("Le réseau anti-rumeurs", result=result)
    world.objects.update(result=result, programme=programme,
                         measure=factories.measure("Signalements", programme=programme,
                                                   public=True))
    world.objects["manual_measure"] = factories.measure(
        "Indice ICC", result=result, source_kind="manual", definition_key=None,
        source="ICC Index", unit="score")
    # --- worksheets ---------------------------------------------------------------------
    world.objects["worksheet_link"] = factories.worksheet_link(
        world.measure, "partner", organisation=world.organisation, note="Relais")

    # --- reports and open data ------------------------------------------------------------
