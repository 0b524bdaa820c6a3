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
    world.objects.update(survey=survey)
    # --- results, programmes and measures -----------------------------------------------
    result = factories.result("Les habitants ne croient pas les rumeurs")
    programme = factories.programme("Le réseau anti-rumeurs", result=result)
    world.objects.update(result=result, programme=programme,
                         measure=factories.measure("Signalements", programme=programme,
                                                   public=True))
    # --- worksheets ---------------------------------------------------------------------

    # --- reports and open data ------------------------------------------------------------
