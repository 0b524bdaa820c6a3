"""Routes of the agents area, one module per concept."""

from . import certificates, field, register, reports, training  # noqa: F401
