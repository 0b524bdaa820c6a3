"""Routes of the campaigns area, one module per concept."""

from . import campaigns, participation, summary  # noqa: F401  (the routes register on import)
