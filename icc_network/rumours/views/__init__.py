"""Routes of the rumours area, one module per concept."""

from . import arguments, catalogue, context, dashboard, merge, public, sightings, terms  # noqa: F401
