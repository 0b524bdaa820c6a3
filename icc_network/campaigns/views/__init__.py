"""Routes of the campaigns area, one module per concept."""

from . import activities, calendar, campaigns, participation, summary  # noqa: F401
