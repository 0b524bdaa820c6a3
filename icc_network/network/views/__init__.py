"""Routes of the network area, one module per concept."""

from . import analytics, organisations, support_group  # noqa: F401
