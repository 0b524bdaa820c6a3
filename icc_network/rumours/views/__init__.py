"""Routes of the rumours area, one module per concept."""

from . import arguments, catalogue, dashboard, public, sightings, terms  # noqa: F401

from .. import bp, vocab  # noqa: E402


@bp.context_processor
def code_lists() -> dict:
    """The area's code lists and their translated labels, for its templates."""
    return {"STATUSES": vocab.STATUSES, "RISKS": vocab.RISKS, "SPHERES": vocab.SPHERES,
            "CHANNELS": vocab.CHANNELS, "KINDS": vocab.KINDS, "VERDICTS": vocab.VERDICTS,
            "ARGUMENT_STATUSES": vocab.ARGUMENT_STATUSES, "DETECTIONS": vocab.DETECTIONS,
            "SIGHTING_LANGUAGES": vocab.SIGHTING_LANGUAGES, "UNANSWERED": vocab.UNANSWERED}
