"""Routes of the rumours area, one module per concept."""

from . import (  # noqa: F401
    arguments,
    catalogue,
    context,
    dashboard,
    hateful,
    key_phrases,
    merge,
    own_reports,
    public,
    register,
    sighting_import,
    sightings,
    subscriptions,
    terms,
    workflow,
)
