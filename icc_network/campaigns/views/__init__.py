"""Routes of the campaigns area, one module per concept."""

from . import activities, calendar, campaigns, feeds, participation, summary  # noqa: F401
